import 'server-only';
import type { Host } from '../host';
import { snapSummaries, systemOverview } from '../snap/queries';
import { microk8sOverview } from '../microk8s/queries';
import { recentDenials } from '../denials/service';
import type { FleetMicrok8s, FleetRow } from '../contracts/fleet';
import { describeFailure, FLEET_CONCURRENCY, hostStatus } from './hosts';
import { mapLimit } from './limit';

const HOUR_MS = 3_600_000;

async function settle<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch {
    return null;
  }
}

/** What is wrong with a host, worst first, and a severity to sort by (3 unreachable … 0 healthy). */
export function judge(row: Omit<FleetRow, 'severity' | 'issues'>): { severity: number; issues: string[] } {
  const issues: string[] = [];
  let severity = 0;
  if (!row.reachable) return { severity: 3, issues: [row.error ?? 'not reachable'] };
  if (row.error) {
    issues.push(row.error);
    severity = 2;
  }
  if (row.microk8s && row.microk8s.strict && row.microk8s.requiredConnected < row.microk8s.requiredTotal) {
    issues.push(`MicroK8s blocked: ${row.microk8s.requiredTotal - row.microk8s.requiredConnected} required interfaces not connected`);
    severity = Math.max(severity, 2);
  } else if (row.microk8s && row.microk8s.running === false) {
    issues.push('MicroK8s is not running');
    severity = Math.max(severity, 2);
  }
  if (row.snaps?.broken.length) {
    issues.push(`broken: ${row.snaps.broken.join(', ')}`);
    severity = Math.max(severity, 2);
  }
  const otherBlocked = row.snaps?.blocked.filter((s) => s !== 'microk8s') ?? [];
  if (otherBlocked.length) {
    issues.push(`blocked: ${otherBlocked.join(', ')}`);
    severity = Math.max(severity, 1);
  }
  if (row.confinement === 'partial') {
    issues.push('partial confinement: the kernel lacks features strict confinement needs');
    severity = Math.max(severity, 1);
  }
  return { severity, issues };
}

/** One host's row of the fleet table. Never throws: a host that fails says why in its row. */
export async function fleetRow(host: Host): Promise<FleetRow> {
  const status = await hostStatus(host);
  const empty = { confinement: null, snaps: null, microk8s: null, denialsLastHour: null };
  if (!status.reachable) return { ...status, ...empty, ...judge({ ...status, ...empty }) };
  const [system, snaps, mk, denials] = await Promise.all([
    settle(systemOverview(host)),
    snapSummaries(host).catch((e: unknown) => e),
    settle(microk8sOverview(host)),
    settle(recentDenials(host, { since: new Date(Date.now() - HOUR_MS).toISOString(), limit: 1 })),
  ]);
  const snapList = Array.isArray(snaps) ? snaps : null;
  const microk8s: FleetMicrok8s | null =
    mk?.installed && mk.snap
      ? {
          version: mk.snap.version,
          channel: mk.snap.tracking ?? null,
          strict: mk.strict,
          running: mk.status ? mk.status.running : null,
          requiredConnected: mk.required.filter((r) => r.connected).length,
          requiredTotal: mk.required.length,
        }
      : null;
  const row = {
    ...status,
    ...(snapList ? {} : { error: status.error ?? describeFailure(snaps) }),
    confinement: system?.confinement ?? null,
    snaps: snapList
      ? { total: snapList.length, blocked: snapList.filter((s) => s.health === 'blocked').map((s) => s.name), broken: snapList.filter((s) => s.health === 'broken' || s.health === 'error').map((s) => s.name) }
      : null,
    microk8s,
    denialsLastHour: denials && denials.attempts.some((a) => a.ok) ? denials.total : null,
  };
  return { ...row, ...judge(row) };
}

export async function fleetOverview(hosts: readonly Host[]): Promise<FleetRow[]> {
  const rows = await mapLimit(hosts, FLEET_CONCURRENCY, fleetRow);
  return rows.sort((a, b) => b.severity - a.severity || a.name.localeCompare(b.name, undefined, { numeric: true }));
}
