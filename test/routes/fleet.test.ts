import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// A simulated fleet of four (DEMO_FLEET=4) through the real route handlers and host layer:
// the demo host, node-2 (blocked), node-3 (ready), node-4 (down).
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-fleet-routes-'));
process.env.CONFINEMENT_DASHBOARD_STATE_DIR = path.join(tmp, 'state');
process.env.CONFINEMENT_DASHBOARD_HOST_MODE = 'demo';
process.env.CONFINEMENT_DASHBOARD_DEMO_STATE = path.join(tmp, 'demo.json');
process.env.CONFINEMENT_DASHBOARD_TOKEN = (await import('node:crypto')).randomBytes(32).toString('base64url');
process.env.DEMO_FLEET = '4';
delete process.env.CONFINEMENT_DASHBOARD_TRUST_PROXY;
afterAll(() => {
  delete process.env.DEMO_FLEET;
  fs.rmSync(tmp, { recursive: true, force: true });
});

const hostsRoute = await import('@/app/api/hosts/route');
const fleetRoute = await import('@/app/api/fleet/route');
const compareRoute = await import('@/app/api/fleet/compare/route');
const systemRoute = await import('@/app/api/hosts/[host]/system/route');
const connectionsRoute = await import('@/app/api/hosts/[host]/connections/route');
const profileRoute = await import('@/app/api/profiles/[name]/route');
const planRoute = await import('@/app/api/profiles/[name]/plan/route');
const applyRoute = await import('@/app/api/profiles/[name]/apply/route');
const jobRoute = await import('@/app/api/jobs/[id]/route');
const { readAudit } = await import('@/lib/audit/log');

