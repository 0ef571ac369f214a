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
const { parseChanges, parseRefreshList, parseSnapList } = await import('@/lib/snap/parse');
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

// What snapd answers when the store cannot be reached: daemon/api_find.go storeUpdates wraps the
// store's error as "cannot list updates: %v"; "unable to contact snap store" is the lab snapd's own
// answer without a network (`snap find hello`). The route must pass snapd's words on unchanged.
const STORE_UNREACHABLE = 'cannot list updates: unable to contact snap store';

describe('GET /api/refreshes/available', () => {
  const available = async () => {
    const { GET: getAvailable } = await import('@/app/api/refreshes/available/route');
    const res = await getAvailable(new Request('http://127.0.0.1:3000/api/refreshes/available', { headers: { host: '127.0.0.1:3000', authorization: `Bearer ${process.env.CONFINEMENT_DASHBOARD_TOKEN}` } }), { params: Promise.resolve({}) });
    return { status: res.status, body: (await res.json()) as import('@/lib/contracts/refreshes').AvailableRefreshesResponse };
  };

  it('lists what `snap refresh --list` lists, with the tracking channel, and the snaps `snap list` notes as held', async () => {
    currentHost().invalidateReads();
    const { status, body } = await available();
    expect(status).toBe(200);
    const offered = parseRefreshList(demoSnap('refresh', '--list'));
    expect(offered.length).toBeGreaterThan(0);
    expect(body.updates?.map((u) => [u.name, u.revision, u.size])).toEqual(offered.map((o) => [o.name, o.revision, o.size]));
    expect(body.updates?.find((u) => u.name === 'firefox')?.tracking).toBe('latest/stable');
    const held = parseSnapList(demoSnap('list')).filter((s) => s.notes.includes('held')).map((s) => s.name);
    expect(held).toEqual(['lxd']);
    expect(body.held).toEqual(held);
    expect(body.storeProblem).toBeNull();
  });

  it('a store snapd cannot ask is said with snapd’s words, never as "up to date"', async () => {
    const file = path.join(tmp, 'demo.json');
    const state = JSON.parse(fs.readFileSync(file, 'utf8')) as { store?: Record<string, unknown> };
    state.store = { ...state.store, unreachable: STORE_UNREACHABLE };
    fs.writeFileSync(file, JSON.stringify(state));
    currentHost().invalidateReads();
    const { status, body } = await available();
    expect(status).toBe(200);
    expect(body.updates).toBeNull();
    expect(body.storeProblem).toBe(STORE_UNREACHABLE);
    expect(body.held).toEqual(['lxd']);
  });
});
