import type { Denial } from './parse';
import { suggestInterfaces, type Suggestion } from './suggest';
import { adminAnswer, pastedAnswer, type AdminAnswer, type ConnectionRow } from './answer';
import { broadness } from './publisher-advice';
import { snapdHelper } from './unattributed';
import type { ConnectionTime } from './connection-times';
import type { Attrs } from './file-attrs';
import { UNKNOWN_SNAP } from './labels';

/**
 * Denials grouped the way an admin reads them: by snap, then by identical
 * access, each group with its count, first and last sighting, the interfaces
 * that would allow it and the admin's answer. Pure: the server and the CLI
 * share it.
 */

export interface DenialGroup {
  key: string;
  snap: string | null;
  kind: Denial['kind'];
  /** "read /proc/1234/mounts", "capability net_admin", "syscall sched_setattr"... */
  what: string;
  action: string | null;
  count: number;
  firstSeen: string | null;
  lastSeen: string | null;
  sample: Denial;
  suggestion: Suggestion;
  /** Suggested interfaces that are super-privileged or high/critical risk → what they are, in words. */
  broad: Record<string, string>;
  answer: AdminAnswer;
}

export interface TimelineSeries {
  snap: string;
  counts: number[];
}

export interface DenialReport {
  total: number;
  dropped: number;
  groups: DenialGroup[];
  snaps: { snap: string; count: number }[];
  timeline: { start: string; bucketMs: number; buckets: number; series: TimelineSeries[] } | null;
}

const ACCESS_WORDS: Record<string, string> = { r: 'read', w: 'write', a: 'append', c: 'create', d: 'delete', k: 'lock', l: 'link', m: 'map', x: 'execute' };

export function describeDenial(d: Denial): string {
  if (d.kind === 'seccomp') return `syscall ${d.syscall ?? (d.syscallNumber !== null ? `#${d.syscallNumber}` : '?')}${d.arch && d.arch !== 'x86_64' ? ` (${d.arch})` : ''}`;
  if (d.capability) return `capability ${d.capability}`;
  if (d.family) {
    const socket = `network ${d.family}${d.sockType ? ` ${d.sockType}` : ''}`;
    if (d.family !== 'unix') return socket;
    // which socket: the peer's address (connect, send) or its own (bind, listen), the operations and the peer's
    // label — a unix rule names them, so denials that differ in them are different groups with different answers
    return [
      socket,
      d.access.length ? `(${d.access.join(', ')})` : null,
      d.unix?.peerAddr ? `to ${d.unix.peerAddr}` : null,
      d.unix?.addr ? `at ${d.unix.addr}` : null,
      d.peer ? `peer ${d.peer}` : null,
    ]
      .filter(Boolean)
      .join(' ');
  }
  if (d.dbus) {
    // destination, interface.member and object path, as dbus-daemon logs them (not just "peer unconfined")
    const b = d.dbus;
    const call = [b.interface, b.member].filter(Boolean).join('.');
    return [
      `${d.operation ?? 'dbus'}${b.bus ? ` (${b.bus} bus)` : ''}`,
      b.name ? `to ${b.name}` : null,
      call || null,
      b.path ? `on ${b.path}` : null,
      !b.name && d.peer ? `peer ${d.peer}` : null,
    ]
      .filter(Boolean)
      .join(' ');
  }
  if (d.mount) {
    const m = d.mount;
    // as mount(8) and umount(8) name them: `mount -t T SOURCE on DIR`, but `umount DIR`
    const target = d.path ? (d.operation === 'umount' ? d.path : `on ${d.path}`) : null;
    return [`${d.operation ?? 'mount'}`, m.fstype ? `-t ${m.fstype}` : null, m.srcname ?? null, target, m.flags ? `flags ${m.flags}` : null].filter(Boolean).join(' ');
  }
  const access = d.access.map((a) => ACCESS_WORDS[a] ?? a).join(', ');
  if (d.path) return `${access || d.operation || 'access'} ${d.path}`;
  if (d.peer) return `${d.operation ?? 'access'} ${access ? `(${access}) ` : ''}peer ${d.peer}`;
  return [d.operation, access].filter(Boolean).join(' ') || 'denied operation';
}

