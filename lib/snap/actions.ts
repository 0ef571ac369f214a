import 'server-only';
import type { Host, MutationRunner } from '../host';
import { isHostError } from '../host/errors';
import { problemFromHostFailure } from '../host/problems';
import type { Problem, ProblemSource } from '../errors/problem';
import { endpointArg, type EndpointRef } from '../validation/names';
import { connections } from './queries';
import { forgetPrivilege } from './privilege';
import type { ActionOutcome } from './types';

/**
 * `snap connect` / `snap disconnect` with snapd's semantics: the command is
 * started with --no-wait so the change id is known (the audit trail records
 * it), then `snap watch` waits for the change to finish.
 */

export type InterfaceAction = 'connect' | 'disconnect';

export class ActionFailed extends Error implements ProblemSource {
  constructor(
    readonly failure: Problem,
    readonly changeId: string | null,
  ) {
    super(failure.message);
    this.name = 'ActionFailed';
  }

  problem(): Problem {
    return this.failure;
  }
}

const NOTHING_TO_DISCONNECT = 'No connections to disconnect';

async function runAction(run: MutationRunner, sudo: boolean, action: InterfaceAction, plug: EndpointRef, slot: EndpointRef | null): Promise<{ changeId: string | null; unchanged: boolean }> {
  // Only connect/disconnect ever run through sudo, and only where the host says so (the
  // simulated host needs no root, and sudo would reset PATH to the real snap).
  const args = [action, '--no-wait', endpointArg(plug), ...(slot ? [endpointArg(slot)] : [])];
  let started;
  try {
    started = await run('snap', args, { sudo });
  } catch (e) {
    // `snap disconnect A B` of a pair that is not connected is an error to snapd ("cannot
    // disconnect A from B, it is not connected"), but to the admin it is the same as
    // "No connections to disconnect": nothing to do, nothing changed.
    if (action === 'disconnect' && isHostError(e) && /it is not connected/.test(e.toolMessage ?? '')) return { changeId: null, unchanged: true };
    throw e;
  }
  const out = started.stdout.trim();
  if (action === 'disconnect' && out === NOTHING_TO_DISCONNECT) return { changeId: null, unchanged: true };
  if (!/^\d+$/.test(out)) {
    throw new ActionFailed({ status: 502, code: 'snapd-error', message: `unexpected answer from snap ${action}: ${out.slice(0, 200)}` }, null);
  }
  try {
    await run('snap', ['watch', out]);
  } catch (e) {
    if (isHostError(e)) throw new ActionFailed(problemFromHostFailure(e), out);
    throw e;
  }
  return { changeId: out, unchanged: false };
}

/**
 * Connects or disconnects. `record` runs inside the mutation lock, right after
 * snapd's answer and before anything else can fail: the audit trail gets the
 * true result (and change id) of every attempt, in the order they ran.
 */
export async function changeConnection(
  host: Host,
  action: InterfaceAction,
  plug: EndpointRef,
  slot: EndpointRef | null,
  record: (outcome: { changeId: string | null; unchanged: boolean } | ActionFailed) => Promise<void> = async () => undefined,
): Promise<ActionOutcome> {
  const result = await host.mutate(async (run) => {
    let done: { changeId: string | null; unchanged: boolean };
    try {
      done = await runAction(run, host.capabilities.sudo, action, plug, slot);
    } catch (e) {
      const failed = e instanceof ActionFailed ? e : isHostError(e) ? new ActionFailed(problemFromHostFailure(e), null) : null;
      if (!failed) throw e;
      // Refused for lack of privilege although the last check said yes: check again before the next attempt.
      if (failed.failure.code === 'access-denied' || failed.failure.code === 'sudo-refused') forgetPrivilege(host);
      await record(failed);
      throw failed;
    }
    await record(done);
    return done;
  });
  const snap = plug.snap;
  // The change is done; showing its result is best effort (snapd may be slow to answer a read).
  const after = await connections(host, snap === 'system' ? 'system' : snap).catch(() => []);
  const what = `${endpointArg(plug)}${slot ? ' ' + endpointArg(slot) : ''}`;
  return {
    ...result,
    connections: after,
    message: result.unchanged
      ? `${what}: no connections to disconnect`
      : `${action === 'connect' ? 'Connected' : 'Disconnected'} ${what}`,
  };
}
