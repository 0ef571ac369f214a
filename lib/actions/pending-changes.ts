import 'server-only';
import type { Host } from '../host';
import { appendAudit } from '../audit/log';
import { listChanges } from '../snap/changes';
import type { Connection } from '../snap/parse';
import { observeConnectionReads } from '../snap/read-observers';
import type { ChangePending, InterfaceAction } from '../snap/actions';
import type { LateOutcome, PendingChange } from '../snap/types';
import type { EndpointRef } from '../validation/names';
import { findRequestChange, followChange, outcomeOfStatus, stateSeen, type FollowDeps } from './follow-change';
import { isReadyStatus } from '../snap/changes-parse';

/**
 * The changes the dashboard answered `pending` for, per host, and their
 * follow-through: each is followed (follow-change.ts) until snapd says how it
 * ended, a read of connections shows the plug as asked, or the limit passes;
 * the outcome is appended to the audit log (`done-late`, `failed-late`,
 * `unknown`, with the change id). An `unknown` one stays reconcilable: a later
 * read that shows the plug's state settles it. Kept on globalThis (one store for
 * the route and page bundles), bounded.
 */

export interface ChangeActor {
  sessionId: string;
  clientAddress: string;
}

interface Tracked {
  view: PendingChange;
  plug: EndpointRef;
  slot: EndpointRef | null;
  actor: ChangeActor;
  hostname: string | undefined;
  details: Record<string, unknown>;
  /** An outcome is being recorded right now (set synchronously by whoever settles it first). */
  busy: boolean;
  /** `unknown` outcomes a read may still settle, until this time. */
  reconcileUntil: number;
}

const KEY = Symbol.for('confinement-dashboard.pending-changes');
type Holder = { [KEY]?: Map<string, Tracked[]> };

/** Resolved entries are listed this long (the page that asked picks them up by polling). */
const SHOWN_AFTER_MS = 60 * 60_000;
/** An `unknown` outcome can be settled by a read this long. */
const RECONCILE_MS = 24 * 60 * 60_000;
const MAX_PER_HOST = 200;

function store(): Map<string, Tracked[]> {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= new Map());
}

function tracked(hostId: string): Tracked[] {
  const now = Date.now();
  const all = store().get(hostId) ?? [];
  // Forget what is settled and old; keep the list bounded.
  const kept = all.filter((t) => t.view.outcome === null || t.reconcileUntil > now || (t.view.resolvedAt !== null && Date.parse(t.view.resolvedAt) + SHOWN_AFTER_MS > now)).slice(-MAX_PER_HOST);
  store().set(hostId, kept);
  return kept;
}

/** The host's followed changes, newest first: open ones and those settled within the hour. */
export function pendingChanges(hostId: string): PendingChange[] {
  const now = Date.now();
  return tracked(hostId)
    .filter((t) => t.view.outcome === null || (t.view.resolvedAt !== null && Date.parse(t.view.resolvedAt) + SHOWN_AFTER_MS > now))
    .map((t) => ({ ...t.view }))
    .reverse();
}

async function record(host: Host, t: Tracked, outcome: LateOutcome, changeId: string | null, status: string | null, note: string, seenIn: string): Promise<void> {
  t.view = { ...t.view, outcome, changeId: changeId ?? t.view.changeId, status, note, resolvedAt: new Date().toISOString() };
  t.reconcileUntil = outcome === 'unknown' ? Date.now() + RECONCILE_MS : 0;
  // The host changed behind the cache's back: the next read goes to snapd.
  host.invalidateReads();
  await appendAudit({
    host: t.hostname,
    action: `interface.${t.view.action}`,
    target: t.view.target,
    sessionId: t.actor.sessionId,
    clientAddress: t.actor.clientAddress,
    result: outcome,
    changeId: t.view.changeId,
    error: outcome === 'done-late' ? null : note,
    details: { ...t.details, request: t.view.id, sentAt: t.view.sentAt, seenIn, ...(status ? { status } : {}) },
  }).catch(() => undefined);
}

function followDeps(host: Host, snap: string): FollowDeps {
  return {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    listChanges: () => listChanges(host, snap),
  };
}

function takenBy(hostId: string, self: Tracked): (id: string) => boolean {
  return (id) => tracked(hostId).some((t) => t !== self && t.view.changeId === id);
}

