import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseChanges } from '@/lib/snap/changes-parse';
import { connectTimesFromChanges } from '@/lib/denials/connection-times';
import { readState, snap, type DemoState } from './helpers';

// The demo's kernel log stops a denial kind when a granting plug becomes connected (state.kernel.history);
// `snap changes` says when the plug was connected. The two clocks must agree, or a fixed denial would be
// judged "denied after the connect" (review problem 1).
type Kernel = { history: { time: string; plug: string; connected: boolean }[] };

function freshState(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'demo-times-')), 'state.json');
}

describe("the demo host's connect times", () => {
  it('every connect in the kernel history has a Done Connect change at the same time (to the second), and back', async () => {
    const file = freshState();
    const out = await snap(file, ['changes', '--abs-time']);
    expect(out.code).toBe(0);
    const times = connectTimesFromChanges(parseChanges(out.stdout));
    const history = ((readState(file) as DemoState & { kernel: Kernel }).kernel.history ?? []).filter((h) => h.connected);
    expect(history.length).toBeGreaterThan(0);
    for (const h of history) {
      const t = times.get(h.plug);
      expect(t, h.plug).toBeDefined();
      expect(Math.abs(Date.parse(t!.at) - Date.parse(h.time)), h.plug).toBeLessThan(1000);
    }
  });

  it('a connect made now is recorded in both within the same second', async () => {
    const file = freshState();
    expect((await snap(file, ['connect', 'juju:dot-kubernetes'])).code).toBe(0);
    const h = (readState(file) as DemoState & { kernel: Kernel }).kernel.history.filter((x) => x.plug === 'juju:dot-kubernetes').at(-1)!;
    const t = connectTimesFromChanges(parseChanges((await snap(file, ['changes', '--abs-time'])).stdout)).get('juju:dot-kubernetes')!;
    expect(t.source).toBe('snapd-change');
    expect(Math.abs(Date.parse(t.at) - Date.parse(h.time))).toBeLessThan(1000);
  });
});
