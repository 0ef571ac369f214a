import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Connect all required as a server-side job, through the real route handlers and the
// simulated host (each `snap watch` takes 60 ms there, so the job is seen running).
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-jobs-routes-'));
process.env.CONFINEMENT_DASHBOARD_STATE_DIR = path.join(tmp, 'state');
process.env.CONFINEMENT_DASHBOARD_HOST_MODE = 'demo';
process.env.CONFINEMENT_DASHBOARD_DEMO_STATE = path.join(tmp, 'demo.json');
process.env.CONFINEMENT_DASHBOARD_TOKEN = (await import('node:crypto')).randomBytes(32).toString('base64url');
process.env.DEMO_SNAP_WATCH_MS = '60';
process.env.DEMO_MICROK8S_XABLE_MS = '20';
delete process.env.CONFINEMENT_DASHBOARD_TRUST_PROXY;
afterAll(() => {
  delete process.env.DEMO_SNAP_WATCH_MS;
  fs.rmSync(tmp, { recursive: true, force: true });
});

const jobsRoute = await import('@/app/api/jobs/route');
const hostJobsRoute = await import('@/app/api/hosts/[host]/jobs/route');
const jobRoute = await import('@/app/api/jobs/[id]/route');
const connectionsRoute = await import('@/app/api/connections/route');
const auditRoute = await import('@/app/api/audit/route');
const addonRoute = await import('@/app/api/microk8s/addons/[name]/[action]/route');
const cancelRoute = await import('@/app/api/jobs/[id]/cancel/route');
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
const env = () => ({ ...process.env, LC_ALL: 'C' });
const demo = (bin: string, ...args: string[]) => {
  try {
    return execFileSync(process.execPath, [path.resolve('demo/bin', bin), ...args], { env: env(), encoding: 'utf8' });
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? '');
  }
};

interface JobJson {
  id: string;
  kind: string;
  state: string;
  hosts: string[];
  steps: { action: string; plug: string; slot?: string; state: string; changeId: string | null }[];
}
const getJob = async (id: string): Promise<JobJson> => (await jobRoute.GET(req(`/api/jobs/${id}`), ctx({ id }))).json();

describe('Connect all required as a job', { timeout: 180_000 }, () => {
  it('returns the job at once (202), shows its steps while it runs, refuses a second one with its id (409), and MicroK8s ends running', async () => {
    expect(demo('microk8s', 'status', '--format', 'yaml')).toMatch(/running: False/);
    const res = await jobsRoute.POST(req('/api/jobs', 'POST', { kind: 'connect-required', snap: 'microk8s' }), ctx({}));
    expect(res.status).toBe(202);
    const started: JobJson = await res.json();
    // "At once": before its connects have run (a route that waited for the job would return it finished).
    expect(started.state).not.toMatch(/^(done|failed|cancelled)$/);
    expect(started.steps.filter((s) => s.state === 'queued').length).toBeGreaterThan(0);
    expect(res.headers.get('location')).toBe(`/api/jobs/${started.id}`);
    expect(started).toMatchObject({ kind: 'connect-required', hosts: ['demo'] });
    expect(started.steps.length).toBeGreaterThan(5);
    for (const s of started.steps) expect(s).toMatchObject({ action: 'connect', plug: expect.stringMatching(/^microk8s:/), slot: expect.stringMatching(/^:/) });

    const busy = await jobsRoute.POST(req('/api/jobs', 'POST', { kind: 'connect-required', snap: 'microk8s' }), ctx({}));
    expect(busy.status).toBe(409);
    expect((await busy.json()).error).toMatchObject({ code: 'job-running', jobId: started.id });

    let seenRunning = false;
    let job = await getJob(started.id);
    for (const end = Date.now() + 90_000; Date.now() < end && !['done', 'failed', 'cancelled'].includes(job.state); ) {
      if (job.state === 'running' && job.steps.some((s) => s.state === 'done') && job.steps.some((s) => s.state === 'queued')) seenRunning = true;
      await new Promise((r) => setTimeout(r, 25));
      job = await getJob(started.id);
    }
    expect(seenRunning).toBe(true);
    expect(job.state).toBe('done');
    for (const s of job.steps) expect(s).toMatchObject({ state: 'done', changeId: expect.stringMatching(/^\d+$/) });
    expect(demo('microk8s', 'status', '--format', 'yaml')).toMatch(/running: True/);
    // Every connect was audited with its change id, like one made from a snap page.
    const audit = await readAudit({ limit: 100 });
    for (const s of job.steps) expect(audit.some((e) => e.target === `${s.plug} ${s.slot}` && e.changeId === s.changeId)).toBe(true);

    // Activity's "Target contains": GET /api/audit?target=microk8s finds every one of them (a substring).
    const found = await (await auditRoute.GET(req('/api/audit?target=microk8s&limit=1000'), ctx({}))).json();
    expect(found.entries.length).toBeGreaterThanOrEqual(job.steps.length);
    for (const e of found.entries) expect(e.target).toContain('microk8s');

    // Finished jobs are listed (Activity), also per host.
    const all = await (await jobsRoute.GET(req('/api/jobs'), ctx({}))).json();
    expect(all.jobs[0]).toMatchObject({ id: started.id, state: 'done' });
    const mine = await (await hostJobsRoute.GET(req('/api/hosts/demo/jobs'), ctx({ host: 'demo' }))).json();
    expect(mine.jobs.map((j: JobJson) => j.id)).toContain(started.id);
    const other = await (await hostJobsRoute.GET(req('/api/hosts/demo/jobs'), ctx({ host: 'nope' })));
    expect(other.status).toBe(404);

    // Nothing left to connect: said so, no job.
    const again = await jobsRoute.POST(req('/api/jobs', 'POST', { kind: 'connect-required', snap: 'microk8s' }), ctx({}));
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('nothing-to-do');
  });

  it('cancels between steps: the step in flight finishes, the rest are skipped', async () => {
    for (const plug of ['system-observe', 'process-control', 'mount-observe']) {
      expect((await connectionsRoute.DELETE(req('/api/connections', 'DELETE', { plug: `microk8s:${plug}` }), ctx({}))).status).toBe(200);
    }
    const started: JobJson = await (await jobsRoute.POST(req('/api/jobs', 'POST', { kind: 'connect-required', snap: 'microk8s' }), ctx({}))).json();
    expect(started.steps).toHaveLength(3);
    const c = await cancelRoute.POST(req(`/api/jobs/${started.id}/cancel`, 'POST', {}), ctx({ id: started.id }));
    expect(c.status).toBe(200);
    let job = await getJob(started.id);
    for (const end = Date.now() + 90_000; Date.now() < end && !['done', 'failed', 'cancelled'].includes(job.state); ) {
      await new Promise((r) => setTimeout(r, 25));
      job = await getJob(started.id);
    }
    expect(job.state).toBe('cancelled');
    expect(job.steps.filter((s) => s.state === 'skipped').length).toBeGreaterThanOrEqual(2);
    // The rest, to leave MicroK8s running for the addon tests.
    const rest: JobJson = await (await jobsRoute.POST(req('/api/jobs', 'POST', { kind: 'connect-required', snap: 'microk8s' }), ctx({}))).json();
    expect(rest.steps.length).toBe(job.steps.filter((s) => s.state === 'skipped').length);
    job = await getJob(rest.id);
    for (const end = Date.now() + 90_000; Date.now() < end && !['done', 'failed', 'cancelled'].includes(job.state); ) {
      await new Promise((r) => setTimeout(r, 25));
      job = await getJob(rest.id);
    }
    expect(job.state).toBe('done');
  });

  it('refuses what it does not know: another snap, another kind, a bad name', async () => {
    const other = await jobsRoute.POST(req('/api/jobs', 'POST', { kind: 'connect-required', snap: 'firefox' }), ctx({}));
    expect(other.status).toBe(400);
    const kind = await jobsRoute.POST(req('/api/jobs', 'POST', { kind: 'reboot', snap: 'microk8s' }), ctx({}));
    expect(kind.status).toBe(400);
    const bad = await jobsRoute.POST(req('/api/jobs', 'POST', { kind: 'connect-required', snap: 'Micro K8s' }), ctx({}));
    expect(bad.status).toBe(400);
  });
});

