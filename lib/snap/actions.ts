import 'server-only';
import type { CommandResult, Host, MutationRunner } from '../host';
import { isHostError } from '../host/errors';
import { MUTATION_TIMEOUT_MS } from '../host/process';
import { problemFromHostFailure } from '../host/problems';
import type { Problem, ProblemSource } from '../errors/problem';
import { endpointArg, type EndpointRef } from '../validation/names';
import { connections } from './queries';
import { forgetPrivilege } from './privilege';
import type { ActionOutcome } from './types';

/**
 * `snap connect` / `snap disconnect` with snapd's semantics: the command is
 * started with --no-wait so the change id is known (snapd cmd/snap/wait.go:
 * with --no-wait the client prints the id and returns; the audit trail records
 * it), then `snap watch` waits for the change to finish.
 *
 * A hung snapd (its socket accepts, nothing answers) must not hold the caller:
 * with `answerWithinMs` the start answers `pending` when snapd has not finished
 * in time. `snap connect --no-wait` is then left running (it prints the change
 * id when snapd comes back); `snap watch` is stopped, the change id is known.
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

/** snapd finished in time: the change id (null when there was nothing to do). */
export interface ChangeDone {
  state: 'done';
  changeId: string | null;
  unchanged: boolean;
}

/** What the `snap connect --no-wait` left running says when it ends after the answer. */
export type LateStart = { changeId: string } | { unchanged: true } | { failure: ActionFailed } | { noAnswer: string };

/** snapd did not finish in time. */
export interface ChangePending {
  state: 'pending';
  /** Known when snapd answered the request but not the wait. */
  changeId: string | null;
  /** `sent`: the request is with snapd, no answer yet; `watching`: snapd made the change, it has not ended. */
  stage: 'sent' | 'watching';
  /** When the command was started (ms since the epoch, the dashboard's clock). */
  sentAt: number;
  /** Resolves (never rejects) when the command left running ends; at once for `watching`. */
  late: Promise<LateStart>;
}

export type ChangeStart = ChangeDone | ChangePending;

export interface StartOptions {
  /** Answer `pending` when snapd has not finished within this time (default: MUTATION_TIMEOUT_MS, then a timeout error). */
  answerWithinMs?: number;
  /** Runs inside the mutation lock right after snapd's answer (or the pending answer): the audit line. */
  record?: (outcome: ChangeStart | ActionFailed) => Promise<void>;
}

function failureOf(e: unknown): ActionFailed | null {
  return e instanceof ActionFailed ? e : isHostError(e) ? new ActionFailed(problemFromHostFailure(e), null) : null;
}

/** The answer of `snap connect|disconnect --no-wait`: a change id, nothing to do, or a failure. */
function readStart(action: InterfaceAction, started: CommandResult): { changeId: string | null; unchanged: boolean } {
  const out = started.stdout.trim();
  if (action === 'disconnect' && out === NOTHING_TO_DISCONNECT) return { changeId: null, unchanged: true };
  if (!/^\d+$/.test(out)) {
    throw new ActionFailed({ status: 502, code: 'snapd-error', message: `unexpected answer from snap ${action}: ${out.slice(0, 200)}` }, null);
  }
  return { changeId: out, unchanged: false };
}

function startFailure(action: InterfaceAction, e: unknown): { changeId: null; unchanged: true } {
  // `snap disconnect A B` of a pair that is not connected is an error to snapd ("cannot
  // disconnect A from B, it is not connected"), but to the admin it is the same as
  // "No connections to disconnect": nothing to do, nothing changed.
  if (action === 'disconnect' && isHostError(e) && /it is not connected/.test(e.toolMessage ?? '')) return { changeId: null, unchanged: true };
  throw e;
}

const TIMER = Symbol('timer');
function within<T>(p: Promise<T>, ms: number): Promise<T | typeof TIMER> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const t = new Promise<typeof TIMER>((resolve) => (timer = setTimeout(() => resolve(TIMER), Math.max(0, ms))));
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

