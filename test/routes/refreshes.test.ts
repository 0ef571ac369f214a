import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';

// GET /api/refreshes on the simulated host: its htop was refreshed 4970 → 5029, which added
// the plug mount-observe (demo/state/build-initial.js, demo/host-root/snap/htop/*/meta/snap.yaml).
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-refreshes-'));
process.env.CONFINEMENT_DASHBOARD_STATE_DIR = path.join(tmp, 'state');
process.env.CONFINEMENT_DASHBOARD_HOST_MODE = 'demo';
process.env.CONFINEMENT_DASHBOARD_DEMO_STATE = path.join(tmp, 'demo.json');
process.env.CONFINEMENT_DASHBOARD_TOKEN = (await import('node:crypto')).randomBytes(32).toString('base64url');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const { GET } = await import('@/app/api/refreshes/route');
const { currentHost } = await import('@/lib/host');
const { performConnectionChange } = await import('@/lib/actions/connection-change');
const { parseChanges } = await import('@/lib/snap/parse');
type Body = import('@/lib/contracts/refreshes').RefreshesResponse;

const get = async (query = ''): Promise<{ status: number; body: Body }> => {
  const res = await GET(new Request(`http://127.0.0.1:3000/api/refreshes${query}`, { headers: { host: '127.0.0.1:3000', authorization: `Bearer ${process.env.CONFINEMENT_DASHBOARD_TOKEN}` } }), { params: Promise.resolve({}) });
  return { status: res.status, body: (await res.json()) as Body };
};
const demoSnap = (...args: string[]) =>
  execFileSync(process.execPath, [path.resolve('demo/bin/snap'), ...args], { env: { ...process.env, CONFINEMENT_DASHBOARD_DEMO_STATE: path.join(tmp, 'demo.json'), LC_ALL: 'C' }, encoding: 'utf8' });

describe('GET /api/refreshes', () => {
  it("names htop's refresh, its change, and the new plug left unconnected", async () => {
    const { status, body } = await get();
    expect(status).toBe(200);
    expect(body.revisions.map((r) => r.snap)).toEqual(['htop']); // the only snap with a kept older revision
    const htop = body.revisions[0]!;
    const refresh = parseChanges(demoSnap('changes', '--abs-time', 'htop')).find((c) => c.summary === 'Refresh "htop" snap');
    expect(refresh).toBeDefined();
    expect(htop).toMatchObject({
      current: { revision: '5029', version: '3.4.1' },
      previous: { revision: '4970', version: '3.4.0' },
      change: { id: refresh!.id, kind: 'refresh', summary: 'Refresh "htop" snap', spawn: refresh!.spawn },
      plugsAdded: [{ name: 'mount-observe', interface: 'mount-observe', connected: false }],
      plugsRemoved: [],
      unconnectedNew: ['mount-observe'],
      error: null,
    });
    expect(body.tracking.htop).toBe('latest/stable');
  });

  it('after the new plug is connected it is no longer listed as unconnected', async () => {
    const host = currentHost();
    await performConnectionChange(host, 'connect', { plug: 'htop:mount-observe' }, { sessionId: 'test', clientAddress: '127.0.0.1' });
    const { body } = await get('?snap=htop');
    expect(body.revisions[0]?.plugsAdded).toEqual([{ name: 'mount-observe', interface: 'mount-observe', connected: true }]);
    expect(body.revisions[0]?.unconnectedNew).toEqual([]);
  });

  it('a snap without an older revision: none; a bad name: 400', async () => {
    expect((await get('?snap=microk8s')).body.revisions).toEqual([]);
    expect((await get('?snap=-x')).status).toBe(400);
  });
});
