import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// POST /api/connections when snapd answers late (the simulated host's DEMO_SNAPD_SLOW_MS): 202
// `pending` within the answer time, the change listed by GET /api/pending-changes (unscoped and
// per host), then its outcome in the audit log with the change id the host's `snap changes` lists.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-pending-routes-'));
process.env.CONFINEMENT_DASHBOARD_STATE_DIR = path.join(tmp, 'state');
process.env.CONFINEMENT_DASHBOARD_HOST_MODE = 'demo';
process.env.CONFINEMENT_DASHBOARD_DEMO_STATE = path.join(tmp, 'demo.json');
process.env.CONFINEMENT_DASHBOARD_TOKEN = (await import('node:crypto')).randomBytes(32).toString('base64url');
delete process.env.CONFINEMENT_DASHBOARD_TRUST_PROXY;
afterAll(() => {
  delete process.env.DEMO_SNAPD_SLOW_MS;
  fs.rmSync(tmp, { recursive: true, force: true });
});

const { POST, GET: getConnections } = await import('@/app/api/connections/route');
const { GET: getPending } = await import('@/app/api/pending-changes/route');
const { GET: getHostPending } = await import('@/app/api/hosts/[host]/pending-changes/route');
const { ANSWER_WITHIN_MS } = await import('@/lib/actions/connection-change');
const { currentHost } = await import('@/lib/host');
const { readAudit } = await import('@/lib/audit/log');
const { listChanges } = await import('@/lib/snap/changes');
const host = currentHost();
await host.hostname();

const ctx = { params: Promise.resolve({}) };
const auth = { host: '127.0.0.1:3000', authorization: `Bearer ${process.env.CONFINEMENT_DASHBOARD_TOKEN}` };
const get = (url: string) => new Request(`http://127.0.0.1:3000${url}`, { headers: auth });

describe('a connect that snapd answers late', () => {
  it('202 pending, listed per host, then done-late in the audit log with the change snap changes lists', async () => {
    process.env.DEMO_SNAPD_SLOW_MS = String(ANSWER_WITHIN_MS + 2_000);
    const started = Date.now();
    const res = await POST(new Request('http://127.0.0.1:3000/api/connections', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ plug: 'microk8s:mount-observe' }) }), ctx);
    delete process.env.DEMO_SNAPD_SLOW_MS;
    expect(res.status).toBe(202);
    expect(Date.now() - started).toBeLessThan(ANSWER_WITHIN_MS + 1_500);
    const body = await res.json();
    expect(body).toMatchObject({ changeId: null, unchanged: false, connections: [], pending: { host: host.id, action: 'connect', plug: 'microk8s:mount-observe', stage: 'sent', outcome: null } });
    const id: string = body.pending.id;

    const listed = await (await getPending(get('/api/pending-changes'), ctx)).json();
    expect(listed.changes.map((c: { id: string }) => c.id)).toContain(id);
    const perHost = await (await getHostPending(get(`/api/hosts/${host.id}/pending-changes`), { params: Promise.resolve({ host: host.id }) })).json();
    expect(perHost.changes.find((c: { id: string }) => c.id === id)).toMatchObject({ outcome: null });
    expect((await getHostPending(get('/api/hosts/nope/pending-changes'), { params: Promise.resolve({ host: 'nope' }) })).status).toBe(404);
    expect((await readAudit({ target: 'microk8s:mount-observe', result: 'pending' }))[0]).toMatchObject({ changeId: null, details: { request: id } });

    let settled: { outcome: string | null; changeId: string | null } | undefined;
    for (let i = 0; i < 100 && !settled?.outcome; i++) {
      await new Promise((r) => setTimeout(r, 200));
      settled = (await (await getPending(get('/api/pending-changes'), ctx)).json()).changes.find((c: { id: string }) => c.id === id);
    }
    expect(settled).toMatchObject({ outcome: 'done-late', changeId: expect.stringMatching(/^\d+$/) });
    const [late] = await readAudit({ target: 'microk8s:mount-observe', result: 'done-late' });
    expect(late).toMatchObject({ action: 'interface.connect', changeId: settled!.changeId, details: { request: id } });
    host.invalidateReads();
    const change = (await listChanges(host, 'microk8s')).find((c) => c.id === settled!.changeId);
    expect(change).toMatchObject({ status: 'Done', summary: 'Connect microk8s:mount-observe to snapd:mount-observe' });
    const rows = (await (await getConnections(get('/api/connections?snap=microk8s'), ctx)).json()).connections as { plug: { name: string } | null; slot: unknown }[];
    expect(rows.find((c) => c.plug?.name === 'mount-observe')?.slot).toEqual({ snap: 'system', name: 'mount-observe' });
  }, 40_000);
});