async function runAction(run: MutationRunner, sudo: boolean, action: InterfaceAction, plug: EndpointRef, slot: EndpointRef | null, answerWithinMs: number): Promise<ChangeStart> {
  // Only connect/disconnect ever run through sudo, and only where the host says so (the
  // simulated host needs no root, and sudo would reset PATH to the real snap).
  const args = [action, '--no-wait', endpointArg(plug), ...(slot ? [endpointArg(slot)] : [])];
  const sentAt = Date.now();
  const deadline = sentAt + answerWithinMs;
  // The process keeps its own (longer) timeout: left running after a pending answer, it is
  // what learns the change id when a hung snapd comes back.
  const starting = run('snap', args, { sudo, timeoutMs: Math.max(MUTATION_TIMEOUT_MS, answerWithinMs) }).then(
    (r) => readStart(action, r),
    (e: unknown) => startFailure(action, e),
  );
  // Without a shorter answer time the command's own timeout decides (a `timeout` failure).
  const first = answerWithinMs >= MUTATION_TIMEOUT_MS ? await starting : await within(starting, answerWithinMs);
  if (first === TIMER) {
    const late: Promise<LateStart> = starting.then(
      (r): LateStart => (r.changeId ? { changeId: r.changeId } : { unchanged: true }),
      (e: unknown): LateStart => {
        if (isHostError(e) && e.code === 'timeout') return { noAnswer: e.message };
        const failed = failureOf(e);
        return failed ? { failure: failed } : { noAnswer: e instanceof Error ? e.message : String(e) };
      },
    );
    return { state: 'pending', changeId: null, stage: 'sent', sentAt, late };
  }
  if (first.changeId === null) return { state: 'done', changeId: null, unchanged: true };
  const id = first.changeId;
  try {
    await run('snap', ['watch', id], { timeoutMs: Math.max(1, deadline - Date.now()) });
  } catch (e) {
    if (isHostError(e) && e.code === 'timeout' && answerWithinMs < MUTATION_TIMEOUT_MS) {
      return { state: 'pending', changeId: id, stage: 'watching', sentAt, late: Promise.resolve({ changeId: id }) };
    }
    if (isHostError(e)) throw new ActionFailed(problemFromHostFailure(e), id);
    throw e;
  }
  return { state: 'done', changeId: id, unchanged: false };
}

/**
 * Starts a connect or disconnect and answers when snapd has finished it, or
 * `pending` after `answerWithinMs`. `record` runs inside the mutation lock,
 * right after snapd's answer and before anything else can fail: the audit trail
 * gets the true result (and change id) of every attempt, in the order they ran.
 */
export async function startConnectionChange(host: Host, action: InterfaceAction, plug: EndpointRef, slot: EndpointRef | null, options: StartOptions = {}): Promise<ChangeStart> {
  const record = options.record ?? (async () => undefined);
  const answerWithinMs = options.answerWithinMs ?? MUTATION_TIMEOUT_MS;
  return host.mutate(async (run) => {
    let started: ChangeStart;
    try {
      started = await runAction(run, host.capabilities.sudo, action, plug, slot, answerWithinMs);
    } catch (e) {
      const failed = failureOf(e);
      if (!failed) throw e;
      // Refused for lack of privilege although the last check said yes: check again before the next attempt.
      if (failed.failure.code === 'access-denied' || failed.failure.code === 'sudo-refused') forgetPrivilege(host);
      await record(failed);
      throw failed;
    }
    await record(started);
    return started;
  });
}

/** What the admin is told about a finished change, with the snap's connections read again. */
export async function finishedOutcome(host: Host, action: InterfaceAction, plug: EndpointRef, slot: EndpointRef | null, done: ChangeDone): Promise<ActionOutcome> {
  const snap = plug.snap;
  // The change is done; showing its result is best effort (snapd may be slow to answer a read).
  const after = await connections(host, snap === 'system' ? 'system' : snap).catch(() => []);
  const what = `${endpointArg(plug)}${slot ? ' ' + endpointArg(slot) : ''}`;
  return {
    changeId: done.changeId,
    unchanged: done.unchanged,
    connections: after,
    pending: null,
    message: done.unchanged ? `${what}: no connections to disconnect` : `${action === 'connect' ? 'Connected' : 'Disconnected'} ${what}`,
  };
}

/**
 * Connects or disconnects and waits for snapd (up to MUTATION_TIMEOUT_MS, then
 * a `timeout` failure): for callers that need the end, not a pending answer.
 */
export async function changeConnection(
  host: Host,
  action: InterfaceAction,
  plug: EndpointRef,
  slot: EndpointRef | null,
  record: (outcome: { changeId: string | null; unchanged: boolean } | ActionFailed) => Promise<void> = async () => undefined,
): Promise<ActionOutcome> {
  const started = await startConnectionChange(host, action, plug, slot, {
    record: (o) => record(o instanceof ActionFailed ? o : { changeId: o.changeId, unchanged: o.state === 'done' && o.unchanged }),
  });
  if (started.state === 'pending') {
    // Only with answerWithinMs < MUTATION_TIMEOUT_MS; kept for the type.
    throw new ActionFailed({ status: 504, code: 'timeout', message: `snap ${action} did not finish in time` }, started.changeId);
  }
  return finishedOutcome(host, action, plug, slot, started);
}
