import { parse as parseYaml } from 'yaml';
import type { InstalledSnap } from './parse';

/**
 * Pure parts of "what did the last refresh (or revert) of a snap change":
 *  - which `snap changes` summaries install a revision of a snap. snapd's own words
 *    (daemon/api_snaps.go snapUpdate/snapRevert, daemon/api_sideload_n_try.go,
 *    overlord/snapstate/autorefresh.go autoRefreshSummary; github:canonical/snapd):
 *      Refresh "NAME" snap | Refresh "NAME" snap from "CH" channel | Refresh snaps "a", "b"
 *      Revert "NAME" snap
 *      Install "NAME" snap from file "PATH" | Install "NAME" snap from file   (a local revision)
 *      Auto-refresh snap "NAME" | Auto-refresh snaps "a", "b"   ("Auto-refresh N snaps" names none)
 *  - which revisions `snap list --all NAME` shows: the inactive ones carry the note
 *    "disabled" (cmd/snap/notes.go NotesFromLocal: Disabled when status is not active);
 *  - the plugs and slots a revision declares, from its meta/snap.yaml (snap/info_snap_yaml.go:
 *    top-level `plugs:`/`slots:` map a name to nothing, an interface name, or attributes
 *    with an optional `interface:`; a name that apps/hooks use without declaring it is a
 *    plug or slot of the interface of that name).
 */

export type RevisionChangeKind = 'refresh' | 'revert' | 'install-file' | 'auto-refresh';

export function revisionChangeKind(summary: string, snap: string): RevisionChangeKind | null {
  const q = `"${snap}"`;
  if (summary === `Refresh ${q} snap` || summary.startsWith(`Refresh ${q} snap from "`)) return 'refresh';
  if (summary.startsWith('Refresh snaps ') && quotedNames(summary).includes(snap)) return 'refresh';
  if (summary === `Revert ${q} snap`) return 'revert';
  if (summary === `Install ${q} snap from file` || summary.startsWith(`Install ${q} snap from file "`)) return 'install-file';
  if (summary === `Auto-refresh snap ${q}`) return 'auto-refresh';
  if (summary.startsWith('Auto-refresh snaps ') && quotedNames(summary).includes(snap)) return 'auto-refresh';
  return null;
}

function quotedNames(text: string): string[] {
  return [...text.matchAll(/"([a-z0-9-]+)"/g)].map((m) => m[1] ?? '');
}

/** Revisions as snapd numbers them: `123`, or `x3` for the third local install. */
export function revisionOrder(rev: string): number {
  const m = /^x?(\d+)$/.exec(rev);
  return m ? Number(m[1]) : -1;
}

export interface Revisions {
  current: InstalledSnap;
  /** The inactive revision that was most likely active before (the highest-numbered disabled one). */
  previous: InstalledSnap | null;
}

/** From `snap list --all NAME` rows: the active revision, and the one before it (null when none is kept). */
export function revisionsOf(rows: readonly InstalledSnap[], snap: string): Revisions | null {
  const own = rows.filter((r) => r.name === snap);
  const current = own.find((r) => !r.notes.includes('disabled'));
  if (!current) return null;
  const disabled = own.filter((r) => r.notes.includes('disabled')).sort((a, b) => revisionOrder(b.revision) - revisionOrder(a.revision));
  return { current, previous: disabled[0] ?? null };
}

export interface DeclaredEndpoints {
  plugs: Map<string, string>;
  slots: Map<string, string>;
}

type Yamlish = Record<string, unknown>;
const isMap = (v: unknown): v is Yamlish => typeof v === 'object' && v !== null && !Array.isArray(v);

function declared(section: unknown, into: Map<string, string>): void {
  if (!isMap(section)) return;
  for (const [name, value] of Object.entries(section)) {
    if (typeof value === 'string') into.set(name, value);
    else if (isMap(value) && typeof value.interface === 'string') into.set(name, value.interface);
    else into.set(name, name);
  }
}

function used(owners: unknown, key: 'plugs' | 'slots', into: Map<string, string>): void {
  if (!isMap(owners)) return;
  for (const owner of Object.values(owners)) {
    if (!isMap(owner) || !Array.isArray(owner[key])) continue;
    for (const name of owner[key] as unknown[]) if (typeof name === 'string' && !into.has(name)) into.set(name, name);
  }
}

/** The plugs and slots (name → interface) a snap.yaml declares, apps' and hooks' implicit ones included. */
export function parseSnapYamlEndpoints(text: string): DeclaredEndpoints {
  const doc: unknown = parseYaml(text);
  if (!isMap(doc) || typeof doc.name !== 'string') throw new Error('meta/snap.yaml: not a snap.yaml (no name)');
  const plugs = new Map<string, string>();
  const slots = new Map<string, string>();
  declared(doc.plugs, plugs);
  declared(doc.slots, slots);
  for (const owners of [doc.apps, doc.hooks]) {
    used(owners, 'plugs', plugs);
    used(owners, 'slots', slots);
  }
  return { plugs, slots };
}

export interface EndpointDiff {
  added: { name: string; interface: string }[];
  removed: { name: string; interface: string }[];
}

export function diffEndpoints(before: Map<string, string>, after: Map<string, string>): EndpointDiff {
  const added = [...after].filter(([n]) => !before.has(n)).map(([name, iface]) => ({ name, interface: iface }));
  const removed = [...before].filter(([n]) => !after.has(n)).map(([name, iface]) => ({ name, interface: iface }));
  return { added: added.sort((a, b) => a.name.localeCompare(b.name)), removed: removed.sort((a, b) => a.name.localeCompare(b.name)) };
}
