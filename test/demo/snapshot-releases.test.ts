/**
 * A demo seeded from a snapshot of snapd 2.68 prints `snap interface NAME` the way 2.68 does
 * (with its `documentation:` line), and one seeded from 2.57 the way 2.57 does (without).
 * The live check of the same is test/snapd/fidelity.test.ts, run against both releases.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, snap, snapshotLib, tempState } from './helpers';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'snapd-lab');
const read = (dir: string, name: string) => fs.readFileSync(path.join(FIXTURES, dir, `${name}.stdout`), 'utf8');

function snapshotOf(dir: string): Record<string, string> {
  return {
    'snap list': read(dir, '02-snap-list'),
    'snap connections --all': read(dir, '05-snap-connections-all'),
    'snap connections system': read(dir, '09-snap-connections-snapd'),
    'snap interface --all': read(dir, '11-snap-interface-all'),
    'snap version': read(dir, '01-snap-version'),
    'snap debug confinement': read(dir, '17-snap-debug-confinement'),
    'snap debug sandbox-features': read(dir, '18-snap-debug-sandbox-features'),
    'snap interface network-observe': read(dir, '12-snap-interface-network-observe'),
    'snap interface content': read(dir, '14-snap-interface-content'),
    'snap interface kubernetes-support': read(dir, '15-snap-interface-kubernetes-support'),
  };
}

describe.each([
  ['2.57', ''],
  ['2.68', '2.68'],
])('a demo seeded from snapd %s', (_release, dir) => {
  const state = tempState(snapshotLib.stateFromSnapshot(snapshotOf(dir)));
  it.each([
    ['12-snap-interface-network-observe', ['interface', 'network-observe']],
    ['13-snap-interface-attrs-network-observe', ['interface', '--attrs', 'network-observe']],
    ['14-snap-interface-content', ['interface', 'content']],
    ['15-snap-interface-kubernetes-support', ['interface', 'kubernetes-support']],
  ])('prints %s exactly', async (name, args) => {
    expect(await snap(state, args)).toEqual({ stdout: read(dir, name), stderr: '', code: 0 });
  });
});