const TOKEN = process.env.CONFINEMENT_DASHBOARD_TOKEN;
function req(url: string, method = 'GET', body?: unknown): Request {
  return new Request(`http://127.0.0.1:3000${url}`, {
    method,
    headers: { host: '127.0.0.1:3000', authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}
const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });

/** What a node's own simulated `snap` says, bypassing the dashboard. */
function nodeSnap(node: string, ...args: string[]): string {
  const state = node === 'demo' ? path.join(tmp, 'demo.json') : path.join(tmp, 'fleet', `${node}.json`);
  const env = { ...process.env, CONFINEMENT_DASHBOARD_DEMO_STATE: state, LC_ALL: 'C' };
  return execFileSync(process.execPath, [path.resolve('demo/bin/snap'), ...args], { env, encoding: 'utf8' });
}
const connected = (node: string, plug: string) => new RegExp(`^\\S+\\s+microk8s:${plug}\\s+:\\S+`, 'm').test(nodeSnap(node, 'connections', 'microk8s'));

describe('a simulated fleet', () => {
  it('lists every host with its own hostname; the node that is down says so', async () => {
    const res = await hostsRoute.GET(req('/api/hosts'), ctx({}));
    expect(res.status).toBe(200);
    const { hosts } = await res.json();
    expect(hosts.map((h: { id: string }) => h.id)).toEqual(['demo', 'node-2', 'node-3', 'node-4']);
    expect(hosts.map((h: { hostname: string | null }) => h.hostname)).toEqual(['lab-server', 'node-2', 'node-3', null]);
    expect(hosts[3]).toMatchObject({ reachable: false, transport: 'demo', error: expect.stringMatching(/not reachable/) });
    for (const h of hosts.slice(0, 3)) expect(h).toMatchObject({ reachable: true, snapdVersion: expect.stringMatching(/^2\./) });
  });

  it('answers each host under /api/hosts/{id}, and 404 for a host it does not have', async () => {
    const sys = await (await systemRoute.GET(req('/api/hosts/node-3/system'), ctx({ host: 'node-3' }))).json();
    expect(sys).toMatchObject({ hostId: 'node-3', hostname: 'node-3' });
    const missing = await systemRoute.GET(req('/api/hosts/nope/system'), ctx({ host: 'nope' }));
    expect(missing.status).toBe(404);
    const down = await systemRoute.GET(req('/api/hosts/node-4/system'), ctx({ host: 'node-4' }));
    expect(down.status).toBe(502);
    expect((await down.json()).error.code).toBe('unreachable');
  });

  it('a connect through one host changes only that host, and its audit line names it', async () => {
    expect(connected('node-2', 'mount-observe')).toBe(false);
    expect(connected('demo', 'mount-observe')).toBe(false);
    const res = await connectionsRoute.POST(req('/api/hosts/node-2/connections', 'POST', { plug: 'microk8s:mount-observe' }), { params: Promise.resolve({ host: 'node-2' }) });
    expect(res.status).toBe(200);
    expect(connected('node-2', 'mount-observe')).toBe(true);
    expect(connected('demo', 'mount-observe')).toBe(false);
    const [line] = await readAudit({ limit: 1 });
    expect(line).toMatchObject({ host: 'node-2', action: 'interface.connect', target: 'microk8s:mount-observe', result: 'ok' });
  });

  it('puts the unhealthy first on the fleet overview', async () => {
    const { rows } = await (await fleetRoute.GET(req('/api/fleet'), ctx({}))).json();
    expect(rows[0]).toMatchObject({ id: 'node-4', severity: 3, reachable: false });
    const ready = rows.find((r: { id: string }) => r.id === 'node-3');
    expect(ready.microk8s).toMatchObject({ strict: true, running: true, requiredConnected: 23, requiredTotal: 23 });
    const blocked = rows.find((r: { id: string }) => r.id === 'demo');
    expect(blocked.microk8s.requiredConnected).toBeLessThan(23);
    expect(blocked.issues[0]).toMatch(/MicroK8s blocked/);
    expect(rows.indexOf(ready)).toBeGreaterThan(rows.indexOf(blocked));
  });

  it('compares one snap across hosts and marks where they differ', async () => {
    const res = await compareRoute.GET(req('/api/fleet/compare?snap=microk8s&hosts=demo,node-3'), ctx({}));
    const body = await res.json();
    const kubelet = body.plugs.find((p: { plug: string }) => p.plug === 'k8s-kubelet');
    expect(kubelet).toMatchObject({ differs: true, hosts: { 'node-3': { present: true, slots: [':kubernetes-support'] }, demo: { present: true, slots: [] } } });
    const home = body.plugs.find((p: { plug: string }) => p.plug === 'home');
    expect(home.differs).toBe(false);
    expect((await compareRoute.GET(req('/api/fleet/compare?snap=microk8s&hosts=demo'), ctx({}))).status).toBe(400);
  });

  it('takes a profile from the ready node, plans it for the blocked ones and brings them to it as a job', async () => {
    const saved = await profileRoute.PUT(req('/api/profiles/mk8s-node', 'PUT', { fromHost: 'node-3', snap: 'microk8s' }), ctx({ name: 'mk8s-node' }));
    expect(saved.status).toBe(200);
    const profile = await saved.json();
    expect(profile.connections.length).toBeGreaterThanOrEqual(23);
    expect(fs.readFileSync(path.join(tmp, 'state', 'profiles', 'mk8s-node.yaml'), 'utf8')).toContain('snap: microk8s');

    const plan = await (await planRoute.POST(req('/api/profiles/mk8s-node/plan', 'POST', { hosts: ['demo', 'node-2', 'node-4'] }), ctx({ name: 'mk8s-node' }))).json();
    const [demo, node2, node4] = plan.plans;
    expect(demo.connect.length).toBeGreaterThan(10);
    expect(node2.connect.length).toBe(demo.connect.length - 1); // mount-observe is connected there already
    expect(node4.error).toMatch(/not reachable/);

    const started = await applyRoute.POST(req('/api/profiles/mk8s-node/apply', 'POST', { hosts: ['demo', 'node-2', 'node-4'] }), ctx({ name: 'mk8s-node' }));
    expect(started.status).toBe(202);
    let job = await started.json();
    expect(job.hostErrors['node-4']).toMatch(/not reachable/);
    for (let i = 0; i < 600 && (job.state === 'queued' || job.state === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = await (await jobRoute.GET(req(`/api/jobs/${job.id}`), ctx({ id: job.id }))).json();
    }
    expect(job.state).toBe('done');
    expect(job.steps.every((s: { state: string }) => s.state === 'done')).toBe(true);
    for (const node of ['demo', 'node-2']) expect(nodeSnap(node, 'list')).toMatch(/^microk8s\s+\S+\s+\S+\s+1\.31-strict\/stable\s+\S+\s+-$/m);
    // A second apply finds nothing left to do.
    const again = await (await planRoute.POST(req('/api/profiles/mk8s-node/plan', 'POST', { hosts: ['demo', 'node-2'] }), ctx({ name: 'mk8s-node' }))).json();
    expect(again.plans.map((p: { connect: unknown[]; disconnect: unknown[] }) => p.connect.length + p.disconnect.length)).toEqual([0, 0]);
  }, 120_000);

  it('refuses a bad profile name and a profile that is not there', async () => {
    expect((await profileRoute.GET(req('/api/profiles/..%2Fx'), ctx({ name: '../x' }))).status).toBe(400);
    expect((await profileRoute.GET(req('/api/profiles/nope'), ctx({ name: 'nope' }))).status).toBe(404);
    const bad = await profileRoute.PUT(req('/api/profiles/bad', 'PUT', { snap: 'microk8s', connections: [{ plug: 'home; rm -rf /' }] }), ctx({ name: 'bad' }));
    expect(bad.status).toBe(400);
    expect(fs.existsSync(path.join(tmp, 'state', 'profiles', 'bad.yaml'))).toBe(false);
  });
});
