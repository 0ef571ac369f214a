import { z } from 'zod';
import type { DenialReport } from '../denials/report';
import { isValidSnapName } from '../validation/names';
import { withQuery } from './query';
import { hostApi } from './hosts';

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
    /** At most this many groups (most recent first). */
    limit: z.coerce.number().int().min(1).max(100_000).nullish(),
  })
  .strict();
export type DenialQuery = z.infer<typeof denialFilterSchema>;

export function denialsKey(host: string | null, q: DenialQuery): string {
  return withQuery(hostApi(host, '/denials'), { snap: q.snap, kind: q.kind, range: q.range, limit: q.limit });
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
}

export interface DenialsResponse extends DenialReport {
  source: SourceId | null;
  attempts: SourceAttempt[];
  generatedAt: string;
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
  .omit({ range: true, limit: true })
  .extend({ text: z.string().min(1, 'the log is empty').max(MAX_PASTED_LOG) })
  .strict();
export interface AnalyzeResponse extends DenialReport {
  /** Non-blank lines read. */
  lines: number;
  /** Lines that were neither a denial nor a kauditd "callbacks suppressed" note. */
  unrecognised: number;
}
