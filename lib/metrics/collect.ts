import 'server-only';
import type { Host } from '../host';
import { connections, installedSnaps, summarise } from '../snap/queries';
import { describeInterface } from '../snap/interface-info';
import type { Confinement, HealthState } from '../snap/parse';
import type { SnapSummary } from '../snap/types';
import { liveStatus } from '../microk8s/queries';
import { missingRequired, requiredInterfaceStates } from '../microk8s/required';
import { denialCounters } from '../denials/store';
import { UNKNOWN_SNAP } from '../denials/labels';
import type { MetricFamily, Sample } from './exposition';

/**
 * What /metrics exposes, collected from a list of hosts (today `[currentHost()]`,
 * later the fleet). Every series carries `host` = the machine's hostname, so one
 * dashboard can speak for many nodes and alerts can name the node.
 *
 * Cheap by construction: everything comes through the same queries as the
 * pages, so it uses each host's read cache and coalescing (a scrape while a page
 * is open starts no process; concurrent scrapes share one run of each command)
 * and the denial store's incremental, cursor-based log reading.
 *
 * A part that cannot be read leaves its series out rather than reporting zeros
 * that look like facts: snapd down → `confinement_snapd_up 0` and no snap
 * series; MicroK8s absent → no microk8s series.
 */

const CONFINEMENTS: readonly Confinement[] = ['strict', 'classic', 'devmode', 'jailmode'];
const HEALTH: readonly HealthState[] = ['ok', 'blocked', 'error', 'waiting', 'broken', 'disabled'];

export interface HostReading {
  host: string;
  durationSeconds: number;
  snaps: SnapSummary[] | null;
  connected: { plugSnap: string; interface: string; manual: boolean }[] | null;
  microk8s: { requiredUnconnected: number; running: boolean | null } | null;
  denials: { counts: { snap: string; kind: string; count: number }[]; dropped: number; readable: boolean } | null;
}

async function settle<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch {
    return null;
  }
}

async function readHost(host: Host): Promise<Omit<HostReading, 'host'> & { hostname: string }> {
  const started = performance.now();
  // Two snap commands per cold scrape (the list and `connections --all`; plug counts need no
  // system slots), `microk8s status`, and what is new in the kernel log: all in parallel.
  const [hostname, installed, rows, mk8sLive, denials] = await Promise.all([
    settle(host.hostname()),
    settle(installedSnaps(host)),
    settle(connections(host)),
    settle(liveStatus(host)),
    settle(denialCounters(host)),
  ]);
  const snaps = installed && rows ? summarise(installed, rows) : null;
  const mk8s = snaps?.find((s) => s.name === 'microk8s');
  return {
    hostname: hostname || host.id,
    durationSeconds: (performance.now() - started) / 1000,
    snaps,
    connected: snaps && rows
      ? rows.filter((c) => c.plug && c.slot).map((c) => ({ plugSnap: c.plug!.snap, interface: c.interface, manual: c.notes.includes('manual') }))
      : null,
    microk8s: mk8s && rows
      ? {
          // Only a strict MicroK8s waits for its required interfaces (as on the Addons page).
          requiredUnconnected: mk8s.confinement === 'classic' ? 0 : missingRequired(requiredInterfaceStates(rows)).length,
          running: mk8sLive?.status ? mk8sLive.status.running : null,
        }
      : null,
    denials: denials
      ? { ...denials, counts: denials.counts.map((c) => ({ snap: c.snap ?? UNKNOWN_SNAP, kind: c.kind, count: c.count })) }
      : null,
  };
}

