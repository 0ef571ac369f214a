/**
 * When was a plug connected? PURE module: the evidence is read elsewhere (service.ts) and merged here.
 *
 * Three kinds of evidence, each with what it can and cannot say:
 * - snapd's changes (`snap changes --abs-time`): a Done change summarised `Connect SNAP:PLUG to SNAP:SLOT` —
 *   snapd's daemon/api_interfaces.go writes `Connect %s:%s to %s:%s` with the resolved plug and slot (and
 *   ifacestate the same for the task; snapd-lab transcript 58: "Connect microk8s:network-observe to
 *   snapd:network-observe"). Its Ready time is when the new profile was
 *   in place, to the second (RFC 3339 without fraction). snapd prunes ready changes after about a day, and a
 *   plug connected automatically at install has no Connect change of its own.
 * - the dashboard's audit trail (lib/audit/log.ts): `interface.connect` lines with result `ok`, written right
 *   after snapd answered. Only connects made through the dashboard.
 * - the dashboard's own observations: the first time it saw the plug connected after having seen it
 *   unconnected. The connect happened in between (`notBefore` … `at`).
 * Without any of these the time is unknown, and the answer says so.
 */

import type { SnapChange } from '../snap/changes-parse';

export type ConnectionTimeSource = 'snapd-change' | 'audit' | 'observed';

export interface ConnectionTime {
  /** ISO time at which the plug was connected (observed: the first time it was seen connected). */
  at: string;
  source: ConnectionTimeSource;
  /** observed only: the last time it was seen unconnected; the connect happened after it. */
  notBefore?: string;
  /** snapd-change: the change id. */
  changeId?: string;
}

/** `plugSnap:plug` */
export type PlugKey = string;

/** snapd: `Connect %s:%s to %s:%s` (plug first). Snap and plug names never contain spaces or colons. */
const CONNECT_SUMMARY = /^Connect ([a-z0-9][a-z0-9_-]*):([a-z0-9][a-z0-9-]*) to ([a-z0-9][a-z0-9_-]*)?:([a-z0-9][a-z0-9-]*)$/;

/** b is later than a (same second: the later change id, as snapd numbers changes in order) */
function later(a: ConnectionTime | undefined, b: ConnectionTime): boolean {
  if (!a) return true;
  const d = Date.parse(b.at) - Date.parse(a.at);
  if (d !== 0) return d > 0;
  return Number(b.changeId ?? 0) > Number(a.changeId ?? 0);
}

/** RFC 3339 / ISO times only (Date.parse accepts much else, e.g. "relative 12.5"). */
function isTime(t: string | null | undefined): t is string {
  return typeof t === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(t) && !Number.isNaN(Date.parse(t));
}

/** The latest finished connect per plug, from `snap changes --abs-time`. */
export function connectTimesFromChanges(changes: readonly SnapChange[]): Map<PlugKey, ConnectionTime> {
  const out = new Map<PlugKey, ConnectionTime>();
  for (const c of changes) {
    if (c.status !== 'Done') continue;
    const m = CONNECT_SUMMARY.exec(c.summary);
    if (!m) continue;
    const at = isTime(c.ready) ? c.ready : isTime(c.spawn) ? c.spawn : null;
    if (!at) continue; // relative times (no --abs-time) cannot be compared
    const key = `${m[1]}:${m[2]}`;
    const t: ConnectionTime = { at: new Date(Date.parse(at)).toISOString(), source: 'snapd-change', changeId: c.id };
    if (later(out.get(key), t)) out.set(key, t);
  }
  return out;
}

export interface AuditLike {
  time: string;
  action: string;
  target: string;
  result: string;
}

/** The latest successful dashboard connect per plug (target `snap:plug [slot]`, as actions write it). */
export function connectTimesFromAudit(entries: readonly AuditLike[]): Map<PlugKey, ConnectionTime> {
  const out = new Map<PlugKey, ConnectionTime>();
  for (const e of entries) {
    if (e.action !== 'interface.connect' || e.result !== 'ok' || !isTime(e.time)) continue;
    const plug = e.target.split(' ')[0] ?? '';
    if (!/^[a-z0-9][a-z0-9_-]*:[a-z0-9][a-z0-9-]*$/.test(plug)) continue;
    const t: ConnectionTime = { at: e.time, source: 'audit' };
    if (later(out.get(plug), t)) out.set(plug, t);
  }
  return out;
}

