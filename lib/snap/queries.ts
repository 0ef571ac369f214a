import 'server-only';
import type { CommandResult, Host } from '../host';
import {
  confinementOf,
  healthOf,
  parseConfinement,
  parseConnections,
  parseInterfaceDetail,
  parseInterfaceList,
  parseSandboxFeatures,
  parseSnapList,
  parseSnapVersion,
  snapKindOf,
  type Connection,
  type InstalledSnap,
} from './parse';
import { describeInterface } from './interface-info';
import { isSystemSnapName } from '../validation/names';
import { connectionsRead } from './read-observers';
import type { InterfaceDetailView, InterfaceUsage, SlotCandidate, SnapSummary, SystemOverview } from './types';
import { hostPrivilege } from './privilege';
import type { PrivilegeInfo } from '../contracts/privilege';
import { readSnap } from './read';

/** Read-only questions to a host's snapd, answered with typed domain objects. */


/**
 * The host layer hands out the same result object while it is cached, so a
 * warm read need not parse again: parsed values are kept per result object.
 */
const parsedCache = new WeakMap<CommandResult, unknown>();
function parsedOnce<T>(result: CommandResult, parse: (text: string) => T): T {
  if (parsedCache.has(result)) return parsedCache.get(result) as T;
  const value = parse(result.stdout);
  parsedCache.set(result, value);
  return value;
}

export async function installedSnaps(host: Host): Promise<InstalledSnap[]> {
  // "No snaps are installed yet" goes to stderr with exit 0: an empty list.
  return parsedOnce(await readSnap(host, ['list', '--unicode=never', '--color=never']), parseSnapList);
}

export async function connections(host: Host, snap?: string): Promise<Connection[]> {
  const args = snap ? ['connections', snap] : ['connections', '--all'];
  const rows = parsedOnce(await readSnap(host, args), parseConnections);
  // Every read of connections may settle a change the dashboard is still following.
  connectionsRead(host, snap, rows);
  return rows;
}

/** The system snap's slots, connected or not (`--all` leaves the unconnected ones out). */
export async function systemSlots(host: Host): Promise<Connection[]> {
  return parsedOnce(await readSnap(host, ['connections', 'system']), parseConnections);
}

export function summarise(snaps: InstalledSnap[], all: Connection[]): SnapSummary[] {
  // `snap connections` writes the system snap's side as `:name` (parsed as "system"): count it under the real snap.
  const systemName = snaps.find((s) => snapKindOf(s) === 'snapd')?.name ?? snaps.find((s) => snapKindOf(s) === 'core')?.name ?? 'system';
  const owner = (snap: string) => (snap === 'system' ? systemName : snap);
  const counts = new Map<string, { seenPlugs: Set<string>; seenSlots: Set<string>; connPlugs: Set<string>; connSlots: Set<string> }>();
  const entry = (snap: string) => {
    let c = counts.get(snap);
    if (!c) {
      c = { seenPlugs: new Set(), seenSlots: new Set(), connPlugs: new Set(), connSlots: new Set() };
      counts.set(snap, c);
    }
    return c;
  };
  // A plug connected to two slots appears on two rows: count plugs, not rows.
  for (const c of all) {
    if (c.plug) {
      const e = entry(owner(c.plug.snap));
      e.seenPlugs.add(c.plug.name);
      if (c.slot) e.connPlugs.add(c.plug.name);
    }
    if (c.slot) {
      const e = entry(owner(c.slot.snap));
      e.seenSlots.add(c.slot.name);
      if (c.plug) e.connSlots.add(c.slot.name);
    }
  }
  return snaps.map((s) => {
    const e = counts.get(s.name);
    return {
      ...s,
      confinement: confinementOf(s),
      kind: snapKindOf(s),
      health: healthOf(s).state,
      plugs: { declared: e?.seenPlugs.size ?? 0, connected: e?.connPlugs.size ?? 0 },
      slots: { declared: e?.seenSlots.size ?? 0, connected: e?.connSlots.size ?? 0 },
    };
  });
}

export async function snapSummaries(host: Host): Promise<SnapSummary[]> {
  // --all leaves out the system snap's unconnected slots; `connections system` has them all.
  const [snaps, all, system] = await Promise.all([installedSnaps(host), connections(host), systemSlots(host)]);
  return summarise(snaps, [...all.filter((c) => c.slot?.snap !== 'system'), ...system.filter((c) => c.slot?.snap === 'system')]);
}

