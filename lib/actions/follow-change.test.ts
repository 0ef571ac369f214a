import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseChanges, type SnapChange } from '../snap/changes-parse';
import { parseConnections } from '../snap/parse';
import { ActionFailed, type LateStart } from '../snap/actions';
import { FOLLOW_LIMIT_MS, FOLLOW_POLL_MS, findRequestChange, followChange, stateSeen, summaryMatches, type FollowDeps } from './follow-change';

// Verbatim snapd 2.57 transcripts (test/fixtures/snapd-lab/INDEX.md says which command made each).
const FIXTURES = fileURLToPath(new URL('../../test/fixtures/snapd-lab/', import.meta.url));
const fixture = (name: string) => fs.readFileSync(FIXTURES + name, 'utf8');
const CHANGES = parseChanges(fixture('58-snap-changes-abs-time.stdout'));
const summary = (id: string) => CHANGES.find((c) => c.id === id)!.summary;

const NETWORK_OBSERVE = { snap: 'microk8s', name: 'network-observe' };

describe('summaryMatches: the change a request makes, in snapd\'s words', () => {
  it('snap connect microk8s:network-observe → "Connect microk8s:network-observe to snapd:network-observe" (transcripts 28/58, change 10)', () => {
    expect(summaryMatches(summary('10'), 'connect', NETWORK_OBSERVE, null)).toBe(true);
    expect(summaryMatches(summary('10'), 'connect', NETWORK_OBSERVE, { snap: 'system', name: 'network-observe' })).toBe(true);
    expect(summaryMatches(summary('10'), 'connect', { snap: 'microk8s', name: 'network' }, null)).toBe(false);
    expect(summaryMatches(summary('10'), 'disconnect', NETWORK_OBSERVE, null)).toBe(false);
  });

  it('a slot named by its snap only matches any slot of that snap (change 12)', () => {
    expect(summaryMatches(summary('12'), 'connect', { snap: 'microk8s', name: 'configuration' }, { snap: 'lab-config-provider', name: null })).toBe(true);
    expect(summaryMatches(summary('12'), 'connect', { snap: 'microk8s', name: 'configuration' }, { snap: 'lab-config-provider-b', name: null })).toBe(false);
  });

  it('snap disconnect microk8s:network-observe → "Disconnect : from microk8s:network-observe" (transcripts 38/58, change 17)', () => {
    expect(summaryMatches(summary('17'), 'disconnect', NETWORK_OBSERVE, null)).toBe(true);
    expect(summaryMatches(summary('17'), 'disconnect', { snap: 'microk8s', name: 'network' }, null)).toBe(false);
  });

  it('snap disconnect A:p B:s → "Disconnect A:p from B:s" (transcripts 43/58, change 20)', () => {
    expect(summaryMatches(summary('20'), 'disconnect', { snap: 'lab-devmode', name: 'microk8s' }, { snap: 'microk8s', name: 'microk8s' })).toBe(true);
    expect(summaryMatches(summary('20'), 'disconnect', { snap: 'lab-devmode', name: 'microk8s' }, { snap: 'microk8s', name: 'other' })).toBe(false);
  });

  it('never matches an install or another summary', () => {
    expect(summaryMatches(summary('5'), 'connect', NETWORK_OBSERVE, null)).toBe(false);
    expect(summaryMatches('Connect microk8s:network-observe to snapd:network-observe and more', 'connect', NETWORK_OBSERVE, null)).toBe(false);
  });
});

describe('findRequestChange', () => {
  const sentAt = Date.parse('2026-11-22T10:52:44.500Z');
  const want = { action: 'connect' as const, plug: NETWORK_OBSERVE, slot: null, sentAt };

  it('takes the earliest matching change spawned after the request (whole seconds tolerated), not an older one', () => {
    // Changes 10 (10:52:43) and 11 (10:52:44) both connect network-observe; 10 is 1.5 s before the request.
    expect(findRequestChange(CHANGES, want, () => false)?.id).toBe('10');
    expect(findRequestChange(CHANGES, { ...want, sentAt: Date.parse('2026-11-22T10:52:46Z') }, () => false)?.id).toBe('11');
    expect(findRequestChange(CHANGES, { ...want, sentAt: Date.parse('2026-11-22T10:53:00Z') }, () => false)).toBeNull();
  });

  it('skips a change another followed request claimed', () => {
    expect(findRequestChange(CHANGES, want, (id) => id === '10')?.id).toBe('11');
  });
});

