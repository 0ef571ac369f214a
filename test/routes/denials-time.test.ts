import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';

// The simulated host, through the denial service, the connect use case and the snap detail query (the code
// behind GET /api/denials, POST /api/connections, POST /api/denials/analyze and GET /api/snaps/{name}):
// a `connect` group turns `resolved` once its plug is connected, with the time snapd's own change log gives.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-denials-time-'));
process.env.CONFINEMENT_DASHBOARD_STATE_DIR = path.join(tmp, 'state');
process.env.CONFINEMENT_DASHBOARD_HOST_MODE = 'demo';
process.env.CONFINEMENT_DASHBOARD_DEMO_STATE = path.join(tmp, 'demo.json');
process.env.CONFINEMENT_DASHBOARD_TOKEN = 'denials-time-test-admin-token-0123456789';
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const { recentDenials, analyseLog } = await import('@/lib/denials/service');
const { performConnectionChange } = await import('@/lib/actions/connection-change');
const { snapDetail } = await import('@/lib/snap/detail');
const { currentHost } = await import('@/lib/host');
const { parseChanges } = await import('@/lib/snap/changes-parse');

function snap(...args: string[]): string {
  return execFileSync(process.execPath, [path.resolve('demo/bin/snap'), ...args], { env: { ...process.env, LC_ALL: 'C' }, encoding: 'utf8' });
}

const actor = { sessionId: 'test-session', clientAddress: '127.0.0.1' };
const KUBE = 'read /home/ubuntu/.kube/config';

describe('denials judged in time on the simulated host', () => {
  it('plug attributes: GET /api/snaps/juju has the personal-files paths snapd holds (snap debug api)', async () => {
    const host = await currentHost();
    const detail = await snapDetail(host, 'juju');
    expect(detail.attrsSource).toEqual({ source: 'snapd-api', complete: true });
    const plug = detail.plugs.find((p) => p.name === 'dot-kubernetes');
    expect(plug?.attrs).toEqual({ read: ['$HOME/.kube'] });
    // the witness: the simulated host's own `snap debug api`
    const api = JSON.parse(snap('debug', 'api', '/v2/connections?snap=juju&select=all')) as { result: { plugs: { plug: string; attrs?: unknown }[] } };
    for (const p of detail.plugs) expect(p.attrs ?? undefined).toEqual(api.result.plugs.find((x) => x.plug === p.name)?.attrs);
  });

  it('a personal-files denial is `connect` its plug; after the connect it is `resolved` with the change time', async () => {
    const host = await currentHost();
    const before = await recentDenials(host, { snap: 'juju', since: null });
    const group = before.groups.find((g) => g.what === KUBE);
    expect(group, 'the demo logs juju reading ~/.kube/config').toBeDefined();
    expect(group!.answer).toEqual({ kind: 'connect', snap: 'juju', plugs: [{ plug: 'dot-kubernetes', interface: 'personal-files', paths: ['$HOME/.kube'] }] });

    const outcome = await performConnectionChange(host, 'connect', { plug: 'juju:dot-kubernetes' }, actor);
    expect(outcome.changeId).not.toBeNull();

    const after = await recentDenials(host, { snap: 'juju', since: null });
    const same = after.groups.find((g) => g.what === KUBE)!;
    expect(same.answer.kind).toBe('resolved');
    if (same.answer.kind !== 'resolved') return;
    // snapd's change log is the witness for the time
    const change = parseChanges(snap('changes', '--abs-time')).find((c) => c.id === outcome.changeId)!;
    expect(change.summary).toBe('Connect juju:dot-kubernetes to snapd:personal-files');
    expect(same.answer).toMatchObject({ source: 'snapd-change', changeId: outcome.changeId, connectedAt: new Date(change.ready!).toISOString() });
    expect(Date.parse(same.lastSeen!)).toBeLessThanOrEqual(Date.parse(same.answer.connectedAt) + 1000);
  });

  it('a pasted log gets interfaces-only answers, never a verdict on this host\'s plugs', async () => {
    const host = await currentHost();
    const text = [
      'Nov 20 09:12:01 otherhost kernel: audit: type=1400 audit(1763629921.000:5): apparmor="DENIED" operation="open" class="file" profile="snap.firefox.firefox" name="/dev/video0" pid=4242 comm="firefox" requested_mask="wr" denied_mask="wr" fsuid=1000 ouid=0',
      'Nov 20 09:12:02 otherhost kernel: audit: type=1400 audit(1763629922.000:6): apparmor="DENIED" operation="capable" class="cap" profile="snap.microk8s.daemon-kubelite" pid=4243 comm="kubelite" capability=12  capname="net_admin"',
    ].join('\n');
    const report = await analyseLog(host, text, {});
    expect(report.groups).toHaveLength(2);
    for (const g of report.groups) expect(g.answer.kind).toBe('interfaces-only');
    const camera = report.groups.find((g) => g.snap === 'firefox')!.answer;
    if (camera.kind === 'interfaces-only') {
      expect(camera.interfaces).toContain('camera');
      expect(camera.hostNote).toMatch(/^On this host, firefox:camera is (not )?connected/);
    }
  });
});

describe('the content slot picker on the simulated host', () => {
  it('offers the slot whose content tag matches first; the others carry the reason snapd would refuse them', async () => {
    const host = await currentHost();
    const detail = await snapDetail(host, 'juju');
    const plug = detail.plugs.find((p) => p.interface === 'content')!;
    expect(plug, 'juju declares a content plug').toBeDefined();
    const candidates = detail.slotCandidates[plug.name]!;
    // the witness: the host's own `snap interface content --attrs`
    const text = snap('interface', '--attrs', 'content');
    const tagOf = (ref: string) => new RegExp(`^  - ${ref}:\\n(?: {6}\\S+:\\s+.*\\n)*? {6}content:\\s+(\\S+)`, 'm').exec(text)?.[1];
    const plugTag = tagOf(`juju:${plug.name}`);
    expect(plug.contentTag).toBe(plugTag);
    expect(candidates.length).toBeGreaterThan(1);
    const firstMismatch = candidates.findIndex((c) => c.mismatch);
    expect(firstMismatch).toBeGreaterThan(0);
    for (const [i, c] of candidates.entries()) {
      if (i < firstMismatch) expect(c.mismatch).toBeUndefined();
      else expect(c.mismatch).toBe(`its content is "${c.contentTag}", the plug's is "${plugTag}"`);
    }
  });
});
