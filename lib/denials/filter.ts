import { z } from 'zod';
import { isValidSnapName } from '../validation/names';

/** Query filters of the Denials page and API: snap, kind and a time range. */

export const RANGES = { '1h': 3_600_000, '6h': 21_600_000, '24h': 86_400_000, '7d': 604_800_000, all: null } as const;
export type RangeId = keyof typeof RANGES;

export const denialFilterSchema = z
  .object({
    snap: z.string().refine(isValidSnapName, 'invalid snap name').nullish(),
    kind: z.enum(['apparmor', 'seccomp']).nullish(),
    range: z.enum(['1h', '6h', '24h', '7d', 'all']).nullish(),
    /** At most this many groups (most recent first); the page asks for a screenful or two. */
    limit: z.coerce.number().int().min(1).max(100_000).nullish(),
  })
  .strict();

export type DenialFilterInput = z.infer<typeof denialFilterSchema>;

export function sinceOf(range: RangeId | null | undefined, now = Date.now()): string | null {
  const ms = RANGES[range ?? 'all'];
  return ms === null ? null : new Date(now - ms).toISOString();
}

/** A pasted or uploaded log is analysed in memory; this bounds that memory. */
export const MAX_PASTED_LOG = 5 * 1024 * 1024;
