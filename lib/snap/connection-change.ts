import 'server-only';
import { z } from 'zod';
import { ApiError, type AuthContext } from '../auth/with-auth';
import { appendAudit } from '../audit/log';
import { toApiError } from '../api/errors';
import { parseEndpointRef, type EndpointRef } from '../validation/names';
import { ActionFailed, changeConnection, type InterfaceAction } from './actions';
import type { ActionOutcome } from './types';

/** Body of POST/DELETE /api/connections: `{ "plug": "snap:plug", "slot": "snap:slot" }`, slot optional. */
export const connectionChangeSchema = z
  .object({
    plug: z.string().max(200),
    slot: z.string().max(200).optional(),
  })
  .strict();

export type ConnectionChangeBody = z.infer<typeof connectionChangeSchema>;

/**
 * Validates names with snapd's rules, then connects or disconnects, and
 * writes the audit record before the caller responds, whatever happened.
 */
export async function performConnectionChange(action: InterfaceAction, body: ConnectionChangeBody, auth: AuthContext): Promise<ActionOutcome> {
  const target = body.slot ? `${body.plug} ${body.slot}` : body.plug;
  const audit = (result: 'ok' | 'error' | 'unchanged', changeId: string | null, error: string | null) =>
    appendAudit({ action: `interface.${action}`, target, sessionId: auth.sessionId, clientAddress: auth.clientAddress, result, changeId, error });

  let plug: EndpointRef;
  let slot: EndpointRef | null;
  try {
    // snapd wants `snap:name` (or `:name`) first for both commands; the slot side may name only the snap when connecting.
    plug = parseEndpointRef(body.plug, { allowSnapOnly: false, kind: 'plug' });
    slot = body.slot === undefined ? null : parseEndpointRef(body.slot, { allowSnapOnly: action === 'connect', kind: 'slot' });
  } catch (e) {
    await audit('error', null, e instanceof Error ? e.message : 'invalid request');
    throw toApiError(e);
  }

  let recorded = false;
  try {
    return await changeConnection(action, plug, slot, async (result) => {
      recorded = true;
      if (result instanceof ActionFailed) await audit('error', result.changeId, result.problem.message);
      else await audit(result.unchanged ? 'unchanged' : 'ok', result.changeId, null);
    });
  } catch (e) {
    const apiError = toApiError(e);
    // Failures before snapd answered (the lock, an unexpected error) are audited here.
    if (!recorded) await audit('error', null, apiError instanceof ApiError ? apiError.message : 'internal error');
    throw apiError;
  }
}
