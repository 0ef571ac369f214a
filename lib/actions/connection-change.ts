import 'server-only';
import type { Host } from '../host';
import { appendAudit, type AuditResult } from '../audit/log';
import { hasProblem } from '../errors/problem';
import { endpointArg, parseEndpointRef, type EndpointRef } from '../validation/names';
import { ActionFailed, changeConnection } from '../snap/actions';
import type { ConnectionChangeBody, InterfaceAction } from '../contracts/connections';
import type { ActionOutcome } from '../snap/types';
import { ReadOnlyHost, hostPrivilege, manualCommand } from '../snap/privilege';

/** Who asked for a change, as the audit trail records it. */
export interface Actor {
  sessionId: string;
  clientAddress: string;
}

/** The audit target, built from the validated parts only (the same words as the command). */
function describe(plug: EndpointRef, slot: EndpointRef | null): string {
  return slot ? `${endpointArg(plug)} ${endpointArg(slot)}` : endpointArg(plug);
}

/**
 * The connect/disconnect use case: validate the names with snapd's rules,
 * act on the host, and write the audit line (with the host's name) before the
 * caller answers, whatever happened.
 */
export async function performConnectionChange(host: Host, action: InterfaceAction, body: ConnectionChangeBody, actor: Actor): Promise<ActionOutcome> {
  const hostname = await host.hostname().catch(() => undefined);
  const audit = (target: string, result: AuditResult, changeId: string | null, error: string | null, details: Record<string, unknown>) =>
    appendAudit({ host: hostname, action: `interface.${action}`, target, sessionId: actor.sessionId, clientAddress: actor.clientAddress, result, changeId, error, details });

  let plug: EndpointRef;
  let slot: EndpointRef | null;
  try {
    // snapd wants `snap:name` (or `:name`) first for both commands; the slot side may name only the snap when connecting.
    plug = parseEndpointRef(body.plug, { allowSnapOnly: false, kind: 'plug' });
    slot = body.slot === undefined ? null : parseEndpointRef(body.slot, { allowSnapOnly: action === 'connect', kind: 'slot' });
  } catch (e) {
    // The target names only validated endpoints: a refused plug such as `a:b c:d` joined into it
    // would read like two endpoints (review F13). What was sent is kept apart, as separate
    // JSON strings, bounded; it never reaches a command.
    const sent = { plug: body.plug.slice(0, 200), ...(body.slot !== undefined ? { slot: body.slot.slice(0, 200) } : {}) };
    await audit('(invalid request)', 'error', null, e instanceof Error ? e.message : 'invalid request', { refused: sent });
    throw e;
  }

  const target = describe(plug, slot);
  const parts = { plug: endpointArg(plug), ...(slot ? { slot: endpointArg(slot) } : {}) };
  // A host that cannot change connections is told so before anything runs (snapd would refuse anyway).
  const privilege = await hostPrivilege(host);
  if (privilege.privilege === 'read-only') {
    const refused = new ReadOnlyHost(privilege, manualCommand(action, parts.plug, parts.slot));
    await audit(target, 'error', null, refused.message, { ...parts, refused: 'read-only' });
    throw refused;
  }
  let recorded = false;
  try {
    return await changeConnection(host, action, plug, slot, async (result) => {
      recorded = true;
      if (result instanceof ActionFailed) await audit(target, 'error', result.changeId, result.message, parts);
      else await audit(target, result.unchanged ? 'unchanged' : 'ok', result.changeId, null, parts);
    });
  } catch (e) {
    // Failures before snapd answered (the lock, an unexpected error) are audited here.
    if (!recorded) await audit(target, 'error', null, hasProblem(e) ? e.problem().message : 'internal error', parts);
    throw e;
  }
}