describe('addons as jobs (MicroK8s running after the first test)', { timeout: 180_000 }, () => {
  const addon = (name: string, action: string) => addonRoute.POST(req(`/api/microk8s/addons/${name}/${action}`, 'POST', {}), ctx({ name, action }));

  it('refuses a classic-only addon with 409 and its reason, before anything runs', async () => {
    const res = await addon('cilium', 'enable');
    expect(res.status).toBe(409);
    const { error } = await res.json();
    expect(error.code).toBe('addon-not-available');
    expect(error.message).toMatch(/^community\/cilium cannot run under strict confinement: MicroK8s (says|states no reason)/);
  });

  it('runs disable and enable of dns as jobs, with the command output recorded as it arrives; audited', async () => {
    const res = await addon('dns', 'disable');
    expect(res.status).toBe(202);
    const started: JobJson & { steps: { output?: string; addon: string }[] } = await res.json();
    expect(started).toMatchObject({ kind: 'addon', steps: [{ action: 'disable', addon: 'core/dns' }] });
    let job = await getJob(started.id);
    let partial = false;
    for (const end = Date.now() + 90_000; Date.now() < end && !job.state.match(/done|failed|cancelled/); ) {
      const out = (job.steps[0] as { output?: string }).output ?? '';
      if (out.includes('Disabling DNS') && !out.includes('DNS is disabled')) partial = true;
      await new Promise((r) => setTimeout(r, 10));
      job = await getJob(started.id);
    }
    expect(job.state).toBe('done');
    expect(partial).toBe(true);
    expect((job.steps[0] as { output?: string }).output).toMatch(/^Disabling DNS\n[\s\S]*DNS is disabled\n$/);
    expect(demo('microk8s', 'status', '--addon', 'dns')).toBe('disabled\n');
    const [line] = await readAudit({ limit: 1 });
    expect(line).toMatchObject({ action: 'addon.disable', target: 'microk8s core/dns', result: 'ok' });

    // Already disabled: nothing to do.
    expect((await addon('dns', 'disable')).status).toBe(409);
    const on: JobJson = await (await addon('core/dns', 'enable')).json();
    for (const end = Date.now() + 90_000; Date.now() < end && !(await getJob(on.id)).state.match(/done|failed/); ) await new Promise((r) => setTimeout(r, 10));
    expect((await getJob(on.id)).state).toBe('done');
    expect(demo('microk8s', 'status', '--addon', 'dns')).toBe('enabled\n');
  });

  it('answers 404 for an unknown addon, a bad name or action', async () => {
    expect((await addon('nope', 'enable')).status).toBe(404);
    expect((await addon('Bad Name', 'enable')).status).toBe(404);
    expect((await addon('dns', 'reboot')).status).toBe(404);
  });
});