async function follow(host: Host, t: Tracked, started: ChangePending): Promise<void> {
  const snap = t.plug.snap === 'system' ? 'system' : t.plug.snap;
  const result = await followChange(
    {
      action: t.view.action,
      plug: t.plug,
      slot: t.slot,
      sentAt: started.sentAt,
      changeId: started.changeId,
      late: started.late,
      taken: takenBy(host.id, t),
      // (not `busy`: a read that is checking it may leave it open, and the follower must go on)
      stopped: () => t.view.outcome !== null,
      onChangeId: (id) => (t.view = { ...t.view, changeId: id, stage: 'watching', note: `snapd made change ${id}; it has not ended yet` }),
    },
    followDeps(host, snap),
  ).catch(() => null);
  // A read may be settling it right now: let that finish first (bounded, it is one read).
  for (let i = 0; i < 300 && t.busy; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  if (!result || t.busy || t.view.outcome !== null) return;
  t.busy = true;
  try {
    await record(host, t, result.outcome, result.changeId, result.status, result.note, result.outcome === 'unknown' ? 'limit' : 'snap changes');
  } finally {
    t.busy = false;
  }
}

/** Registers a pending change and starts following it; the view the request answers with. */
export function trackPendingChange(
  host: Host,
  request: { id: string; action: InterfaceAction; plug: EndpointRef; slot: EndpointRef | null; plugArg: string; slotArg: string | null; target: string },
  started: ChangePending,
  context: { actor: ChangeActor; hostname: string | undefined; details: Record<string, unknown> },
): PendingChange {
  const view: PendingChange = {
    id: request.id,
    host: host.id,
    action: request.action,
    plug: request.plugArg,
    slot: request.slotArg,
    target: request.target,
    changeId: started.changeId,
    stage: started.stage,
    sentAt: new Date(started.sentAt).toISOString(),
    outcome: null,
    resolvedAt: null,
    status: null,
    note:
      started.stage === 'watching'
        ? `snapd made change ${started.changeId} but has not finished it yet`
        : 'the command was sent; snapd has not answered yet (busy or hung)',
  };
  const t: Tracked = { view, plug: request.plug, slot: request.slot, actor: context.actor, hostname: context.hostname, details: context.details, busy: false, reconcileUntil: 0 };
  store().set(host.id, [...tracked(host.id), t]);
  // A background task: a failure is logged, never an unhandled rejection that could end the server.
  void follow(host, t, started).catch((e: unknown) => console.error(`[confinement-dashboard] following ${t.view.plug} on ${host.id} failed: ${e instanceof Error ? e.message : String(e)}`));
  return { ...view };
}

/** Settles followed changes that a read of connections answers (see stateSeen). */
export function reconcileWithConnections(host: Host, snap: string | undefined, rows: readonly Connection[]): void {
  const list = store().get(host.id);
  if (!list || list.length === 0) return;
  const now = Date.now();
  for (const t of list) {
    const open = t.view.outcome === null;
    const reconcilable = t.view.outcome === 'unknown' && t.reconcileUntil > now;
    if (t.busy || (!open && !reconcilable)) continue;
    const covers = snap === undefined || snap === t.plug.snap;
    const seen = stateSeen(rows, { action: t.view.action, plug: t.plug, slot: t.slot }, covers);
    // An open change may still get there; only an `unknown` one is settled by "not there".
    if (seen === null || (open && seen === 'not-reached')) continue;
    t.busy = true;
    void settleFromRead(host, t, seen === 'reached' ? 'done-late' : 'failed-late', snap)
      .catch((e: unknown) => console.error(`[confinement-dashboard] settling ${t.view.plug} on ${host.id} failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => (t.busy = false));
  }
}

async function settleFromRead(host: Host, t: Tracked, seen: LateOutcome, snap: string | undefined): Promise<void> {
  const open = t.view.outcome === null;
  // snapd's word on the change, when it has one (best effort): the audit line names the change,
  // and an open change that snapd has not finished is left to the follower (it may still fail).
  const sentAt = Date.parse(t.view.sentAt);
  const want = { action: t.view.action, plug: t.plug, slot: t.slot, sentAt };
  const known = t.view.changeId;
  const found = await listChanges(host, t.plug.snap === 'system' ? 'system' : t.plug.snap)
    .then((list) => (known !== null ? (list.find((c) => c.id === known) ?? null) : findRequestChange(list, want, takenBy(host.id, t))))
    .catch(() => null);
  if (open && found && !isReadyStatus(found.status)) {
    t.view = { ...t.view, changeId: found.id, stage: 'watching' };
    return;
  }
  if (t.view.outcome !== null && t.view.outcome !== 'unknown') return;
  const command = snap === undefined ? 'snap connections --all' : `snap connections ${snap}`;
  const state = t.view.action === 'connect' ? 'connected' : 'disconnected';
  const shown = seen === 'done-late' ? `${command} shows ${t.view.plug} ${state}` : `${command} shows ${t.view.plug} not ${state}`;
  const ready = open && found !== null;
  const outcome = ready ? outcomeOfStatus(found.status) : seen;
  const note = ready ? `${shown}; snapd change ${found.id}: ${found.status}` : shown;
  await record(host, t, outcome, found?.id ?? known, found?.status ?? t.view.status, note, command);
}

observeConnectionReads(reconcileWithConnections);
