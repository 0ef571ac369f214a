import 'server-only';
import type { Host } from '../host';
import { appendAudit, type AuditResult } from '../audit/log';
import { hasProblem } from '../errors/problem';
import { endpointArg, parseEndpointRef, type EndpointRef } from '../validation/names';
import { ActionFailed, changeConnection } from '../snap/actions';
import type { ConnectionChangeBody, InterfaceAction } from '../contracts/connections';
import type { ActionOutcome } from '../snap/types';

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
  const audit = (target: string, result: AuditResult, changeId: string | null, error: string | null) =>
    appendAudit({ host: hostname, action: `interface.${action}`, target, sessionId: actor.sessionId, clientAddress: actor.clientAddress, result, changeId, error });

  let plug: EndpointRef;
  let slot: EndpointRef | null;
  try {
    // snapd wants `snap:name` (or `:name`) first for both commands; the slot side may name only the snap when connecting.
    plug = parseEndpointRef(body.plug, { allowSnapOnly: false, kind: 'plug' });
    slot = body.slot === undefined ? null : parseEndpointRef(body.slot, { allowSnapOnly: action === 'connect', kind: 'slot' });
  } catch (e) {
    // What was refused is kept for the record, bounded: it never reaches a command.
    const raw = (body.slot ? `${body.plug} ${body.slot}` : body.plug).slice(0, 200);
    await audit(raw, 'error', null, e instanceof Error ? e.message : 'invalid request');
    throw e;
  }

  const target = describe(plug, slot);
  let recorded = false;
  try {
    return await changeConnection(host, action, plug, slot, async (result) => {
      recorded = true;
      if (result instanceof ActionFailed) await audit(target, 'error', result.changeId, result.message);
      else await audit(target, result.unchanged ? 'unchanged' : 'ok', result.changeId, null);
    });
  } catch (e) {
    // Failures before snapd answered (the lock, an unexpected error) are audited here.
    if (!recorded) await audit(target, 'error', null, hasProblem(e) ? e.problem().message : 'internal error');
    throw e;
  }
}
