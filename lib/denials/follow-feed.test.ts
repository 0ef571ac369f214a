import { describe, expect, it } from 'vitest';
import { EMPTY_FEED, FEED_KEEP, followFeed, type FollowFeed } from './follow-feed';
import type { DenialFollowResponse } from '../contracts/denials';
import type { DenialGroup } from './report';

const READER = '0b0f8a8e-1c1d-4e55-9d7e-2a6c8f1f0c11';
const group = (key: string, kind: DenialGroup['answer']['kind'] = 'unknown-snap') => ({ key, answer: { kind, explanation: '' } }) as unknown as DenialGroup;

function answer(seqs: number[], over: Partial<DenialFollowResponse> = {}, key = 'g1'): DenialFollowResponse {
  return {
    cursor: `${READER}.${(seqs.at(-1) ?? 0) + 1}.0`,
    restarted: false,
    events: seqs.map((seq) => ({ seq, time: '2026-12-03T22:00:00.000Z', group: key, pid: seq, comm: 'x' })),
    groups: seqs.length ? [group(key)] : [],
    missed: 0,
    dropped: 0,
    source: 'journal',
    attempts: [{ source: 'journal', ok: true }],
    generatedAt: '2026-12-03T22:00:00.000Z',
    hostZone: { kind: 'iana', name: 'Europe/Berlin', source: 'timedatectl' },
    ...over,
  };
}

const run = (...actions: Parameters<typeof followFeed>[1][]): FollowFeed => actions.reduce(followFeed, EMPTY_FEED);

describe('the live-follow feed', () => {
  it('lists denials newest first, with the time following began', () => {
    const feed = run({ type: 'answer', answer: answer([]) }, { type: 'answer', answer: answer([1, 2]) }, { type: 'answer', answer: answer([3]) });
    expect(feed.events.map((e) => e.seq)).toEqual([3, 2, 1]);
    expect(feed.events[0]!.id).toBe(`${READER}:3`);
    expect(feed.startedAt).toBe('2026-12-03T22:00:00.000Z');
    expect(feed.groups.g1?.key).toBe('g1');
  });

  it('paused: the list holds still, what arrives waits, counted; Resume shows it, nothing lost', () => {
    const paused = run({ type: 'answer', answer: answer([1]) }, { type: 'pause' }, { type: 'answer', answer: answer([2, 3]) }, { type: 'answer', answer: answer([4]) });
    expect(paused.events.map((e) => e.seq)).toEqual([1]);
    expect(paused.waiting.map((e) => e.seq)).toEqual([4, 3, 2]);
    const resumed = followFeed(paused, { type: 'resume' });
    expect(resumed.paused).toBe(false);
    expect(resumed.events.map((e) => e.seq)).toEqual([4, 3, 2, 1]);
    expect(resumed.waiting).toEqual([]);
  });

  it(`keeps ${FEED_KEEP} denials and counts the older ones that left; adds up missed and dropped`, () => {
    const many = Array.from({ length: FEED_KEEP + 20 }, (_, i) => i + 1);
    const feed = run({ type: 'answer', answer: answer(many, { missed: 5, dropped: 2 }) }, { type: 'answer', answer: answer([], { missed: 1, dropped: 3 }) });
    expect(feed.events).toHaveLength(FEED_KEEP);
    expect(feed.events[0]!.seq).toBe(FEED_KEEP + 20);
    expect(feed.older).toBe(20);
    expect(feed.missed).toBe(6);
    expect(feed.dropped).toBe(5);
  });

  it('a newer answer for a group replaces the old one; groups of no listed denial are let go', () => {
    const feed = run(
      { type: 'answer', answer: answer([1], {}, 'a') },
      { type: 'answer', answer: { ...answer([2], {}, 'a'), groups: [group('a', 'already-connected')] } },
    );
    expect(feed.groups.a?.answer.kind).toBe('already-connected');
    const many = Array.from({ length: FEED_KEEP }, (_, i) => i + 10);
    expect(Object.keys(followFeed(feed, { type: 'answer', answer: answer(many, {}, 'b') }).groups)).toEqual(['b']);
  });

  it('a restarted reading is noted, and its events get ids of their own', () => {
    const other = '9f1d2c3b-0000-4000-8000-000000000001';
    const feed = run(
      { type: 'answer', answer: answer([1]) },
      { type: 'answer', answer: { ...answer([]), cursor: `${other}.1.0`, restarted: true, generatedAt: '2026-12-03T22:05:00.000Z' } },
      { type: 'answer', answer: { ...answer([1]), cursor: `${other}.2.0` } },
    );
    expect(feed.restartedAt).toBe('2026-12-03T22:05:00.000Z');
    expect(feed.events.map((e) => e.id)).toEqual([`${other}:1`, `${READER}:1`]);
  });

  it('reset empties it', () => {
    expect(run({ type: 'answer', answer: answer([1]) }, { type: 'reset' })).toEqual(EMPTY_FEED);
  });
});
