import type { Connection } from '../snap/parse';
import { isReadyStatus, type SnapChange } from '../snap/changes-parse';
import type { EndpointRef } from '../validation/names';
import type { InterfaceAction, LateStart } from '../snap/actions';
import type { LateOutcome } from '../snap/types';

/**
 * Following a connect/disconnect that snapd had not finished when the request
 * was answered: by its change id when snapd gave one, else by looking in
 * `snap changes` for the change the request made. Pure logic with its clock,
 * sleep and reads passed in (unit-tested with a fake host).
 */

/** How long a change is followed before its outcome is recorded as `unknown`. */
export const FOLLOW_LIMIT_MS = 10 * 60_000;
/** How often `snap changes` is asked while following. */
export const FOLLOW_POLL_MS = 2_000;
/**
 * A change counts as made by the request when snapd spawned it no earlier than
 * this before the request was sent: `snap changes --abs-time` prints whole
 * seconds (a change spawned 0.9 s after the request can print as 0.1 s before).
 */
export const SPAWN_TOLERANCE_MS = 2_000;

// The system snap as a change summary names it: snapd's RemapSnapFromRequest turns
// "system" into the snap that carries the system slots (`snapd`, or `core` without it).
const SYSTEM_SNAPS = new Set(['system', 'snapd', 'core', '']);

function sameSnap(want: string, got: string): boolean {
  return want === 'system' || want === '' ? SYSTEM_SNAPS.has(got) : want === got;
}

function endpointMatches(want: EndpointRef, got: string): boolean {
  const at = got.indexOf(':');
  if (at < 0) return false;
  const snap = got.slice(0, at);
  const name = got.slice(at + 1);
  return sameSnap(want.snap, snap) && (want.name === null || want.name === name);
}

/**
 * Is `summary` the change snapd makes for this request? Formats (snapd
 * daemon/api_interfaces.go changeInterfaces; lab transcripts 57/58):
 * - connect: `Connect P:p to S:s`, the slot as snapd resolved it (`snap connect
 *   microk8s:network-observe` → `Connect microk8s:network-observe to snapd:network-observe`);
 * - disconnect: `Disconnect P:p from S:s` with the sides as sent; `snap disconnect A:p`
 *   sends A:p as the slot side, so it reads `Disconnect : from A:p`.
 */
export function summaryMatches(summary: string, action: InterfaceAction, plug: EndpointRef, slot: EndpointRef | null): boolean {
  if (action === 'connect') {
    const m = /^Connect (\S+) to (\S+)$/.exec(summary);
    if (!m) return false;
    return endpointMatches(plug, m[1]!) && (slot === null || endpointMatches(slot, m[2]!));
  }
  const m = /^Disconnect (\S+) from (\S+)$/.exec(summary);
  if (!m) return false;
  if (slot === null) return (m[1] === ':' && endpointMatches(plug, m[2]!)) || endpointMatches(plug, m[1]!);
  return endpointMatches(plug, m[1]!) && endpointMatches(slot, m[2]!);
}

/** The earliest change spawned after the request (less the tolerance) that matches it and is not taken. */
export function findRequestChange(changes: SnapChange[], want: { action: InterfaceAction; plug: EndpointRef; slot: EndpointRef | null; sentAt: number }, taken: (id: string) => boolean): SnapChange | null {
  let best: SnapChange | null = null;
  for (const c of changes) {
    const spawn = Date.parse(c.spawn);
    if (Number.isNaN(spawn) || spawn < want.sentAt - SPAWN_TOLERANCE_MS) continue;
    if (taken(c.id) || !summaryMatches(c.summary, want.action, want.plug, want.slot)) continue;
    if (best === null || Number(c.id) < Number(best.id)) best = c;
  }
  return best;
}

/** What a ready change's status means for the request. */
export function outcomeOfStatus(status: string): LateOutcome {
  return status === 'Done' ? 'done-late' : 'failed-late';
}

export interface FollowDeps {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** `snap changes --abs-time [SNAP]`; throws while snapd does not answer. */
  listChanges(): Promise<SnapChange[]>;
}

