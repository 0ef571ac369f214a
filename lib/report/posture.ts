import 'server-only';
import crypto from 'node:crypto';
import type { Host } from '../host';
import { connections, snapSummaries, systemOverview } from '../snap/queries';
import { formatEndpoint, type Connection } from '../snap/parse';
import { describeInterface } from '../snap/interface-info';
import { microk8sOverview } from '../microk8s/queries';
import { recentDenials } from '../denials/service';
import { UNKNOWN_SNAP } from '../denials/labels';
import { sinceOf } from '../contracts/denials';
import { POSTURE_SCHEMA, REPORT_DENIAL_RANGE, REPORT_TOP_DENIALS, type HostPosture, type PostureReport } from '../contracts/report';
import pkg from '../../package.json';

/**
 * The posture report: per host, what an auditor asks about confinement. Built
 * from the same cached queries as the pages; a function of the hosts, so the
 * fleet passes all of its nodes.
 */

async function attempt<T>(label: string, problems: string[], p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    problems.push(`${label}: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const connected = (c: Connection): c is Connection & { plug: NonNullable<Connection['plug']>; slot: NonNullable<Connection['slot']> } => c.plug !== null && c.slot !== null;
const iface = (c: Connection) => (c.contentTag ? `${c.interface}[${c.contentTag}]` : c.interface);

export async function hostPosture(host: Host): Promise<HostPosture> {
  const problems: string[] = [];
  const [hostname, overview, snaps, rows, mk8s, denials] = await Promise.all([
    host.hostname().catch(() => host.id),
    attempt('snapd version', problems, systemOverview(host)),
    attempt('snap list', problems, snapSummaries(host)),
    attempt('snap connections', problems, connections(host)),
    attempt('MicroK8s', problems, microk8sOverview(host)),
    attempt('kernel log', problems, recentDenials(host, { since: sinceOf(REPORT_DENIAL_RANGE) })),
  ]);
  const links = (rows ?? []).filter(connected);
  return {
    hostname,
    snapd: { reachable: snaps !== null && rows !== null, version: overview?.version.snapd ?? null, confinement: overview?.confinement ?? null },
    unconfined: (snaps ?? [])
      .filter((s) => s.confinement === 'classic' || s.confinement === 'devmode')
      .map((s) => ({ snap: s.name, confinement: s.confinement as 'classic' | 'devmode', version: s.version, revision: s.revision, publisher: s.publisher }))
      .sort((a, b) => byText(a.snap, b.snap)),
    superPrivileged: links
      .filter((c) => describeInterface(c.interface).superPrivileged)
      .map((c) => ({ plug: formatEndpoint(c.plug), interface: iface(c), slot: formatEndpoint(c.slot), manual: c.notes.includes('manual') }))
      .sort((a, b) => byText(a.plug, b.plug) || byText(a.slot, b.slot)),
    manual: links
      .filter((c) => c.notes.includes('manual'))
      .map((c) => ({ plug: formatEndpoint(c.plug), interface: iface(c), slot: formatEndpoint(c.slot) }))
      .sort((a, b) => byText(a.plug, b.plug) || byText(a.slot, b.slot)),
    requiredUnconnected: (mk8s?.required ?? []).filter((r) => !r.connected).map((r) => ({ plug: `microk8s:${r.plug}`, interface: r.interface })),
    unhealthy: (snaps ?? []).filter((s) => s.health !== 'ok').map((s) => ({ snap: s.name, health: s.health })).sort((a, b) => byText(a.snap, b.snap)),
    denials: {
      range: REPORT_DENIAL_RANGE,
      readable: denials !== null && denials.attempts.some((a) => a.ok),
      total: denials?.total ?? 0,
      dropped: denials?.dropped ?? 0,
      bySnap: (denials?.snaps ?? []).map((s) => ({ ...s })).sort((a, b) => b.count - a.count || byText(a.snap, b.snap)),
      top: (denials?.groups ?? [])
        .map((g) => ({ snap: g.snap ?? UNKNOWN_SNAP, kind: g.kind, what: g.what, count: g.count, answer: g.answer.kind }))
        .sort((a, b) => b.count - a.count || byText(a.snap, b.snap) || byText(a.what, b.what))
        .slice(0, REPORT_TOP_DENIALS),
    },
    problems: problems.sort(byText),
  };
}

export async function postureReport(hosts: readonly Host[], now: Date = new Date()): Promise<PostureReport> {
  const postures = await Promise.all(hosts.map((h) => hostPosture(h)));
  const generatedAt = now.toISOString();
  const digest = `sha256:${crypto.createHash('sha256').update(JSON.stringify(postures)).digest('hex')}`;
  return {
    schema: POSTURE_SCHEMA,
    generatedAt,
    generator: `confinement-dashboard ${pkg.version}`,
    hosts: postures,
    signature: { hostnames: postures.map((p) => p.hostname), generatedAt, digest },
  };
}
