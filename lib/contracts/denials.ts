import { z } from 'zod';
import type { DenialReport } from '../denials/report';
import { isValidSnapName } from '../validation/names';
import { withQuery } from './query';
import { hostApi } from './hosts';
import type { HostTimeZone } from './time-zone';

export { UNKNOWN_SNAP } from '../denials/labels';

/** GET /api/denials?snap=&kind=&range=&limit=: recent denials from the host's kernel log, grouped and explained. */

export const RANGES = { '1h': 3_600_000, '6h': 21_600_000, '24h': 86_400_000, '7d': 604_800_000, all: null } as const;
export type RangeId = keyof typeof RANGES;
export const RANGE_IDS = Object.keys(RANGES) as RangeId[];

/** Groups the Denials page asks for: a screenful or two, the rest counted in `groupsTotal`. */
export const DENIAL_GROUP_LIMIT = 150;
/** The range a page opens with. */
export const DEFAULT_DENIAL_RANGE: RangeId = '24h';

export const denialFilterSchema = z
  .object({
    snap: z.string().refine(isValidSnapName, 'invalid snap name').nullish(),
    kind: z.enum(['apparmor', 'seccomp']).nullish(),
    range: z.enum(['1h', '6h', '24h', '7d', 'all']).nullish(),
    /** At most this many groups: the most recent, or with `order=noisiest` those with the most denials. */
    limit: z.coerce.number().int().min(1).max(100_000).nullish(),
    order: z.enum(['recent', 'noisiest']).nullish(),
  })
  .strict();
export type DenialQuery = z.infer<typeof denialFilterSchema>;

export function denialsKey(host: string | null, q: DenialQuery): string {
  return withQuery(hostApi(host, '/denials'), { snap: q.snap, kind: q.kind, range: q.range, limit: q.limit, order: q.order });
}

export function sinceOf(range: RangeId | null | undefined, now = Date.now()): string | null {
  const ms = RANGES[range ?? 'all'];
  return ms === null ? null : new Date(now - ms).toISOString();
}

export type SourceId = 'journal' | 'kern.log' | 'syslog' | 'dmesg';

export interface SourceAttempt {
  source: SourceId;
  ok: boolean;
  message?: string;
  hint?: string;
  /** A simulated host replaying a snapshot: the snapshot holds no kernel log (its own words in `message`). */
  notInSnapshot?: true;
}

export interface DenialsResponse extends DenialReport {
  source: SourceId | null;
  attempts: SourceAttempt[];
  generatedAt: string;
  /** The zone the host's journal prints local times in: the page shows every time in it. */
  hostZone: HostTimeZone;
  /** Groups before `limit` was applied. */
  groupsTotal: number;
}

/** POST /api/denials/analyze: a pasted or uploaded log, analysed in memory and never stored. */
export function analyzePath(host: string | null): string {
  return hostApi(host, '/denials/analyze');
}
/** This bounds the memory one pasted log can take. */
export const MAX_PASTED_LOG = 5 * 1024 * 1024;
export const analyzeBodySchema = denialFilterSchema
  .omit({ range: true, limit: true, order: true })
  .extend({ text: z.string().min(1, 'the log is empty').max(MAX_PASTED_LOG) })
  .strict();
export interface AnalyzeResponse extends DenialReport {
  /** Non-blank lines read. */
  lines: number;
  /** Lines that were neither a denial nor a kauditd "callbacks suppressed" note. */
  unrecognised: number;
}

/**
 * GET /api/denials/mutes: the denial groups an admin muted as known noise on this host (the page
 * hides them, with a count and a way to show them). POST `{ key, note? }` mutes a group, DELETE
 * `?key=` lifts the mute; both are audited.
 */
export function denialMutesKey(host: string | null): string {
  return hostApi(host, '/denials/mutes');
}
// A group key is snap|profile|kind|what|action (lib/denials/report.ts): printable text, bounded.
const groupKey = z.string().min(3).max(600).regex(/^[^\u0000-\u001f\u007f]+$/, 'a denial group key (printable text)');
export const muteBodySchema = z.object({ key: groupKey, note: z.string().max(200).regex(/^[^\u0000-\u001f\u007f]*$/).optional() }).strict();
export const unmuteQuerySchema = z.object({ key: groupKey }).strict();
export interface DenialMute {
  key: string;
  /** What the group is, for the list of mutes ("microk8s: read /proc/…/mounts"). */
  label: string;
  note: string | null;
  mutedAt: string;
}
export interface DenialMutesResponse {
  mutes: DenialMute[];
}

/**
 * GET /api/denials/follow?after=&snap=&kind=: the denials logged since `after`, one by one, as
 * `snappy-debug.security scanlog` shows them: a follower starts without `after` (the answer names
 * where "now" is and carries no denials, as scanlog shows only what happens after it starts), then
 * passes back each answer's `cursor`.
 */
export function denialFollowKey(host: string | null, q: Pick<DenialQuery, 'snap' | 'kind'>, after?: string | null): string {
  return withQuery(hostApi(host, '/denials/follow'), { snap: q.snap, kind: q.kind, after });
}
/** A place in one server's reading of one host's log: the reader's id, the denials and the dropped lines read before it. */
const followCursor = z.string().regex(/^[0-9a-f-]{36}\.\d{1,15}\.\d{1,15}$/, 'a cursor from an earlier answer of /api/denials/follow');
export const denialFollowSchema = denialFilterSchema.pick({ snap: true, kind: true }).extend({ after: followCursor.nullish() }).strict();
/** At most this many denials in one answer: the newest; the rest are counted in `missed`. */
export const FOLLOW_MAX_EVENTS = 200;
export interface DenialFollowEvent {
  /** Unique within a follow: the order the log gave. */
  seq: number;
  /** ISO time, or the log's own time text when it has no absolute time. */
  time: string | null;
  /** The key of its group among `groups`: what was denied and the admin's answer. */
  group: string;
  pid: number | null;
  comm: string | null;
}
export interface DenialFollowResponse {
  /** Pass back as `after`. */
  cursor: string;
  /**
   * `after` came from another reading of the log (the server restarted, or the host's settings
   * changed): following starts again from now, and what was logged in between is not shown.
   */
  restarted: boolean;
  /** Oldest first. */
  events: DenialFollowEvent[];
  /** The groups of these events, answered against the host as it is now (one denial each or more). */
  groups: DenialReport['groups'];
  /** Denials that matched but are not in `events`: more than FOLLOW_MAX_EVENTS at once. */
  missed: number;
  /** Lines the kernel dropped (kauditd rate limit) since `after`. */
  dropped: number;
  source: SourceId | null;
  attempts: SourceAttempt[];
  generatedAt: string;
  hostZone: HostTimeZone;
}
