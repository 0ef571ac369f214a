import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';

// "Export host snapshot" (GET /api/snapshot) captures the host's snap outputs;
// a simulated host seeded from it must print the same outputs again.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-snapshot-'));
process.env.CONFINEMENT_DASHBOARD_STATE_DIR = path.join(tmp, 'state');
process.env.CONFINEMENT_DASHBOARD_HOST_MODE = 'demo';
process.env.CONFINEMENT_DASHBOARD_DEMO_STATE = path.join(tmp, 'source.json');
// A token of real strength (weak environment tokens are refused): random for each run.
process.env.CONFINEMENT_DASHBOARD_TOKEN = (await import('node:crypto')).randomBytes(32).toString('base64url');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const { GET } = await import('@/app/api/snapshot/route');
const { stateFromSnapshot } = createRequire(import.meta.url)(path.resolve('demo/lib/snapshot.js')) as { stateFromSnapshot: (s: unknown) => unknown };

function demoSnap(stateFile: string, ...args: string[]): string {
  return execFileSync(process.execPath, [path.resolve('demo/bin/snap'), ...args], { env: { ...process.env, CONFINEMENT_DASHBOARD_DEMO_STATE: stateFile, LC_ALL: 'C' }, encoding: 'utf8' });
}

describe('GET /api/snapshot', () => {
  it('downloads the raw snap outputs, and a demo host seeded from them prints the same', async () => {
    // Change the source host first so the snapshot is not just the demo's initial state.
    demoSnap(process.env.CONFINEMENT_DASHBOARD_DEMO_STATE!, 'connect', 'microk8s:mount-observe');
    const res = await GET(new Request('http://127.0.0.1:3000/api/snapshot', { headers: { host: '127.0.0.1:3000', authorization: `Bearer ${process.env.CONFINEMENT_DASHBOARD_TOKEN}` } }), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="snap-snapshot-.*\.json"$/);
    const snapshot = (await res.json()) as Record<string, unknown>;
    // The snapshot says which host it is of: the simulated host's own name.
    expect(snapshot._meta).toMatchObject({ schema: 'confinement-dashboard-snapshot/1', hostname: 'lab-server', failed: {} });
    expect(res.headers.get('content-disposition')).toContain('snap-snapshot-lab-server-');
    expect(snapshot['snap connections microk8s']).toMatch(/mount-observe\s+microk8s:mount-observe\s+:mount-observe\s+manual/);

    const replay = path.join(tmp, 'replay.json');
    fs.writeFileSync(replay, JSON.stringify(stateFromSnapshot(snapshot)));
    for (const cmd of ['snap list', 'snap connections --all', 'snap connections system', 'snap connections microk8s', 'snap version', 'snap interface mount-observe']) {
      const args = cmd.split(' ').slice(1);
      expect(demoSnap(replay, ...(args[0] === 'list' ? ['list', '--unicode=never', '--color=never'] : args)), cmd).toBe(snapshot[cmd]);
    }

    // MicroK8s as that host saw it, replayed as recorded; the kernel log is never in a snapshot,
    // and the replay says so instead of making denials up (review problems 9 and 23).
    // (a blocked MicroK8s: `microk8s status` says it is not running, with exit code 1)
    const status = spawnSync(process.execPath, [path.resolve('demo/bin/microk8s'), 'status', '--format', 'yaml'], { env: { ...process.env, LC_ALL: 'C' }, encoding: 'utf8' }).stdout;
    expect(status).toMatch(/microk8s is not running/);
    expect(snapshot['microk8s status --format yaml']).toBe(status);
    expect(snapshot['snap services microk8s']).toBe(demoSnap(process.env.CONFINEMENT_DASHBOARD_DEMO_STATE!, 'services', 'microk8s'));
    const replayed = (bin: string, ...args: string[]) => spawnSync(process.execPath, [path.resolve(`demo/bin/${bin}`), ...args], { env: { ...process.env, CONFINEMENT_DASHBOARD_DEMO_STATE: replay, LC_ALL: 'C' }, encoding: 'utf8' });
    expect(replayed('microk8s', 'status', '--format', 'yaml').stdout).toBe(status);
    expect(replayed('snap', 'services', 'microk8s').stdout).toBe(snapshot['snap services microk8s']);
    for (const [bin, args] of [['journalctl', ['-k', '-o', 'short-iso']], ['dmesg', []], ['microk8s', ['status']], ['snap', ['services', 'lxd']]] as const) {
      const r = replayed(bin, ...args);
      expect(r.status, `${bin} ${args.join(' ')}`).not.toBe(0);
      expect(r.stdout, `${bin} ${args.join(' ')}`).toBe('');
      expect(r.stderr, `${bin} ${args.join(' ')}`).toMatch(/is not in the snapshot this simulated host replays \(from lab-server, taken /);
    }
    expect(replayed('hostname').stdout).toBe('lab-server\n');
    // A whole host's worth of snap commands, one after another: give a busy machine time.
  }, 90_000);

  it('needs credentials like every route', async () => {
    const res = await GET(new Request('http://127.0.0.1:3000/api/snapshot', { headers: { host: '127.0.0.1:3000' } }), { params: Promise.resolve({}) });
    expect(res.status).toBe(401);
  });
});
