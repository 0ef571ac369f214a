import 'server-only';
import type { Host } from '../host';
import { connections, installedSnaps } from '../snap/queries';
import { formatEndpoint } from '../snap/parse';
import type { ComparedPlug, FleetCompareResponse } from '../contracts/fleet';
import { describeFailure, FLEET_CONCURRENCY } from './hosts';
import { mapLimit } from './limit';

/** One snap's plugs on several hosts, side by side, with the rows where the hosts disagree marked. */
export async function compareSnap(hosts: readonly Host[], snap: string): Promise<FleetCompareResponse> {
  const reads = await mapLimit(hosts, FLEET_CONCURRENCY, async (host) => {
    const hostname = await host.hostname().catch(() => null);
    try {
      const [snaps, rows] = await Promise.all([installedSnaps(host), connections(host, snap)]);
      const installed = snaps.find((s) => s.name === snap);
      if (!installed) return { host, hostname, error: `${snap} is not installed`, rows: [] };
      return { host, hostname, rows, revision: installed.revision, version: installed.version };
    } catch (e) {
      return { host, hostname, error: describeFailure(e), rows: [] };
    }
  });
  const plugs = new Map<string, ComparedPlug>();
  for (const r of reads) {
    for (const c of r.rows) {
      if (!c.plug || c.plug.snap !== snap) continue;
      const p = plugs.get(c.plug.name) ?? { plug: c.plug.name, interface: c.interface, hosts: {}, differs: false };
      const here = (p.hosts[r.host.id] ??= { present: true, slots: [] });
      if (c.slot) here.slots.push(formatEndpoint(c.slot));
      plugs.set(c.plug.name, p);
    }
  }
  const readable = reads.filter((r) => !r.error).map((r) => r.host.id);
  for (const p of plugs.values()) {
    for (const id of readable) p.hosts[id] ??= { present: false, slots: [] };
    const shapes = new Set(readable.map((id) => { const h = p.hosts[id]; return h?.present ? h.slots.slice().sort().join(',') || '-' : 'absent'; }));
    p.differs = shapes.size > 1;
  }
  return {
    snap,
    hosts: reads.map((r) => ({ id: r.host.id, name: r.host.name, hostname: r.hostname, ...(r.error ? { error: r.error } : {}), ...(r.revision ? { revision: r.revision, version: r.version } : {}) })),
    plugs: [...plugs.values()].sort((a, b) => Number(b.differs) - Number(a.differs) || a.interface.localeCompare(b.interface) || a.plug.localeCompare(b.plug)),
  };
}
