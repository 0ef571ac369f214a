import 'server-only';
import type { Host } from '../host';
import { connections, installedSnaps } from '../snap/queries';
import type { DenialsResponse, SourceAttempt, SourceId } from '../contracts/denials';
import { countSuppressed, parseDenials, type Denial } from './parse';
import { readKernelLog } from './sources';
import { buildReport, ownerSnap, withAnswers, type DenialReport } from './report';
import { listChanges } from '../snap/changes';
import { readAudit } from '../audit/log';
import { readAttributes, hasDebugApi } from '../snap/attrs';
import type { Attrs } from './file-attrs';
import {
  connectTimesFromAudit,
  connectTimesFromChanges,
  connectTimesFromObservations,
  mergeConnectionTimes,
  observe,
  type ConnectionTime,
  type PlugObservation,
} from './connection-times';

/**
 * The server's view of each host's kernel log: denials read incrementally (by
 * cursor) and kept in memory per host, so each poll parses only what is new.
 */

const MAX_KEPT = 50_000;

interface Store {
  cursor: string | null;
  denials: Denial[];
  dropped: number;
  source: SourceId | null;
  attempts: SourceAttempt[];
  refreshing: Promise<void> | null;
  /** Bumped whenever `denials` changes: reports are memoised per version. */
  version: number;
  lastRefresh: number;
  /** The last few reports: a page polls every few seconds and most polls find nothing new. */
  reports: Map<string, DenialReport>;
  /** Which snap a pid belonged to (null: none), looked up once per pid. */
  pidSnap: Map<number, string | null>;
  /**
   * Denials seen since this process started, per snap and kind, and lines the kernel
   * dropped: only ever grow (a rotated log or the MAX_KEPT trim leaves them alone), so
   * /metrics can expose them as Prometheus counters.
   */
  counted: Map<string, DenialCount>;
  droppedTotal: number;
  /** What the dashboard saw of each plug's connection state, to bound when it was connected. */
  observed: Map<string, PlugObservation>;
}

export interface DenialCount {
  /** null: no snap could be named for it. */
  snap: string | null;
  kind: Denial['kind'];
  count: number;
}

// One store per host and process (on globalThis): pages and API routes are bundled separately.
const STORES_KEY = Symbol.for('confinement-dashboard.denial-stores');

function storeOf(host: Host): Store {
  const holder = globalThis as { [STORES_KEY]?: Map<Host, Store> };
  // Keyed by the host object: a host that is replaced (new settings) starts with a fresh log.
  const stores = (holder[STORES_KEY] ??= new Map());
  let store = stores.get(host);
  if (!store) {
    store = { cursor: null, denials: [], dropped: 0, source: null, attempts: [], refreshing: null, version: 0, lastRefresh: 0, reports: new Map(), pidSnap: new Map(), counted: new Map(), droppedTotal: 0, observed: new Map() };
    stores.set(host, store);
  }
  return store;
}

const SNAP_CGROUP = /snap\.([a-z0-9][a-z0-9-]*(?:_[a-z0-9]{1,10})?)\.[^/\s]+\.(?:service|scope)/;

/**
 * Without AppArmor a seccomp line names no snap (no subj=, and exe= is the
 * path inside the snap's mount namespace). A process that is still alive
 * tells us through its cgroup; anything else stays unknown.
 */
async function attributeByPid(host: Host, store: Store, d: Denial): Promise<Denial> {
  if (d.snap || d.pid === null) return d;
  const { pidSnap } = store;
  if (!pidSnap.has(d.pid)) {
    const cgroup = await host.cgroupOf(d.pid);
    if (pidSnap.size > 10_000) pidSnap.clear();
    pidSnap.set(d.pid, cgroup ? (SNAP_CGROUP.exec(cgroup)?.[1] ?? null) : null);
  }
  const snap = pidSnap.get(d.pid) ?? null;
  return snap ? { ...d, snap } : d;
}