/** A fake host's `snap changes`: scripted answers, a fake clock that moves with sleep(). */
function fakeDeps(script: (call: number, now: number) => SnapChange[] | Error) {
  let now = Date.parse('2026-12-03T10:00:00Z');
  let calls = 0;
  const deps: FollowDeps & { calls: () => number; sleeps: number[] } = {
    now: () => now,
    sleeps: [],
    sleep: async (ms) => {
      deps.sleeps.push(ms);
      now += ms;
    },
    listChanges: async () => {
      const r = script(calls++, now);
      if (r instanceof Error) throw r;
      return r;
    },
    calls: () => calls,
  };
  return { deps, start: now };
}

const change = (id: string, status: string, spawn: string, text = 'Connect microk8s:network-observe to snapd:network-observe'): SnapChange => ({ id, status, spawn, ready: status === 'Doing' ? null : spawn, summary: text });
const never = new Promise<LateStart>(() => undefined);

describe('followChange (fake host, fake clock)', () => {
  it('snapd frozen, then back: finds the request\'s change by its summary and reports it done-late with its id', async () => {
    const { deps, start } = fakeDeps((call) => {
      if (call < 3) return new Error('snap changes --abs-time microk8s did not finish within 15 s');
      const spawn = new Date(start + 1000).toISOString().replace(/\.\d+Z$/, 'Z');
      return [change('7', 'Done', '2026-12-03T09:00:00Z'), change('30', call < 5 ? 'Doing' : 'Done', spawn)];
    });
    const seen: string[] = [];
    const r = await followChange({ action: 'connect', plug: NETWORK_OBSERVE, slot: null, sentAt: start, changeId: null, late: never, taken: () => false, stopped: () => false, onChangeId: (id) => seen.push(id) }, deps);
    expect(r).toEqual({ outcome: 'done-late', changeId: '30', status: 'Done', note: 'snapd change 30: Done' });
    expect(seen).toEqual(['30']);
    expect(deps.calls()).toBe(6);
    expect(deps.sleeps.every((ms) => ms === FOLLOW_POLL_MS)).toBe(true);
  });

  it('with a change id, follows that change only; Error and Undone are failed-late', async () => {
    for (const status of ['Error', 'Undone']) {
      const { deps } = fakeDeps(() => [change('41', 'Done', '2026-12-03T10:00:00Z'), change('42', status, '2026-12-03T10:00:00Z')]);
      const r = await followChange({ action: 'connect', plug: NETWORK_OBSERVE, slot: null, sentAt: deps.now(), changeId: '42', late: Promise.resolve({ changeId: '42' }), taken: () => false, stopped: () => false }, deps);
      expect(r).toMatchObject({ outcome: 'failed-late', changeId: '42', status });
    }
  });

  it('the command left running prints the change id late: it is followed by that id', async () => {
    let tell: (v: LateStart) => void = () => undefined;
    const late = new Promise<LateStart>((resolve) => (tell = resolve));
    const { deps } = fakeDeps((call) => {
      if (call === 1) tell({ changeId: '99' });
      // Another matching change (someone else's, spawned later) must not be taken for ours.
      return [change('98', 'Done', '2026-12-03T10:00:05Z'), change('99', call < 3 ? 'Doing' : 'Done', '2026-12-03T10:00:04Z')];
    });
    const r = await followChange({ action: 'connect', plug: NETWORK_OBSERVE, slot: null, sentAt: deps.now(), changeId: null, late, taken: (id) => id === '98', stopped: () => false }, deps);
    expect(r).toMatchObject({ outcome: 'done-late', changeId: '99' });
  });

  it('snapd refuses the request late: failed-late with snapd\'s words, without waiting for the limit', async () => {
    const failure = new ActionFailed({ status: 400, code: 'snapd-error', message: 'snap "microk8s" has no plug named "nope"' }, null);
    const { deps } = fakeDeps(() => []);
    const r = await followChange({ action: 'connect', plug: { snap: 'microk8s', name: 'nope' }, slot: null, sentAt: deps.now(), changeId: null, late: Promise.resolve({ failure }), taken: () => false, stopped: () => false }, deps);
    expect(r).toEqual({ outcome: 'failed-late', changeId: null, status: null, note: 'snapd answered late: snap "microk8s" has no plug named "nope"' });
    // the answer is seen at the next turn: at most the first look at snap changes, no sleep
    expect(deps.calls()).toBeLessThanOrEqual(1);
    expect(deps.sleeps).toEqual([]);
  });

  it('a late timeout or "cannot communicate" says nothing: snap changes is still asked', async () => {
    const failure = new ActionFailed({ status: 502, code: 'snapd-unreachable', message: 'snapd is not reachable' }, null);
    const { deps } = fakeDeps(() => [change('5', 'Done', '2026-12-03T10:00:01Z')]);
    const r = await followChange({ action: 'connect', plug: NETWORK_OBSERVE, slot: null, sentAt: deps.now(), changeId: null, late: Promise.resolve({ failure }), taken: () => false, stopped: () => false }, deps);
    expect(r).toMatchObject({ outcome: 'done-late', changeId: '5' });
  });

  it('nothing to disconnect, answered late: done-late without a change', async () => {
    const { deps } = fakeDeps(() => []);
    const r = await followChange({ action: 'disconnect', plug: NETWORK_OBSERVE, slot: null, sentAt: deps.now(), changeId: null, late: Promise.resolve({ unchanged: true }), taken: () => false, stopped: () => false }, deps);
    expect(r).toMatchObject({ outcome: 'done-late', changeId: null });
  });

  it('bounded: snapd never answers → unknown after the limit, with a bounded number of reads', async () => {
    const { deps, start } = fakeDeps(() => new Error('timeout'));
    const r = await followChange({ action: 'connect', plug: NETWORK_OBSERVE, slot: null, sentAt: deps.now(), changeId: null, late: never, taken: () => false, stopped: () => false }, deps);
    expect(r).toEqual({ outcome: 'unknown', changeId: null, status: null, note: `no matching change seen in snap changes within ${FOLLOW_LIMIT_MS / 1000} s` });
    expect(deps.now() - start).toBe(FOLLOW_LIMIT_MS);
    expect(deps.calls()).toBe(FOLLOW_LIMIT_MS / FOLLOW_POLL_MS + 1);
  });

  it('a change that never ends → unknown with its id and last status', async () => {
    const { deps } = fakeDeps(() => [change('12', 'Doing', '2026-12-03T10:00:00Z')]);
    const r = await followChange({ action: 'connect', plug: NETWORK_OBSERVE, slot: null, sentAt: deps.now(), changeId: null, late: never, taken: () => false, stopped: () => false, limitMs: 10_000 }, deps);
    expect(r).toMatchObject({ outcome: 'unknown', changeId: '12', status: 'Doing' });
  });

  it('stops at once when the request was settled elsewhere (a read showed the plug)', async () => {
    let stop = false;
    const { deps } = fakeDeps((call) => {
      if (call === 2) stop = true;
      return new Error('timeout');
    });
    const r = await followChange({ action: 'connect', plug: NETWORK_OBSERVE, slot: null, sentAt: deps.now(), changeId: null, late: never, taken: () => false, stopped: () => stop }, deps);
    expect(r).toBeNull();
    expect(deps.calls()).toBe(3);
  });
});

