import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Host } from '../host';
import { appendAudit, type AuditResult } from '../audit/log';
import { hasProblem } from '../errors/problem';
import { endpointArg, parseEndpointRef, type EndpointRef } from '../validation/names';
import { ActionFailed, finishedOutcome, startConnectionChange, type ChangeStart } from '../snap/actions';
import { trackPendingChange } from './pending-changes';
import type { ConnectionChangeBody, InterfaceAction } from '../contracts/connections';
import type { ActionOutcome } from '../snap/types';
import { ReadOnlyHost, hostPrivilege, manualCommand } from '../snap/privilege';
import { readContentTags } from '../snap/content-tags';
import { contentRefusalHint, refusedPair } from '../snap/content-refusal';

/**
 * snapd's refusal of a content connection, its hint naming the plug's and the slot's content tags (read after the
 * refusal; snapd names the pair in its message, else the request does). Any other failure is returned as it is.
 */
async function withContentTags(host: Host, e: unknown, parts: { plug: string; slot?: string }): Promise<unknown> {
  if (!(e instanceof ActionFailed) || e.failure.code !== 'policy-refused' || !/slot rule of interface "content"/.test(e.failure.message)) return e;
  const pair = refusedPair(e.failure.message) ?? (parts.slot?.includes(':') ? { plug: parts.plug, slot: parts.slot } : null);
  const tags = pair ? await readContentTags(host) : null;
  const hint = contentRefusalHint(pair, pair ? tags?.labels.get(pair.plug) : undefined, pair ? tags?.labels.get(pair.slot) : undefined);
  return new ActionFailed({ ...e.failure, hint }, e.changeId);
}

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
 * How long a connect/disconnect may take before the request is answered
 * `pending` (HTTP 202): a hung snapd (its socket accepts, nothing answers) must
 * not hold the admin's button for the command's two minutes.
 */
export const ANSWER_WITHIN_MS = 6_000;

/**
 * The connect/disconnect use case: validate the names with snapd's rules,
 * act on the host, and write the audit line (with the host's name) before the
 * caller answers, whatever happened. When snapd has not finished within
 * ANSWER_WITHIN_MS the answer is `pending` (audited as such) and the change is
 * followed (pending-changes.ts) until its outcome is known and audited.
 */
export async function performConnectionChange(host: Host, action: InterfaceAction, body: ConnectionChangeBody, actor: Actor, options: { answerWithinMs?: number } = {}): Promise<ActionOutcome> {
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
  let started: ChangeStart;
  // Links a `pending` audit line to the line that later says how the change ended.
  const request = randomUUID();
  try {
    started = await startConnectionChange(host, action, plug, slot, {
      answerWithinMs: options.answerWithinMs ?? ANSWER_WITHIN_MS,
      record: async (result) => {
        recorded = true;
        if (result instanceof ActionFailed) await audit(target, 'error', result.changeId, result.message, parts);
        else if (result.state === 'pending') await audit(target, 'pending', result.changeId, null, { ...parts, stage: result.stage, request });
        else await audit(target, result.unchanged ? 'unchanged' : 'ok', result.changeId, null, parts);
      },
    });
  } catch (e) {
    // Failures before snapd answered (the lock, an unexpected error) are audited here.
    if (!recorded) await audit(target, 'error', null, hasProblem(e) ? e.problem().message : 'internal error', parts);
    throw action === 'connect' ? await withContentTags(host, e, parts) : e;
  }
  if (started.state === 'done') return finishedOutcome(host, action, plug, slot, started);

  const pending = trackPendingChange(
    host,
    { id: request, action, plug, slot, plugArg: parts.plug, slotArg: parts.slot ?? null, target },
    started,
    { actor, hostname, details: parts },
  );
  const verb = action === 'connect' ? 'Connect' : 'Disconnect';
  return {
    changeId: started.changeId,
    unchanged: false,
    connections: [],
    pending,
    message: `${verb} ${target}: ${pending.note}. The dashboard follows it and records how it ends.`,
  };
}