async function refresh(host: Host, store: Store): Promise<void> {
  const chunk = await readKernelLog(host, store.cursor);
  store.attempts = chunk.attempts;
  if (!chunk.attempts.some((a) => a.ok)) return;
  if (chunk.reset || (store.source && store.source !== chunk.source)) {
    store.denials = [];
    store.dropped = 0;
    store.version++;
  }
  store.source = chunk.source;
  store.cursor = chunk.cursor;
  if (!chunk.text) return;
  const fresh = await Promise.all(parseDenials(chunk.text).map((d) => attributeByPid(host, store, d)));
  const suppressed = countSuppressed(chunk.text);
  store.dropped += suppressed;
  store.droppedTotal += suppressed;
  if (fresh.length === 0 && !suppressed) return;
  for (const d of fresh) {
    store.denials.push(d);
    // counted under the snap the report shows it for (snap-update-ns.SNAP under SNAP)
    const owner = ownerSnap(d);
    const key = `${owner ?? ''}\u0000${d.kind}`;
    const c = store.counted.get(key);
    if (c) c.count++;
    else store.counted.set(key, { snap: owner, kind: d.kind, count: 1 });
  }
  if (store.denials.length > MAX_KEPT) store.denials.splice(0, store.denials.length - MAX_KEPT);
  store.version++;
}

/** Like the read cache of snap commands: page loads and polls within this window share one log read. */
const REFRESH_EVERY_MS = 2_000;

/** Reads what is new in the host's kernel log; concurrent callers share one read. */
export function refreshDenials(host: Host): Promise<void> {
  const store = storeOf(host);
  if (!store.refreshing && Date.now() - store.lastRefresh < REFRESH_EVERY_MS) return Promise.resolve();
  store.refreshing ??= refresh(host, store).finally(() => {
    store.lastRefresh = Date.now();
    store.refreshing = null;
  });
  return store.refreshing;
}

/**
 * The host's denial counters for /metrics, after reading what is new in its log.
 * `readable` is false while no kernel-log source works (the counters are then only
 * what was read before).
 */
export async function denialCounters(host: Host): Promise<{ counts: DenialCount[]; dropped: number; readable: boolean }> {
  await refreshDenials(host);
  const store = storeOf(host);
  return { counts: [...store.counted.values()].map((c) => ({ ...c })), dropped: store.droppedTotal, readable: store.attempts.some((a) => a.ok) };
}

export interface DenialFilter {
  snap?: string | null;
  kind?: 'apparmor' | 'seccomp' | null;
  since?: string | null;
  limit?: number | null;
}

export interface HostContext {
  connections: Awaited<ReturnType<typeof connections>> | null;
  installed: Set<string> | null;
  connectedAt: Map<string, ConnectionTime>;
  attrs: Map<string, Attrs>;
}

/** The host's snapd changes, for connect times; none when snapd cannot list them (the times are then unknown). */
async function changeTimes(host: Host): Promise<Map<string, ConnectionTime>> {
  try {
    return connectTimesFromChanges(await listChanges(host));
  } catch {
    return new Map();
  }
}

/** Successful connects the dashboard made on this host (the audit trail names the host by its hostname). */
async function auditTimes(host: Host): Promise<Map<string, ConnectionTime>> {
  try {
    const hostname = await host.hostname().catch(() => null);
    const entries = await readAudit({ action: 'interface.connect', result: 'ok', limit: 1000 });
    return connectTimesFromAudit(entries.filter((e) => !hostname || !e.host || e.host === hostname));
  } catch {
    return new Map();
  }
}

/**
 * personal-files/system-files attributes (lists): only snapd >= 2.64 prints them (`snap debug api`). A plug's
 * declared attributes change only when its snap is installed or refreshed: read at most every 30 s per host.
 */
const attrsSeen = new WeakMap<Host, { value: Map<string, Attrs>; expires: number; snaps: string }>();
async function fileAttrs(host: Host, installed: Set<string>): Promise<Map<string, Attrs>> {
  const snaps = [...installed].sort().join(' ');
  const known = attrsSeen.get(host);
  if (known && known.expires > Date.now() && known.snaps === snaps) return known.value;
  const value = await readFileAttrs(host);
  attrsSeen.set(host, { value, expires: Date.now() + 30_000, snaps });
  return value;
}

