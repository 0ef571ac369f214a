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
