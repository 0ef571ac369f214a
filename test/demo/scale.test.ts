import fs from 'node:fs';
import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { demo, readState, tempState, type RunResult } from './helpers';

/**
 * DEMO_SCALE=300: a large host, generated when the state file is created,
 * deterministically from DEMO_SEED, in a few seconds, and still fast to read.
 */

const ENV = { DEMO_SCALE: '300', DEMO_SEED: '7', DEMO_SNAP_NOW: '2026-11-22T15:30:00Z' };
const sha = (r: RunResult) => crypto.createHash('sha256').update(r.stdout).digest('hex');

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

let a: string;
let b: string;
let created: number;
const timings: Record<string, number> = {};

/** a's whole kernel log, read once: ~100 000 lines take seconds to print, and two tests look at them. */
const JOURNAL_ARGS = ['-k', '-o', 'json', '--no-pager', '-q'];
let journalOfA: Promise<[RunResult, number]> | undefined;
const readJournalOfA = () => (journalOfA ??= timed(() => demo('journalctl', a, JOURNAL_ARGS, ENV)));

beforeAll(async () => {
  a = tempState();
  b = tempState();
  // the first command creates the state (and its kernel log)
  [, created] = await timed(() => demo('snap', a, ['version'], ENV));
  await demo('snap', b, ['version'], ENV);
}, 120_000);

describe('DEMO_SCALE=300', () => {
  // How fast is measured by `npm run bench` (BENCHMARKS.md), not asserted here: a loaded machine would fail a timed test.
  it('creates the host and its kernel log on first use', () => {
    expect(fs.existsSync(a)).toBe(true);
    expect(created).toBeGreaterThan(0);
  });

  it('adds at least 300 snaps of every confinement, ~6000 plugs and slots', async () => {
    const s = readState(a);
    const extra = s.snaps.filter((x) => /^[a-z]+-[a-z]+-\d{3}$/.test(x.name));
    expect(extra.length).toBeGreaterThanOrEqual(300);
    const by = (c: string) => extra.filter((x) => x.confinement === c).length;
    expect(by('strict')).toBeGreaterThan(180);
    expect(by('classic')).toBeGreaterThan(15);
    expect(by('devmode')).toBeGreaterThan(10);
    const names = new Set(extra.map((x) => x.name));
    const ends = s.plugs.filter((p) => names.has(p.snap)).length + s.slots.filter((x) => names.has(x.snap)).length;
    expect(ends).toBeGreaterThan(5400);
    expect(ends).toBeLessThan(6600);
    // every plug and slot is on an interface snapd knows
    const known = new Set(Object.keys(s.interfaces as Record<string, string>));
    for (const p of s.plugs) expect(known.has(p.interface), p.interface).toBe(true);
    expect(s.connections.filter((c) => names.has(c.plug.snap)).length).toBeGreaterThan(1000);

    const [list, t] = await timed(() => demo('snap', a, ['list'], ENV));
    timings['snap list'] = t;
    expect(list.code).toBe(0);
    expect(list.stdout.trimEnd().split('\n').length).toBe(s.snaps.length + 1);
    expect(list.stdout).toMatch(/\n[a-z]+-[a-z]+-\d{3} +\S+ +(\d+|x\d) +\S+ +\S+ +(-|classic|devmode|disabled)/);
    const [conns, t2] = await timed(() => demo('snap', a, ['connections', '--all'], ENV));
    timings['snap connections --all'] = t2;
    expect(conns.code).toBe(0);
    expect(conns.stdout.split('\n').length).toBeGreaterThan(5500);
  });

  it('has a kernel log of ~100 000 lines, ~30 % denials, read incrementally by cursor', async () => {
    const [r, t] = await readJournalOfA();
    timings['journalctl -k -o json'] = t;
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(90_000);
    expect(lines.length).toBeLessThan(110_000);
    const denials = lines.filter((l) => /apparmor=\\"(DENIED|ALLOWED)\\"|"MESSAGE":"audit: type=1326 /.test(l)).length;
    expect(denials / lines.length).toBeGreaterThan(0.24);
    expect(denials / lines.length).toBeLessThan(0.36);
    for (const i of [0, 1000, lines.length - 1]) expect(() => JSON.parse(lines[i]!)).not.toThrow();
    // a poller after the last cursor sees only what is new
    const last = JSON.parse(lines.at(-1)!) as { __CURSOR: string };
    const [next, t2] = await timed(() => demo('journalctl', a, ['-k', '-o', 'json', '-q', `--after-cursor=${last.__CURSOR}`], { ...ENV, DEMO_SNAP_NOW: '2026-11-22T15:35:00Z' }));
    timings['journalctl --after-cursor'] = t2;
    expect(next.stdout.split('\n').filter(Boolean).length).toBeGreaterThan(0);
    expect(next.stdout.split('\n').filter(Boolean).length).toBeLessThan(100);
    const [dmesg, t3] = await timed(() => demo('dmesg', a, [], ENV));
    timings.dmesg = t3;
    expect(dmesg.code).toBe(0);
    console.log('DEMO_SCALE=300 timings (ms):', JSON.stringify({ create: Math.round(created), ...Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])) }));
  }, 60_000);

  it('is deterministic: the same seed gives the same host and log', async () => {
    for (const args of [['list'], ['connections', '--all'], ['interface', 'home']]) {
      expect(sha(await demo('snap', b, args, ENV)), args.join(' ')).toBe(sha(await demo('snap', a, args, ENV)));
    }
    const [[fromB], [fromA]] = await Promise.all([timed(() => demo('journalctl', b, JOURNAL_ARGS, ENV)), readJournalOfA()]);
    expect(fromB.stdout.length).toBeGreaterThan(0);
    expect(sha(fromB)).toBe(sha(fromA));
    const other = tempState();
    await demo('snap', other, ['version'], { ...ENV, DEMO_SEED: '8' });
    expect(sha(await demo('snap', other, ['list'], ENV))).not.toBe(sha(await demo('snap', a, ['list'], ENV)));
  }, 60_000);
});