async function readFileAttrs(host: Host): Promise<Map<string, Attrs>> {
  const out = new Map<string, Attrs>();
  try {
    if (!(await hasDebugApi(host))) return out;
    const reading = await readAttributes(host, { interfaces: [] });
    for (const p of reading.plugs) if (p.interface === 'personal-files' || p.interface === 'system-files') out.set(`${p.snap}:${p.name}`, p.attrs);
  } catch {
    // without attributes, file plugs are simply not matched
  }
  return out;
}

async function hostContext(host: Host, store: Store | null): Promise<HostContext> {
  let rows: HostContext['connections'] = null;
  let installed: Set<string> | null = null;
  try {
    const [r, snaps] = await Promise.all([connections(host), installedSnaps(host)]);
    rows = r;
    installed = new Set(snaps.map((s) => s.name));
  } catch {
    // snapd unreachable: denials are still worth showing, without the admin's answer
    return { connections: null, installed: null, connectedAt: new Map(), attrs: new Map() };
  }
  if (store) {
    const state = new Map<string, boolean>();
    for (const row of rows) if (row.plug) state.set(`${row.plug.snap}:${row.plug.name}`, (state.get(`${row.plug.snap}:${row.plug.name}`) ?? false) || row.slot !== null);
    observe(store.observed, state, Date.now());
  }
  const [fromChanges, fromAudit, attrs] = await Promise.all([changeTimes(host), auditTimes(host), fileAttrs(host, installed)]);
  const connectedAt = mergeConnectionTimes(fromChanges, fromAudit, store ? connectTimesFromObservations(store.observed) : new Map());
  return { connections: rows, installed, connectedAt, attrs };
}

export async function recentDenials(host: Host, filter: DenialFilter): Promise<DenialsResponse> {
  await refreshDenials(host);
  const store = storeOf(host);
  const { reports } = store;
  const ctx = await hostContext(host, store);
  // A time range moves with the clock; to the minute is precise enough and lets polls share a report.
  const since = filter.since ? new Date(Math.floor(Date.parse(filter.since) / 60_000) * 60_000).toISOString() : null;
  const key = `${store.version}|${filter.snap ?? ''}|${filter.kind ?? ''}|${since ?? ''}`;
  let report = reports.get(key);
  if (!report) {
    report = buildReport(store.denials, store.dropped, { ...filter, since, ...ctx });
    if (reports.size > 20) reports.clear();
    reports.set(key, report);
  } else {
    // Same denials, but the host's connections may have changed (a plug was just connected).
    report = { ...report, groups: withAnswers(report.groups, ctx) };
  }
  const groupsTotal = report.groups.length;
  if (filter.limit && groupsTotal > filter.limit) report = { ...report, groups: report.groups.slice(0, filter.limit) };
  return {
    ...report,
    groupsTotal,
    source: store.source,
    attempts: store.attempts,
    generatedAt: new Date().toISOString(),
  };
}

/**
 * A pasted or uploaded log: parsed and explained, never stored. It may come from another machine, so it is
 * judged against the interfaces only (answer kind `interfaces-only`), with at most a note of this host's state.
 */
export async function analyseLog(host: Host, text: string, filter: DenialFilter): Promise<DenialReport & { lines: number; unrecognised: number }> {
  let rows: HostContext['connections'] = null;
  try {
    rows = await connections(host);
  } catch {
    // no note of this host's state then
  }
  const denials = parseDenials(text);
  const report = buildReport(denials, countSuppressed(text), { ...filter, connections: rows, pasted: true });
  return { ...report, ...lineCounts(text, denials.length) };
}

/** Lines read, and lines that were neither a denial nor a kauditd "callbacks suppressed" note: said, never dropped silently. */
export function lineCounts(text: string, denials: number): { lines: number; unrecognised: number } {
  let lines = 0;
  let suppressed = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    lines++;
    if (/kauditd_printk_skb: \d+ callbacks suppressed/.test(line)) suppressed++;
  }
  return { lines, unrecognised: Math.max(0, lines - denials - suppressed) };
}
