import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// POST /api/connections/batch: several plugs as one server job, on the simulated host.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-batch-routes-'));
process.env.CONFINEMENT_DASHBOARD_STATE_DIR = path.join(tmp, 'state');
process.env.CONFINEMENT_DASHBOARD_HOST_MODE = 'demo';
process.env.CONFINEMENT_DASHBOARD_DEMO_STATE = path.join(tmp, 'demo.json');
process.env.CONFINEMENT_DASHBOARD_TOKEN = (await import('node:crypto')).randomBytes(32).toString('base64url');
afterAll(() => {
  delete process.env.DEMO_SNAP_DENY_MUTATIONS;
  fs.rmSync(tmp, { recursive: true, force: true });
});

const { POST } = await import('@/app/api/connections/batch/route');
const { POST: hostPost } = await import('@/app/api/hosts/[host]/connections/batch/route');
const { currentHost } = await import('@/lib/host');
const { getJob } = await import('@/lib/jobs/jobs');
const { connections } = await import('@/lib/snap/queries');
const { readAudit } = await import('@/lib/audit/log');
const { forgetPrivilege } = await import('@/lib/snap/privilege');
const host = currentHost();
await host.hostname();

const ctx = { params: Promise.resolve({}) };
function req(body: unknown): Request {
  return new Request('http://127.0.0.1:3000/api/connections/batch', {
    method: 'POST',
    headers: { host: '127.0.0.1:3000', authorization: `Bearer ${process.env.CONFINEMENT_DASHBOARD_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

type JobBody = { id: string; kind: string; state: string; steps: { plug: string; state: string; changeId: string | null; message: string | null }[] };
async function finished(id: string): Promise<JobBody> {
  for (let i = 0; i < 300; i++) {
    const job = getJob(id);
    if (job?.finishedAt) return job as unknown as JobBody;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${id} did not finish`);
}
async function connectedPlugs(): Promise<Set<string>> {
  host.invalidateReads();
  return new Set((await connections(host, 'microk8s')).filter((c) => c.slot && c.plug).map((c) => c.plug!.name));
}

const PLUGS = ['mount-observe', 'network-observe', 'kernel-module-observe'];

describe('POST /api/connections/batch', () => {
  it('connects several plugs as one job, each step a snapd change and an audit line; then disconnects them the same way', async () => {
    const before = await connectedPlugs();
    for (const p of PLUGS) expect(before.has(p), p).toBe(false);

    const res = await POST(req({ action: 'connect', items: PLUGS.map((p) => ({ plug: `microk8s:${p}` })) }), ctx);
    expect(res.status).toBe(202);
    const started = (await res.json()) as JobBody;
    expect(started.kind).toBe('connections-batch');
    const job = await finished(started.id);
    expect(job.state).toBe('done');
    expect(job.steps.map((s) => [s.plug, s.state])).toEqual(PLUGS.map((p) => [`microk8s:${p}`, 'done']));
    for (const s of job.steps) expect(s.changeId).toMatch(/^\d+$/);
    const after = await connectedPlugs();
    for (const p of PLUGS) expect(after.has(p), p).toBe(true);
    const audit = await readAudit({ action: 'interface.connect', limit: 3 });
    expect(audit.map((a) => a.target).sort()).toEqual(PLUGS.map((p) => `microk8s:${p}`).sort());

    const undo = (await (await POST(req({ action: 'disconnect', items: PLUGS.map((p) => ({ plug: `microk8s:${p}` })) }), ctx)).json()) as JobBody;
    expect((await finished(undo.id)).state).toBe('done');
    const end = await connectedPlugs();
    for (const p of PLUGS) expect(end.has(p), p).toBe(false);
  });

  it('one job per host: a second batch while the first runs is 409 HostBusy, naming the running job', async () => {
    const first = (await (await POST(req({ action: 'connect', items: [{ plug: 'microk8s:mount-observe' }] }), ctx)).json()) as JobBody;
    const second = await POST(req({ action: 'connect', items: [{ plug: 'microk8s:network-observe' }] }), ctx);
    expect(second.status).toBe(409);
    const { error } = (await second.json()) as { error: { code: string; hint: string } };
    expect(error.code).toBe('job-running');
    expect(error.hint).toContain(first.id);
    await finished(first.id);
    await finished((await (await POST(req({ action: 'disconnect', items: [{ plug: 'microk8s:mount-observe' }] }), ctx)).json() as JobBody).id);
  });

  it('a step snapd refuses fails the job and skips the rest', async () => {
    const res = await POST(req({ action: 'connect', items: [{ plug: 'microk8s:no-such-plug' }, { plug: 'microk8s:mount-observe' }] }), ctx);
    const job = await finished(((await res.json()) as JobBody).id);
    expect(job.state).toBe('failed');
    expect(job.steps[0]).toMatchObject({ state: 'failed', message: expect.stringContaining('snap "microk8s" has no plug named "no-such-plug"') });
    expect(job.steps[1]).toMatchObject({ state: 'skipped' });
    expect((await connectedPlugs()).has('mount-observe')).toBe(false);
  });

  it('one invalid name refuses the whole batch before any job or process starts', async () => {
    const before = host.commandsStarted();
    const res = await POST(req({ action: 'connect', items: [{ plug: 'microk8s:mount-observe' }, { plug: 'microk8s:$(id)' }] }), ctx);
    expect(res.status).toBe(400);
    expect(host.commandsStarted()).toBe(before);
    expect((await POST(req({ action: 'connect', items: [] }), ctx)).status).toBe(400);
    expect((await POST(req({ action: 'install', items: [{ plug: 'microk8s:home' }] }), ctx)).status).toBe(400);
  });

  it('a read-only host: 403 with every command to run by hand, nothing started', async () => {
    process.env.DEMO_SNAP_DENY_MUTATIONS = '1';
    forgetPrivilege(host);
    try {
      const before = host.commandsStarted();
      const res = await POST(req({ action: 'connect', items: [{ plug: 'microk8s:mount-observe' }, { plug: 'microk8s:network-observe' }] }), ctx);
      expect(res.status).toBe(403);
      const { error } = (await res.json()) as { error: { code: string; hint: string } };
      expect(error.code).toBe('read-only');
      expect(error.hint).toContain('sudo snap connect microk8s:mount-observe && sudo snap connect microk8s:network-observe');
      expect(host.commandsStarted()).toBe(before);
    } finally {
      delete process.env.DEMO_SNAP_DENY_MUTATIONS;
      forgetPrivilege(host);
    }
  });

  it('is the same handler under /api/hosts/{host}/connections/batch', async () => {
    const res = await hostPost(req({ action: 'connect', items: [{ plug: 'microk8s:$(id)' }] }), { params: Promise.resolve({ host: 'demo' }) });
    expect(res.status).toBe(400);
  });
});