/** One reading per host; two hosts with the same hostname stay apart as `name/id`. */
export async function readHosts(hosts: readonly Host[]): Promise<HostReading[]> {
  const readings = await Promise.all(hosts.map((h) => readHost(h)));
  const seen = new Set<string>();
  return readings.map((r, i) => {
    const host = seen.has(r.hostname) ? `${r.hostname}/${hosts[i]!.id}` : r.hostname;
    seen.add(host);
    return { ...r, host };
  });
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Map<string, { item: T; n: number }> {
  const out = new Map<string, { item: T; n: number }>();
  for (const it of items) {
    const k = key(it);
    const e = out.get(k);
    if (e) e.n++;
    else out.set(k, { item: it, n: 1 });
  }
  return out;
}

/** The families, in a fixed order, from host readings (pure; the tests feed it readings). */
export function familiesOf(readings: readonly HostReading[]): MetricFamily[] {
  const family = (name: string, type: MetricFamily['type'], help: string, per: (r: HostReading) => Sample[]): MetricFamily => ({
    name,
    type,
    help,
    samples: readings.flatMap((r) => per(r).map((s) => ({ labels: { host: r.host, ...s.labels }, value: s.value }))),
  });
  return [
    family('confinement_snapd_up', 'gauge', 'Whether the host\'s snapd answered the snap list and connections (1) or not (0).', (r) => [
      { labels: {}, value: r.snaps ? 1 : 0 },
    ]),
    family('confinement_snaps', 'gauge', 'Installed snaps by confinement.', (r) =>
      r.snaps ? CONFINEMENTS.map((c) => ({ labels: { confinement: c }, value: r.snaps!.filter((s) => s.confinement === c).length })) : [],
    ),
    family('confinement_snap_health', 'gauge', 'A snap\'s health: 1 for its current status, 0 for the others.', (r) =>
      (r.snaps ?? []).flatMap((s) => HEALTH.map((h) => ({ labels: { snap: s.name, status: h }, value: s.health === h ? 1 : 0 }))),
    ),
    family('confinement_plugs_unconnected', 'gauge', 'Plugs a snap declares that are not connected.', (r) =>
      (r.snaps ?? []).map((s) => ({ labels: { snap: s.name }, value: s.plugs.declared - s.plugs.connected })),
    ),
    family('confinement_connections', 'gauge', 'Connected plugs by interface; manual="true" for connections made by hand (snap connect).', (r) =>
      [...countBy(r.connected ?? [], (c) => `${c.interface}|${c.manual}`).values()].map(({ item, n }) => ({
        labels: { interface: item.interface, manual: String(item.manual) },
        value: n,
      })),
    ),
    family(
      'confinement_superprivileged_connections',
      'gauge',
      'Connections of super-privileged interfaces (snapd allows them only to trusted snaps), by plugging snap and interface.',
      (r) =>
        [...countBy((r.connected ?? []).filter((c) => describeInterface(c.interface).superPrivileged), (c) => `${c.plugSnap}|${c.interface}`).values()].map(
          ({ item, n }) => ({ labels: { snap: item.plugSnap, interface: item.interface }, value: n }),
        ),
    ),
    family('confinement_microk8s_required_unconnected', 'gauge', 'Interfaces a strict MicroK8s needs before it starts that are not connected (absent when MicroK8s is not installed).', (r) =>
      r.microk8s ? [{ labels: {}, value: r.microk8s.requiredUnconnected }] : [],
    ),
    family('confinement_microk8s_running', 'gauge', 'Whether MicroK8s reports itself running (absent when not installed or its status cannot be read).', (r) =>
      r.microk8s && r.microk8s.running !== null ? [{ labels: {}, value: r.microk8s.running ? 1 : 0 }] : [],
    ),
    family('confinement_denials_total', 'counter', 'AppArmor and seccomp denials read from the kernel log since the dashboard started, by snap and kind.', (r) =>
      (r.denials?.counts ?? []).map((c) => ({ labels: { snap: c.snap, kind: c.kind }, value: c.count })),
    ),
    family('confinement_kernel_denials_dropped_total', 'counter', 'Kernel log lines the kernel suppressed (kauditd_printk_skb callbacks suppressed) since the dashboard started.', (r) =>
      r.denials ? [{ labels: {}, value: r.denials.dropped }] : [],
    ),
    family('confinement_kernel_log_readable', 'gauge', 'Whether some kernel log source (journal, kern.log, syslog, dmesg) could be read (1) or none (0).', (r) => [
      { labels: {}, value: r.denials?.readable ? 1 : 0 },
    ]),
    family('confinement_scrape_duration_seconds', 'gauge', 'Time the dashboard took to collect this host\'s metrics.', (r) => [
      { labels: {}, value: Number(r.durationSeconds.toFixed(6)) },
    ]),
  ];
}

/** Every family for these hosts, ready for renderExposition(). */
export async function collectMetrics(hosts: readonly Host[]): Promise<MetricFamily[]> {
  return familiesOf(await readHosts(hosts));
}