/** What the dashboard saw of one plug: connected or not, and when it last looked. */
export interface PlugObservation {
  connected: boolean;
  /** ms */
  seenAt: number;
  /** Set when it was seen going from unconnected to connected. */
  connectedBetween?: { after: number; by: number };
}

/**
 * Folds one look at the host's connections into the observations (mutates `seen`).
 * `plugs` maps every plug of the host to whether it is connected now.
 */
export function observe(seen: Map<PlugKey, PlugObservation>, plugs: ReadonlyMap<PlugKey, boolean>, now: number): void {
  for (const [key, connected] of plugs) {
    const prev = seen.get(key);
    if (!prev) {
      seen.set(key, { connected, seenAt: now });
      continue;
    }
    if (connected && !prev.connected) seen.set(key, { connected, seenAt: now, connectedBetween: { after: prev.seenAt, by: now } });
    else seen.set(key, { ...prev, connected, seenAt: now, ...(connected ? {} : { connectedBetween: undefined }) });
  }
  // a plug that disappeared (snap removed) is forgotten
  for (const key of [...seen.keys()]) if (!plugs.has(key)) seen.delete(key);
}

export function connectTimesFromObservations(seen: ReadonlyMap<PlugKey, PlugObservation>): Map<PlugKey, ConnectionTime> {
  const out = new Map<PlugKey, ConnectionTime>();
  for (const [key, o] of seen) {
    if (!o.connected || !o.connectedBetween) continue;
    out.set(key, { at: new Date(o.connectedBetween.by).toISOString(), source: 'observed', notBefore: new Date(o.connectedBetween.after).toISOString() });
  }
  return out;
}

/** snapd's change and the audit line of one connect: the audit is written a moment after snapd's ready time. */
function sameConnect(a: ConnectionTime, b: ConnectionTime): boolean {
  return a.source !== b.source && Math.abs(Date.parse(a.at) - Date.parse(b.at)) < 2_000 + CONNECT_SLACK_MS;
}

/**
 * One time per plug: snapd's own record first, then the audit trail, then observations. snapd's and the
 * audit's say when; an observation only bounds it. When snapd and the audit disagree the later one wins (the
 * plug may have been disconnected and connected again outside the dashboard).
 */
export function mergeConnectionTimes(...sources: ReadonlyMap<PlugKey, ConnectionTime>[]): Map<PlugKey, ConnectionTime> {
  const out = new Map<PlugKey, ConnectionTime>();
  for (const source of sources) {
    for (const [key, t] of source) {
      const have = out.get(key);
      if (!have) out.set(key, t);
      else if (have.source === 'observed' && t.source !== 'observed') out.set(key, t);
      else if (t.source !== 'observed' && later(have, t) && !sameConnect(have, t)) out.set(key, t);
    }
  }
  return out;
}

/**
 * Denials logged within this long after the recorded connect time still count as before it: snapd's change
 * times are whole seconds, and the audit line is written after snapd answered.
 */
export const CONNECT_SLACK_MS = 1_000;

/**
 * Was the last denial before the connect (`before`), after it (`after`), or can it not be told (`unknown`:
 * no absolute time for the denial, or it falls between an observation's bounds)?
 */
export function denialVersusConnect(lastSeen: string | null, t: ConnectionTime): 'before' | 'after' | 'unknown' {
  if (!isTime(lastSeen)) return 'unknown';
  const last = Date.parse(lastSeen);
  if (t.source === 'observed') {
    // the connect happened somewhere in (notBefore, at]
    if (t.notBefore && last <= Date.parse(t.notBefore)) return 'before';
    if (last > Date.parse(t.at) + CONNECT_SLACK_MS) return 'after';
    return 'unknown';
  }
  return last <= Date.parse(t.at) + CONNECT_SLACK_MS ? 'before' : 'after';
}
