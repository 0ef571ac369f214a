import type { DenialFollowEvent, DenialFollowResponse } from '../contracts/denials';
import type { DenialGroup } from './report';

/**
 * What the live-follow panel holds: the followed denials, newest first, and
 * while paused the ones that arrived since (shown on Resume, never dropped
 * silently). Pure: the hook feeds it each answer of /api/denials/follow.
 */

/** Denials the panel keeps; older ones leave it, counted. */
export const FEED_KEEP = 300;

/** A followed denial with an id unique in the panel (sequence numbers start again when the server's reading does). */
export interface FeedEvent extends DenialFollowEvent {
  id: string;
}

export interface FollowFeed {
  /** Shown, newest first. */
  events: FeedEvent[];
  /** Arrived while paused, newest first. */
  waiting: FeedEvent[];
  /** Paused: the list holds still, what arrives waits. */
  paused: boolean;
  /** The latest answer for each group an event in `events` or `waiting` belongs to. */
  groups: Record<string, DenialGroup>;
  /** When following began (the server's clock), and when it had to begin again (the server restarted). */
  startedAt: string | null;
  restartedAt: string | null;
  /** Denials that came too fast to list, lines the kernel dropped, events that left the panel (over FEED_KEEP). */
  missed: number;
  dropped: number;
  older: number;
}

export const EMPTY_FEED: FollowFeed = { events: [], waiting: [], paused: false, groups: {}, startedAt: null, restartedAt: null, missed: 0, dropped: 0, older: 0 };

export type FeedAction = { type: 'reset' } | { type: 'answer'; answer: DenialFollowResponse } | { type: 'pause' } | { type: 'resume' };

function keep(events: FeedEvent[]): { kept: FeedEvent[]; over: number } {
  return events.length > FEED_KEEP ? { kept: events.slice(0, FEED_KEEP), over: events.length - FEED_KEEP } : { kept: events, over: 0 };
}

function groupsOf(events: FeedEvent[], known: Record<string, DenialGroup>, fresh: DenialGroup[]): Record<string, DenialGroup> {
  const all: Record<string, DenialGroup> = { ...known };
  for (const g of fresh) all[g.key] = g;
  const out: Record<string, DenialGroup> = {};
  for (const e of events) if (all[e.group]) out[e.group] = all[e.group]!;
  return out;
}

export function followFeed(feed: FollowFeed, action: FeedAction): FollowFeed {
  if (action.type === 'reset') return EMPTY_FEED;
  if (action.type === 'pause') return { ...feed, paused: true };
  if (action.type === 'resume') {
    const { kept, over } = keep([...feed.waiting, ...feed.events]);
    return { ...feed, paused: false, events: kept, waiting: [], older: feed.older + over, groups: groupsOf(kept, feed.groups, []) };
  }
  const { answer } = action;
  const reading = answer.cursor.split('.')[0];
  const newestFirst = answer.events.map((e) => ({ ...e, id: `${reading}:${e.seq}` })).reverse();
  const base = {
    ...feed,
    startedAt: feed.startedAt ?? answer.generatedAt,
    restartedAt: answer.restarted ? answer.generatedAt : feed.restartedAt,
    missed: feed.missed + answer.missed,
    dropped: feed.dropped + answer.dropped,
  };
  if (feed.paused) {
    const { kept, over } = keep([...newestFirst, ...feed.waiting]);
    return { ...base, waiting: kept, older: feed.older + over, groups: groupsOf([...kept, ...feed.events], feed.groups, answer.groups) };
  }
  const { kept, over } = keep([...newestFirst, ...feed.events]);
  return { ...base, events: kept, older: feed.older + over, groups: groupsOf(kept, feed.groups, answer.groups) };
}