/** /proc/1234/mounts and /proc/5678/mounts are the same denial to an admin. */
function normalisedWhat(d: Denial): string {
  return describeDenial(d).replace(/\/proc\/\d+\//g, '/proc/PID/').replace(/\/task\/\d+\//g, '/task/TID/');
}

function isIso(t: string | null): t is string {
  return t !== null && /^\d{4}-\d{2}-\d{2}T/.test(t);
}

export interface ReportOptions {
  snap?: string | null;
  kind?: Denial['kind'] | null;
  /** ISO time: keep only denials at or after it (denials without an absolute time are kept only when unset). */
  since?: string | null;
  /** The host's connections (`snap connections --all`), for the admin's answer; null when unknown. */
  connections: ConnectionRow[] | null;
  /** Installed snaps, to tell "snap removed" from "snap present". */
  installed?: Set<string> | null;
  /** When each connected plug (`snap:plug`) was connected, where known. */
  connectedAt?: ReadonlyMap<string, ConnectionTime>;
  /** Plug attributes (`snap:plug` → attrs), where read. */
  attrs?: ReadonlyMap<string, Attrs>;
  /** The apps each plug (`snap:plug`) is bound to, where known. */
  apps?: ReadonlyMap<string, readonly string[]>;
  /** A log pasted from elsewhere: interfaces only, never verdicts on this host's plugs. */
  pasted?: boolean;
  now?: number;
}

/**
 * The snap a denial belongs to: its own, or for snap-update-ns.SNAP (the helper that prepares SNAP's mount
 * namespace) that SNAP — its denials are about that snap, though no plug of it changes them.
 */
export function ownerSnap(d: Denial): string | null {
  return d.snap ?? snapdHelper(d)?.snap ?? null;
}

/** The group a denial belongs to: its snap, profile, kind, what was denied (normalised) and the action. */
export function groupKeyOf(d: Denial): string {
  return `${ownerSnap(d) ?? '?'}|${d.profile ?? ''}|${d.kind}|${normalisedWhat(d)}|${d.action ?? ''}`;
}

export function buildReport(denials: readonly Denial[], dropped: number, opts: ReportOptions): DenialReport {
  const sinceMs = opts.since ? Date.parse(opts.since) : null;
  const filtered = denials.filter(
    (d) =>
      (!opts.snap || ownerSnap(d) === opts.snap) &&
      (!opts.kind || d.kind === opts.kind) &&
      (sinceMs === null || (isIso(d.time) && Date.parse(d.time) >= sinceMs)),
  );
  const groups = new Map<string, DenialGroup>();
  const perSnap = new Map<string, number>();
  for (const d of filtered) {
    const key = groupKeyOf(d);
    let g = groups.get(key);
    if (!g) {
      const what = normalisedWhat(d);
      g = { key, snap: ownerSnap(d), kind: d.kind, what, action: d.action, count: 0, firstSeen: null, lastSeen: null, sample: d, suggestion: { candidates: [], privileged: [], hints: [] }, broad: {}, answer: { kind: 'unknown-snap', explanation: '' } };
      groups.set(key, g);
    }
    g.count++;
    if (isIso(d.time)) {
      if (!g.firstSeen || d.time < g.firstSeen) g.firstSeen = d.time;
      if (!g.lastSeen || d.time > g.lastSeen) {
        g.lastSeen = d.time;
        g.sample = d;
      }
    }
    const s = g.snap ?? UNKNOWN_SNAP;
    perSnap.set(s, (perSnap.get(s) ?? 0) + 1);
  }
  for (const g of groups.values()) {
    g.suggestion = suggestInterfaces(g.sample);
    for (const i of [...g.suggestion.candidates, ...g.suggestion.privileged]) {
      const b = broadness(i);
      if (b) g.broad[i] = b;
    }
  }
  const sorted = withAnswers([...groups.values()], opts).sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? '') || b.count - a.count);
  return {
    total: filtered.length,
    dropped,
    groups: sorted,
    snaps: [...perSnap.entries()].map(([snap, count]) => ({ snap, count })).sort((a, b) => b.count - a.count),
    timeline: timeline(filtered, opts.now ?? Date.now(), sinceMs),
  };
}

/**
 * The admin's answer for each group, from the host's current connections.
 * Cheap (one per group), so a cached grouping can be re-answered on every poll.
 */
export function withAnswers(groups: DenialGroup[], opts: Pick<ReportOptions, 'connections' | 'installed' | 'connectedAt' | 'attrs' | 'apps' | 'pasted'>): DenialGroup[] {
  return groups.map((g) => {
    if (opts.pasted) return { ...g, answer: pastedAnswer(g.sample, g.suggestion, opts.connections) };
    const rows = opts.connections && g.snap && (!opts.installed || opts.installed.has(g.snap)) ? opts.connections : null;
    return { ...g, answer: adminAnswer(g.sample, g.suggestion, rows, { connectedAt: opts.connectedAt, attrs: opts.attrs, apps: opts.apps, lastSeen: g.lastSeen }) };
  });
}

const BUCKETS = 48;

function timeline(denials: readonly Denial[], now: number, sinceMs: number | null): DenialReport['timeline'] {
  const times = denials.filter((d) => isIso(d.time)).map((d) => ({ t: Date.parse(d.time!), snap: ownerSnap(d) ?? UNKNOWN_SNAP }));
  if (times.length === 0) return null;
  const earliest = sinceMs ?? times.reduce((m, x) => Math.min(m, x.t), Infinity);
  const span = Math.max(now - earliest, 60_000);
  const bucketMs = Math.ceil(span / BUCKETS / 1000) * 1000;
  const start = now - bucketMs * BUCKETS;
  const series = new Map<string, number[]>();
  for (const { t, snap } of times) {
    const i = Math.min(BUCKETS - 1, Math.floor((t - start) / bucketMs));
    if (i < 0) continue;
    let counts = series.get(snap);
    if (!counts) series.set(snap, (counts = new Array<number>(BUCKETS).fill(0)));
    counts[i]!++;
  }
  return { start: new Date(start).toISOString(), bucketMs, buckets: BUCKETS, series: [...series.entries()].map(([snap, counts]) => ({ snap, counts })) };
}
