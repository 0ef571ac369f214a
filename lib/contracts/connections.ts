import { z } from 'zod';
import type { Connection } from '../snap/parse';
import type { ActionOutcome } from '../snap/types';
import { isValidSnapName } from '../validation/names';
import { withQuery } from './query';
import { hostApi } from './hosts';

/** GET /api/connections[?snap=NAME]: `snap connections --all`, or one snap's (`system` included). */
export const connectionsQuerySchema = z
  .object({ snap: z.string().refine((s) => s === 'system' || isValidSnapName(s), 'invalid snap name').optional() })
  .strict();
export function connectionsKey(host: string | null, snap?: string): string {
  return withQuery(hostApi(host, '/connections'), { snap });
}
export interface ConnectionsResponse {
  connections: Connection[];
}

/** POST (connect) / DELETE (disconnect) /api/connections: `{ "plug": "snap:plug", "slot": "snap:slot" }`, slot optional. */
export function connectionsPath(host: string | null): string {
  return hostApi(host, '/connections');
}
export const connectionChangeSchema = z
  .object({
    plug: z.string().max(200),
    slot: z.string().max(200).optional(),
  })
  .strict();
export type ConnectionChangeBody = z.infer<typeof connectionChangeSchema>;
export type ConnectionChangeResponse = ActionOutcome;
export type InterfaceAction = 'connect' | 'disconnect';

/**
 * POST /api/connections/batch (or /api/hosts/{host}/connections/batch): several
 * connects or disconnects as one server job (GET /api/jobs/{id} follows it).
 * Each item is a `{ plug, slot? }` as for POST/DELETE /api/connections.
 */
export const MAX_BATCH_ITEMS = 100;
export function connectionsBatchPath(host: string | null): string {
  return hostApi(host, '/connections/batch');
}
export const connectionsBatchSchema = z
  .object({
    action: z.enum(['connect', 'disconnect']),
    items: z.array(connectionChangeSchema).min(1).max(MAX_BATCH_ITEMS),
  })
  .strict();
export type ConnectionsBatchBody = z.infer<typeof connectionsBatchSchema>;