export interface FollowInput {
  action: InterfaceAction;
  plug: EndpointRef;
  slot: EndpointRef | null;
  sentAt: number;
  changeId: string | null;
  late: Promise<LateStart>;
  /** A change id another followed request already claimed. */
  taken(id: string): boolean;
  /** True once the request was resolved elsewhere (a read showed the plug's state). */
  stopped(): boolean;
  /** Told as soon as the change id is known. */
  onChangeId?(id: string): void;
  limitMs?: number;
  pollMs?: number;
}

export interface FollowResult {
  outcome: LateOutcome;
  changeId: string | null;
  status: string | null;
  note: string;
}

/** Codes of a late failure that say nothing about the change (the request may still have reached snapd). */
const SAYS_NOTHING = new Set(['timeout', 'snapd-unreachable']);

/** Follows until the change is ready, the limit passes, or `stopped()`; bounded by `limitMs`. */
export async function followChange(input: FollowInput, deps: FollowDeps): Promise<FollowResult | null> {
  const limitMs = input.limitMs ?? FOLLOW_LIMIT_MS;
  const pollMs = input.pollMs ?? FOLLOW_POLL_MS;
  const end = deps.now() + limitMs;
  let changeId = input.changeId;
  let status: string | null = null;
  let late: LateStart | null = null;
  void input.late.then((r) => (late = r));
  // One turn, so an answer that is already there is seen before snapd is asked.
  await Promise.resolve();
  const learn = (id: string) => {
    if (changeId === id) return;
    changeId = id;
    input.onChangeId?.(id);
  };

  for (;;) {
    if (input.stopped()) return null;
    const answer = late as LateStart | null;
    if (answer && changeId === null) {
      if ('changeId' in answer) learn(answer.changeId);
      else if ('unchanged' in answer) return { outcome: 'done-late', changeId: null, status: null, note: 'snapd answered late: no connections to disconnect' };
      else if ('failure' in answer && !SAYS_NOTHING.has(answer.failure.failure.code)) {
        return { outcome: 'failed-late', changeId: answer.failure.changeId, status: null, note: `snapd answered late: ${answer.failure.message}` };
      }
    }
    try {
      const list = await deps.listChanges();
      if (input.stopped()) return null;
      const found = changeId !== null ? (list.find((c) => c.id === changeId) ?? null) : findRequestChange(list, input, input.taken);
      if (found) {
        learn(found.id);
        status = found.status;
        if (isReadyStatus(found.status)) {
          return { outcome: outcomeOfStatus(found.status), changeId: found.id, status: found.status, note: `snapd change ${found.id}: ${found.status}` };
        }
      }
    } catch {
      // snapd still not answering (or the read failed): ask again until the limit
    }
    if (deps.now() >= end) {
      const seconds = Math.round(limitMs / 1000);
      return {
        outcome: 'unknown',
        changeId,
        status,
        note: changeId ? `snapd change ${changeId} had not ended after ${seconds} s (status ${status ?? 'not seen'})` : `no matching change seen in snap changes within ${seconds} s`,
      };
    }
    await deps.sleep(pollMs);
  }
}

/**
 * What a read of connections says about a request: `reached` (the plug is as the
 * request wanted), `not-reached` (the read covers the plug and it is not), or
 * null (the read says nothing about it). `coversPlug`: the read lists every plug of
 * the plug's snap (`snap connections SNAP`, or `--all`).
 */
export function stateSeen(rows: readonly Connection[], want: { action: InterfaceAction; plug: EndpointRef; slot: EndpointRef | null }, coversPlug: boolean): 'reached' | 'not-reached' | null {
  const plugRows = rows.filter((r) => r.plug !== null && sameSnap(want.plug.snap, r.plug.snap) && r.plug.name === want.plug.name);
  const connectedTo = plugRows.filter((r) => r.slot !== null && (want.slot === null || (sameSnap(want.slot.snap, r.slot.snap) && (want.slot.name === null || want.slot.name === r.slot.name))));
  if (want.action === 'connect') {
    if (connectedTo.length > 0) return 'reached';
    return coversPlug && plugRows.length > 0 ? 'not-reached' : null;
  }
  if (!coversPlug || plugRows.length === 0) return connectedTo.length > 0 ? 'not-reached' : null;
  return connectedTo.length === 0 ? 'reached' : 'not-reached';
}
