import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { demo, tempState, type DemoState, type RunResult } from './helpers';

/**
 * captureSnapshot / demo/bin/snap-snapshot: a snapshot of a host's snap
 * outputs seeds a demo state that prints them back byte for byte, for every
 * captured command (here the "host" is the demo itself).
 */

const require = createRequire(import.meta.url);
const lib = require('../../demo/lib/snapshot.js') as {
  captureSnapshot: (run: (args: string[]) => Promise<RunResult>) => Promise<Record<string, unknown>>;
  stateFromSnapshot: (snapshot: Record<string, unknown>) => DemoState;
};
const NOW = { DEMO_SNAP_NOW: '2026-11-22T15:30:00Z' };

/** fn over items, at most `size` at a time; the results in the items' order. */
async function inBatches<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

describe('snapshots', () => {
  it('capture what stateFromSnapshot reads plus connections per snap and each interface in use', async () => {
    const host = tempState();
    const snapshot = await lib.captureSnapshot((args) => demo('snap', host, args, NOW));
    const keys = Object.keys(snapshot);
    for (const k of ['snap list', 'snap connections --all', 'snap connections system', 'snap interface --all', 'snap version', 'snap debug confinement', 'snap debug sandbox-features', 'snap changes --abs-time']) {
      expect(keys).toContain(k);
    }
    expect(keys).toContain('snap connections microk8s');
    expect(keys).toContain('snap interface kubernetes-support');
    expect(snapshot._meta).toMatchObject({ failed: {} });

    // a demo built from the snapshot prints every captured output back
    const copy = tempState(lib.stateFromSnapshot(snapshot));
    const commands = keys.filter((k) => k.startsWith('snap '));
    expect(commands.length).toBeGreaterThan(50);
    // Read-only commands on their own copy: run a few at a time (each is a process start) and
    // compare every one, as one at a time would.
    const replayed = await inBatches(commands, 4, (k) => demo('snap', copy, k.split(' ').slice(1), NOW));
    commands.forEach((k, i) => expect(replayed[i]!.stdout, k).toBe(snapshot[k]));
  }, 60_000);

  it('snap-snapshot writes the JSON and --compare reports no difference', async () => {
    const host = tempState();
    const file = `${host}.snapshot.json`;
    expect((await demo('snap-snapshot', host, ['-o', file, '--snap', 'snap'], NOW)).code).toBe(0);
    const snapshot = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    const copy = tempState(lib.stateFromSnapshot(snapshot));
    // and a difference is reported: a host with one more connection, compared at the same time
    // (two independent states; each --compare runs its ~100 commands one after another)
    const other = tempState();
    await demo('snap', other, ['connect', 'microk8s:mount-observe'], NOW);
    const [r, diff] = await Promise.all([
      demo('snap-snapshot', copy, ['--compare', file, '--snap', 'snap'], NOW),
      demo('snap-snapshot', other, ['--compare', file, '--snap', 'snap'], NOW),
    ]);
    expect(r.stdout).toMatch(/\n0 of \d+ outputs differ\n$/);
    expect(r.code).toBe(0);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('DIFFERS  snap connections microk8s\n');
  }, 60_000);
});