/** A check that could not run (the host away) is not kept: read-only until it can be checked. */
async function privilegeOrUnknown(host: Host): Promise<PrivilegeInfo> {
  try {
    return await hostPrivilege(host);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { privilege: 'read-only', reason: `Read-only: whether this host allows changes could not be checked (${why}).`, user: null, sudoersLine: null, restartCommand: null, checkedAt: new Date().toISOString() };
  }
}

export async function systemOverview(host: Host): Promise<SystemOverview> {
  const [hostname, version, confinement, features, privilegeInfo] = await Promise.all([
    host.hostname(),
    readSnap(host, ['version']),
    readSnap(host, ['debug', 'confinement']),
    readSnap(host, ['debug', 'sandbox-features']),
    privilegeOrUnknown(host),
  ]);
  return {
    hostId: host.id,
    hostname,
    mode: host.capabilities.transport,
    sudoMode: host.capabilities.sudo,
    privilege: privilegeInfo.privilege,
    privilegeInfo,
    version: parseSnapVersion(version.stdout),
    confinement: parseConfinement(confinement.stdout),
    sandboxFeatures: parseSandboxFeatures(features.stdout),
  };
}

export async function interfaceSummaries(host: Host): Promise<Map<string, string>> {
  const { stdout } = await readSnap(host, ['interface', '--all']);
  return new Map(parseInterfaceList(stdout).map((i) => [i.name, i.summary]));
}

/** Every interface that some snap plugs or offers (the system's unused slots left out). */
export async function interfacesInUse(host: Host): Promise<InterfaceUsage[]> {
  const [all, summaries] = await Promise.all([connections(host), interfaceSummaries(host)]);
  const byName = new Map<string, InterfaceUsage>();
  const usage = (name: string) => {
    let u = byName.get(name);
    if (!u) {
      const summary = summaries.get(name) ?? null;
      u = { name, summary, info: describeInterface(name, summary ?? undefined), plugs: [], slots: [], connections: 0 };
      byName.set(name, u);
    }
    return u;
  };
  const key = (e: { snap: string; name: string }) => `${e.snap}:${e.name}`;
  const connectedPlugs = new Set(all.filter((c) => c.plug && c.slot).map((c) => key(c.plug!)));
  const connectedSlots = new Set(all.filter((c) => c.plug && c.slot).map((c) => key(c.slot!)));
  const seen = new Set<string>();
  for (const c of all) {
    const u = usage(c.interface);
    if (c.plug && c.slot) u.connections++;
    if (c.plug && !seen.has('p:' + key(c.plug))) {
      seen.add('p:' + key(c.plug));
      u.plugs.push({ ...c.plug, connected: connectedPlugs.has(key(c.plug)) });
    }
    if (c.slot && !seen.has('s:' + key(c.slot))) {
      seen.add('s:' + key(c.slot));
      u.slots.push({ ...c.slot, connected: connectedSlots.has(key(c.slot)) });
    }
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export async function interfaceDetail(host: Host, name: string): Promise<InterfaceDetailView> {
  const { stdout } = await readSnap(host, ['interface', name]);
  const detail = parseInterfaceDetail(stdout);
  // `snap interface` names the system snap by its real name; everywhere else it is "system".
  const system = (e: { snap: string; name: string }) => (isSystemSnapName(e.snap) ? { ...e, snap: 'system' } : e);
  return { ...detail, plugs: detail.plugs.map(system), slots: detail.slots.map(system), info: describeInterface(detail.name, detail.summary) };
}


/**
 * Every slot on the host, for the slot picker: the system's implicit slots
 * (only `snap connections system` lists the unconnected ones) and every other
 * snap's slots.
 */
export async function allSlots(host: Host): Promise<SlotCandidate[]> {
  const [all, system] = await Promise.all([connections(host), systemSlots(host)]);
  const out = new Map<string, SlotCandidate>();
  for (const c of [...system, ...all]) {
    if (!c.slot) continue;
    const k = `${c.slot.snap}:${c.slot.name}`;
    const prev = out.get(k);
    // Only a connected content row names its tag (`content[tag]`); keep the row that has one.
    if (!prev || (!prev.contentTag && c.contentTag)) {
      out.set(k, { ...c.slot, interface: c.interface, ...(c.contentTag ? { contentTag: c.contentTag } : {}) });
    }
  }
  return [...out.values()];
}

/** Slots a plug could connect to: same interface, and for content the same tag when both are known. */
export function slotCandidatesFor(plug: { interface: string; contentTag?: string; snap: string }, slots: SlotCandidate[]): SlotCandidate[] {
  return slots.filter(
    (s) =>
      s.interface === plug.interface &&
      s.snap !== plug.snap &&
      (plug.interface !== 'content' || !plug.contentTag || !s.contentTag || s.contentTag === plug.contentTag),
  );
}
