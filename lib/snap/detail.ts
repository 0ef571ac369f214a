import 'server-only';
import type { Host } from '../host';
import { NotFound } from '../errors/problem';
import { NameError, isValidSnapName } from '../validation/names';
import { describeInterface, type InterfaceInfo } from './interface-info';
import type { Connection, Endpoint } from './parse';
import { allSlots, connections, installedSnaps, interfaceSummaries, slotCandidatesFor, summarise } from './queries';
import type { PlugView, SlotCandidate, SlotView, SnapDetail } from './types';
import { snapHealth } from './health';
import { readAttributes } from './attrs';
import { readContentTags } from './content-tags';
import type { AttrsReading, EndpointAttrs } from './attrs-parse';

/** Rows of `snap connections SNAP` grouped by plug and by slot of this snap. */
export function groupBySide(name: string, rows: Connection[], isSystem: boolean): { plugs: PlugView[]; slots: SlotView[] } {
  const plugs = new Map<string, PlugView>();
  const slots = new Map<string, SlotView>();
  const own = (e: Endpoint | null): e is Endpoint => e !== null && (e.snap === name || (isSystem && e.snap === 'system'));
  for (const c of rows) {
    if (own(c.plug)) {
      const p = plugs.get(c.plug.name) ?? { name: c.plug.name, interface: c.interface, ...(c.contentTag ? { contentTag: c.contentTag } : {}), slots: [] };
      if (c.slot) p.slots.push({ endpoint: c.slot, notes: c.notes });
      plugs.set(p.name, p);
    }
    if (own(c.slot)) {
      const s = slots.get(c.slot.name) ?? { name: c.slot.name, interface: c.interface, ...(c.contentTag ? { contentTag: c.contentTag } : {}), plugs: [] };
      if (c.plug) s.plugs.push({ endpoint: c.plug, notes: c.notes });
      slots.set(s.name, s);
    }
  }
  const byInterface = <T extends { interface: string; name: string }>(a: T, b: T) => a.interface.localeCompare(b.interface) || a.name.localeCompare(b.name);
  return { plugs: [...plugs.values()].sort(byInterface), slots: [...slots.values()].sort(byInterface) };
}

/**
 * Content slots for a content plug: the ones whose tag matches first; the others kept, with the reason snapd
 * would refuse them (base declaration: plug-attributes content: $SLOT(content)), so the page can grey them out.
 */
export function contentCandidates(snap: string, tag: string | undefined, slots: SlotCandidate[]): SlotCandidate[] {
  const all = slots.filter((s) => s.interface === 'content' && s.snap !== snap);
  if (!tag) return all;
  const matching = all.filter((s) => !s.contentTag || s.contentTag === tag);
  const others = all
    .filter((s) => s.contentTag && s.contentTag !== tag)
    .map((s) => ({ ...s, mismatch: `its content is "${s.contentTag}", the plug's is "${tag}"` }));
  return [...matching, ...others];
}

/** One snap as its page shows it: plugs and slots grouped, each interface explained, slot candidates per plug. */
export async function snapDetail(host: Host, name: string): Promise<SnapDetail> {
  if (!isValidSnapName(name)) throw new NameError(`invalid snap name: ${JSON.stringify(name.slice(0, 100))}`);
  const [snaps, own, slots] = await Promise.all([installedSnaps(host), connections(host, name), allSlots(host)]);
  const installed = snaps.find((s) => s.name === name);
  if (!installed) throw new NotFound(`snap "${name}" is not installed`, 'Check the name on the Snaps page.');
  const [snap] = summarise([installed], own);
  if (!snap) throw new NotFound(`snap "${name}" is not installed`);
  // Content tags of every plug and slot: `snap connections` prints a tag only on connected rows, but
  // `snap interface content --attrs` prints the `content` attribute (a string) of each on every snapd.
  const contentTags = own.some((c) => c.interface === 'content') ? await readContentTags(host) : null;
  const tagged = contentTags ? slots.map((s) => (s.interface === 'content' && contentTags.slots.has(`${s.snap}:${s.name}`) ? { ...s, contentTag: contentTags.slots.get(`${s.snap}:${s.name}`) } : s)) : slots;
  const slotCandidates: Record<string, SlotCandidate[]> = {};
  for (const c of own) {
    if (!c.plug || c.plug.snap !== name) continue;
    const tag = c.contentTag ?? contentTags?.plugs.get(`${name}:${c.plug.name}`);
    slotCandidates[c.plug.name] = c.interface === 'content' ? contentCandidates(name, tag, tagged) : slotCandidatesFor({ interface: c.interface, contentTag: tag, snap: name }, tagged);
  }
  const { plugs, slots: ownSlots } = groupBySide(name, own, snap.kind === 'snapd' || snap.kind === 'core');
  for (const p of plugs) if (p.interface === 'content' && !p.contentTag && contentTags?.plugs.has(`${name}:${p.name}`)) p.contentTag = contentTags.plugs.get(`${name}:${p.name}`);
  for (const s of ownSlots) if (s.interface === 'content' && !s.contentTag && contentTags?.slots.has(`${name}:${s.name}`)) s.contentTag = contentTags.slots.get(`${name}:${s.name}`);
  const interfaces: Record<string, InterfaceInfo> = {};
  // snapd's own summary for interfaces the dashboard has no explanation of (review problem 10)
  const summaries = await interfaceSummaries(host).catch(() => new Map<string, string>());
  for (const side of [...plugs, ...ownSlots]) interfaces[side.interface] ??= describeInterface(side.interface, summaries.get(side.interface));
  let reading: AttrsReading | null = null;
  try {
    reading = await readAttributes(host, { snap: name, interfaces: Object.keys(interfaces) });
  } catch {
    // attributes are extra: the page still works without them, and says they could not be read
  }
  if (reading) {
    const isSystem = snap.kind === 'snapd' || snap.kind === 'core';
    const mine = (s: string) => s === name || (isSystem && s === 'system');
    const plugAttrs = new Map(reading.plugs.filter((e) => mine(e.snap)).map((e) => [e.name, e]));
    const slotAttrs = new Map(reading.slots.filter((e) => mine(e.snap)).map((e) => [e.name, e]));
    const give = (view: PlugView | SlotView, e: EndpointAttrs | undefined) => {
      if (!e || Object.keys(e.attrs).length === 0) return;
      view.attrs = e.attrs;
      if (e.fromSnapYaml?.length) view.attrsFromSnapYaml = e.fromSnapYaml;
    };
    for (const p of plugs) give(p, plugAttrs.get(p.name));
    for (const s of ownSlots) give(s, slotAttrs.get(s.name));
  }
  const attrsSource = reading ? { source: reading.source, complete: reading.complete, ...(reading.snapYaml ? { snapYaml: true } : {}) } : null;
  // Only a snap whose `snap list` notes show a health status has a message to read (`snap info` is slower).
  const health = snap.health === 'blocked' || snap.health === 'error' || snap.health === 'waiting' ? await snapHealth(host, name).catch(() => null) : null;
  return { snap, connections: own, plugs, slots: ownSlots, interfaces, slotCandidates, attrsSource, health };
}
