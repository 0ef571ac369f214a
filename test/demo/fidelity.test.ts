import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lab, labState, readState, snap, snapshotLib, tempState } from './helpers';

/**
 * Byte-for-byte fidelity against a real snapd (2.57.6, the snapd lab): a state
 * built with stateFromSnapshot() from the lab's own outputs must print those
 * outputs back, and the lab's connect/disconnect sequence (transcripts 28-68)
 * must give the same outputs, stderr and exit codes.
 */

// The lab captured its transcripts at 2026-11-22 10:52 UTC: pin the clock
// inside that minute so relative times read "today at 10:52 UTC" like theirs.
const LAB_NOW = { DEMO_SNAP_NOW: '2026-11-22T10:52:43Z' };

describe('a state built from a snapshot of the snapd lab', () => {
  let state: string;
  beforeAll(() => {
    state = tempState(labState());
  });

  const cases: Array<[string, string[]]> = [
    ['01', ['version']],
    ['02', ['list']],
    ['02', ['list', '--unicode=never', '--color=never']],
    ['04', ['connections']],
    ['05', ['connections', '--all']],
    ['06', ['connections', 'microk8s']],
    ['07', ['connections', 'lab-devmode']],
    ['08', ['connections', 'lab-config-provider']],
    ['09', ['connections', 'snapd']],
    ['09', ['connections', 'system']],
    ['10', ['interface']],
    ['11', ['interface', '--all']],
    ['12', ['interface', 'network-observe']],
    ['13', ['interface', '--attrs', 'network-observe']],
    ['14', ['interface', 'content']],
    ['15', ['interface', 'kubernetes-support']],
    ['17', ['debug', 'confinement']],
    ['18', ['debug', 'sandbox-features']],
  ];
  for (const [n, args] of cases) {
    it(`snap ${args.join(' ')} prints transcript ${n} exactly`, async () => {
      const r = await snap(state, args, LAB_NOW);
      expect(r).toEqual({ stdout: lab(n), stderr: '', code: 0 });
    });
  }

  it('snap debug sandbox-features --required reports a missing feature like transcript 19', async () => {
    const r = await snap(state, ['debug', 'sandbox-features', '--required', 'apparmor:kernel:network'], LAB_NOW);
    expect(r).toEqual({ stdout: lab('19'), stderr: lab('19', 'stderr'), code: 1 });
  });

  it('renders a snapshotted change list back exactly (transcripts 58 and 57)', async () => {
    const snapshot = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'lab-snapshot.json'), 'utf8')) as Record<string, string>;
    const full = tempState(snapshotLib.stateFromSnapshot({ ...snapshot, 'snap changes --abs-time': lab('58') }));
    expect(await snap(full, ['changes', '--abs-time'], LAB_NOW)).toEqual({ stdout: lab('58'), stderr: '', code: 0 });
    expect(await snap(full, ['changes'], LAB_NOW)).toEqual({ stdout: lab('57'), stderr: '', code: 0 });
    expect(await snap(full, ['changes', 'microk8s'], LAB_NOW)).toEqual({ stdout: lab('59'), stderr: '', code: 0 });
  });
});

