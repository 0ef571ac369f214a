import 'server-only';
import type { Host } from '../host';
import { connections, installedSnaps } from '../snap/queries';
import type { DenialsResponse } from '../contracts/denials';
import { countSuppressed, parseDenials } from './parse';
import { buildReport, withAnswers, type DenialReport } from './report';
import { refreshDenials, storeOf, type Store } from './store';
import { listChanges } from '../snap/changes';
import { readAudit } from '../audit/log';
import { verdictPlugs, type VerdictPlugs } from '../snap/attrs';
import { VERDICT_ATTR_INTERFACES } from './plug-attrs-grants';
import type { Attrs } from './file-attrs';
import { hostTimeZone } from '../time/host-zone';
import { lineCounts } from './line-counts';
import {
  connectTimesFromAudit,
  connectTimesFromChanges,
  connectTimesFromObservations,
  mergeConnectionTimes,
  observe,
  type ConnectionTime,
} from './connection-times';

export interface DenialFilter {
  snap?: string | null;
  kind?: 'apparmor' | 'seccomp' | null;
  since?: string | null;
  limit?: number | null;
  /** which groups `limit` keeps: the most recent (default) or those with the most denials */
  order?: 'recent' | 'noisiest' | null;
}

export interface HostContext {
  connections: Awaited<ReturnType<typeof connections>> | null;
  installed: Set<string> | null;
  connectedAt: Map<string, ConnectionTime>;
  attrs: Map<string, Attrs>;
  /** the apps each plug is bound to, where known */
  apps: Map<string, readonly string[]>;
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
 * What verdicts read of plugs (lib/snap/attrs.ts verdictPlugs): the deciding attributes (file plugs' paths,
 * docker-support's privileged-containers, mount-control's mount entries, kubernetes-support's flavor) and the apps
 * each plug is bound to. Both change only when a snap is installed or refreshed: read at most every 30 s per host.
 * `denied`: the snaps the denials name, whose meta/snap.yaml gives the apps on snapd < 2.64 (asked only there; a
 * snap first denied within the 30 s has its plugs taken to reach every app until the next read).
 */
const plugsSeen = new WeakMap<Host, { value: VerdictPlugs; expires: number; snaps: string }>();
async function cachedVerdictPlugs(host: Host, installed: Set<string>, denied: () => string[]): Promise<VerdictPlugs> {
  const snaps = [...installed].sort().join(' ');
  const known = plugsSeen.get(host);
  if (known && known.expires > Date.now() && known.snaps === snaps) return known.value;
  // without attributes, such plugs are judged "not read"; without apps, every plug is taken to reach every app
  const value = await verdictPlugs(host, VERDICT_ATTR_INTERFACES, denied).catch((): VerdictPlugs => ({ attrs: new Map<string, Attrs>(), apps: new Map() }));
  plugsSeen.set(host, { value, expires: Date.now() + 30_000, snaps });
  return value;
}

/** The installed snaps the kept denials name. */
function deniedSnaps(store: Store | null, installed: Set<string>): string[] {
  const out = new Set<string>();
  for (const d of store?.denials ?? []) if (d.snap && installed.has(d.snap)) out.add(d.snap);
  return [...out];
}

export async function hostContext(host: Host, store: Store | null): Promise<HostContext> {
  let rows: HostContext['connections'] = null;
  let installed: Set<string> | null = null;
  try {
    const [r, snaps] = await Promise.all([connections(host), installedSnaps(host)]);
    rows = r;
    installed = new Set(snaps.map((s) => s.name));
  } catch {
    // snapd unreachable: denials are still worth showing, without the admin's answer
    return { connections: null, installed: null, connectedAt: new Map(), attrs: new Map(), apps: new Map() };
  }
  if (store) {
    const state = new Map<string, boolean>();
    for (const row of rows) if (row.plug) state.set(`${row.plug.snap}:${row.plug.name}`, (state.get(`${row.plug.snap}:${row.plug.name}`) ?? false) || row.slot !== null);
    observe(store.observed, state, Date.now());
  }
  const [fromChanges, fromAudit, plugs] = await Promise.all([changeTimes(host), auditTimes(host), cachedVerdictPlugs(host, installed, () => deniedSnaps(store, installed))]);
  const connectedAt = mergeConnectionTimes(fromChanges, fromAudit, store ? connectTimesFromObservations(store.observed) : new Map());
  return { connections: rows, installed, connectedAt, ...plugs };
}

export async function recentDenials(host: Host, filter: DenialFilter): Promise<DenialsResponse> {
  await refreshDenials(host);
  const store = storeOf(host);
  const { reports } = store;
  const [ctx, hostZone] = await Promise.all([hostContext(host, store), hostTimeZone(host)]);
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
  if (filter.order === 'noisiest') report = { ...report, groups: [...report.groups].sort((a, b) => b.count - a.count) };
  if (filter.limit && groupsTotal > filter.limit) report = { ...report, groups: report.groups.slice(0, filter.limit) };
  return {
    ...report,
    groupsTotal,
    source: store.source,
    attempts: store.attempts,
    generatedAt: new Date().toISOString(),
    hostZone,
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