describe('stateSeen: what a read of connections says about a request', () => {
  // `snap connections microk8s` before (29: network-observe connected) and after a disconnect (39).
  const connected = parseConnections(fixture('29-snap-connections-microk8s.stdout'));
  const disconnected = parseConnections(fixture('39-snap-connections-microk8s.stdout'));

  it('connect: reached when the plug is connected (to the slot asked), not-reached only from a read that lists the plug', () => {
    expect(stateSeen(connected, { action: 'connect', plug: NETWORK_OBSERVE, slot: null }, true)).toBe('reached');
    expect(stateSeen(connected, { action: 'connect', plug: NETWORK_OBSERVE, slot: { snap: 'system', name: 'network-observe' } }, true)).toBe('reached');
    expect(stateSeen(connected, { action: 'connect', plug: NETWORK_OBSERVE, slot: { snap: 'lab-devmode', name: 'network-observe' } }, true)).toBe('not-reached');
    expect(stateSeen(disconnected, { action: 'connect', plug: NETWORK_OBSERVE, slot: null }, true)).toBe('not-reached');
    expect(stateSeen(disconnected, { action: 'connect', plug: NETWORK_OBSERVE, slot: null }, false)).toBeNull();
  });

  it('disconnect: reached when the read lists the plug unconnected', () => {
    expect(stateSeen(disconnected, { action: 'disconnect', plug: NETWORK_OBSERVE, slot: null }, true)).toBe('reached');
    expect(stateSeen(connected, { action: 'disconnect', plug: NETWORK_OBSERVE, slot: null }, true)).toBe('not-reached');
    expect(stateSeen([], { action: 'disconnect', plug: NETWORK_OBSERVE, slot: null }, false)).toBeNull();
  });
});