describe("the snapd lab's connect/disconnect sequence", () => {
  // One state, driven through the commands of transcripts 28-68 in order.
  let state: string;
  const run = (args: string[], env: Record<string, string> = {}) => snap(state, args, { ...LAB_NOW, ...env });
  const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });
  const failed = (n: string) => ({ stdout: '', stderr: lab(n, 'stderr'), code: 1 });

  beforeAll(() => {
    state = tempState(labState());
  });

  it('28-30: connect microk8s:network-observe (auto-picks the system slot, manual)', async () => {
    expect(await run(['connect', 'microk8s:network-observe'])).toEqual(ok(''));
    expect(await run(['connections', 'microk8s'])).toEqual(ok(lab('29')));
    expect(await run(['interface', 'network-observe'])).toEqual(ok(lab('30')));
  });

  it('31-37: connecting again is not an error; content, named and implicit slots', async () => {
    for (const args of [
      ['connect', 'microk8s:network-observe'],
      ['connect', 'microk8s:configuration', 'lab-config-provider:configuration'],
      ['connect', 'lab-devmode:microk8s', 'microk8s:microk8s'],
      ['connect', 'microk8s:kubernetes-support'],
      ['connect', 'microk8s:docker-privileged'],
      ['connect', 'microk8s:firewall-control', ':firewall-control'],
    ]) {
      expect(await run(args)).toEqual(ok(''));
    }
    expect(await run(['connections', '--all'])).toEqual(ok(lab('37')));
  });

  it('38-45: disconnect by plug, by plug and slot, and with --forget', async () => {
    expect(await run(['disconnect', 'microk8s:network-observe'])).toEqual(ok(''));
    expect(await run(['connections', 'microk8s'])).toEqual(ok(lab('39')));
    expect(await run(['disconnect', 'microk8s:network'])).toEqual(ok(''));
    expect(await run(['connections', 'microk8s'])).toEqual(ok(lab('41')));
    expect(await run(['connect', 'microk8s:network'])).toEqual(ok(''));
    expect(await run(['disconnect', 'lab-devmode:microk8s', 'microk8s:microk8s'])).toEqual(ok(''));
    expect(await run(['disconnect', '--forget', 'microk8s:network-bind'])).toEqual(ok(''));
    expect(await run(['connections', 'microk8s'])).toEqual(ok(lab('45')));
  });

  it('46-54: errors on stderr with exit 1, and nothing changes', async () => {
    const before = fs.readFileSync(state, 'utf8');
    expect(await run(['connect', 'microk8s:nonexistent'])).toEqual(failed('46'));
    expect(await run(['connect', 'nosuchsnap:network'])).toEqual(failed('47'));
    expect(await run(['connect', 'microk8s:network-observe', 'lab-devmode:network-observe'])).toEqual(failed('48'));
    expect(await run(['connect', 'microk8s:network-observe', ':nosuchslot'])).toEqual(failed('49'));
    expect(await run(['disconnect', 'microk8s:network-observe'])).toEqual(ok(lab('50')));
    expect(await run(['disconnect', 'microk8s:nonexistent'])).toEqual(failed('51'));
    expect(await run(['connect', 'microk8s'])).toEqual(failed('52'));
    const denied = { DEMO_SNAP_DENY_MUTATIONS: '1' };
    expect(await run(['connect', 'microk8s:network-control'], denied)).toEqual(failed('53'));
    expect(await run(['disconnect', 'microk8s:home'], denied)).toEqual(failed('54'));
    expect(fs.readFileSync(state, 'utf8')).toBe(before);
  });

  it('55-56: reads still work for everybody', async () => {
    expect(await run(['connections', 'microk8s'], { DEMO_SNAP_DENY_MUTATIONS: '1' })).toEqual(ok(lab('55')));
    expect(await run(['list'])).toEqual(ok(lab('56')));
  });

  it('57-59: snap changes records every change with snapd summaries', async () => {
    expect(await run(['changes'])).toEqual(ok(lab('57')));
    expect(await run(['changes', 'microk8s'])).toEqual(ok(lab('59')));
    expect(readState(state).changes.map((c) => c.kind).slice(9)).toEqual([
      'connect-snap', 'connect-snap', 'connect-snap', 'connect-snap', 'connect-snap', 'connect-snap', 'connect-snap',
      'disconnect-snap', 'disconnect-snap', 'connect-snap', 'disconnect-snap', 'disconnect-snap',
    ]);
  });

  it('60-68: snap change / snap tasks', async () => {
    expect(await run(['change', '10'])).toEqual(ok(lab('60')));
    expect(await run(['change', '11'])).toEqual(ok(lab('62')));
    expect(await run(['change', '17'])).toEqual(ok(lab('63')));
    expect(await run(['change', '12'])).toEqual(ok(lab('64')));
    expect(await run(['tasks', '--last=connect'])).toEqual(ok(lab('66')));
    expect(await run(['tasks', '--last=disconnect'])).toEqual(ok(lab('67')));
    expect(await run(['change', '99999'])).toEqual(failed('68'));
    // --abs-time: transcript 61's layout; the lab's change took a second, the demo's take none.
    expect(lab('61')).toContain('Done    2026-11-22T10:52:43Z  2026-11-22T10:52:44Z  Connect');
    expect(await run(['change', '--abs-time', '10'])).toEqual(ok(lab('61').replace('10:52:44Z', '10:52:43Z')));
  });
});
