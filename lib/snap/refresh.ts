import 'server-only';
import type { Host } from '../host';
import { parseSnapList } from './parse';
import { connections, installedSnaps } from './queries';
import { listChanges } from './changes';
import { diffEndpoints, parseSnapYamlEndpoints, revisionChangeKind, revisionsOf, type DeclaredEndpoints } from './refresh-parse';
import type { RefreshesResponse, RevisionChangeView } from '../contracts/refreshes';
import { readSnap } from './read';

/**
 * What a snap's last refresh or revert changed. snapd keeps the previous
 * revision (disabled, still mounted at /snap/NAME/REV) after a refresh, so
 * both revisions' meta/snap.yaml can be read through the host layer and
 * compared; `snap changes NAME` names the change that installed the current
 * one, and `snap connections NAME` says which new plugs are left unconnected.
 */


async function endpointsOf(host: Host, snap: string, revision: string): Promise<DeclaredEndpoints> {
  return parseSnapYamlEndpoints(await host.readSmallFile(`/snap/${snap}/${revision}/meta/snap.yaml`, 256 * 1024));
}

export async function revisionChange(host: Host, snap: string, listAll?: string): Promise<RevisionChangeView | null> {
  const text = listAll ?? (await readSnap(host, ['list', '--all', '--unicode=never', '--color=never', snap])).stdout;
  const revs = revisionsOf(parseSnapList(text), snap);
  if (!revs?.previous) return null;
  const { current, previous } = revs;
  const view: RevisionChangeView = {
    snap,
    current: { revision: current.revision, version: current.version },
    previous: { revision: previous.revision, version: previous.version },
    change: null,
    plugsAdded: [],
    plugsRemoved: [],
    slotsAdded: [],
    slotsRemoved: [],
    unconnectedNew: [],
    error: null,
  };
  const [changes, rows] = await Promise.all([listChanges(host, snap).catch(() => []), connections(host, snap)]);
  // The newest change that installed a revision of this snap.
  for (const c of [...changes].reverse()) {
    const kind = revisionChangeKind(c.summary, snap);
    if (kind) {
      view.change = { id: c.id, kind, summary: c.summary, spawn: c.spawn, ready: c.ready };
      break;
    }
  }
  let before: DeclaredEndpoints;
  let after: DeclaredEndpoints;
  try {
    [before, after] = await Promise.all([endpointsOf(host, snap, previous.revision), endpointsOf(host, snap, current.revision)]);
  } catch (e) {
    view.error = `cannot compare revisions ${previous.revision} and ${current.revision}: ${e instanceof Error ? e.message : String(e)}`;
    return view;
  }
  const connected = new Set(rows.filter((r) => r.plug?.snap === snap && r.slot).map((r) => r.plug?.name));
  const plugs = diffEndpoints(before.plugs, after.plugs);
  const slots = diffEndpoints(before.slots, after.slots);
  view.plugsAdded = plugs.added.map((p) => ({ ...p, connected: connected.has(p.name) }));
  view.plugsRemoved = plugs.removed;
  view.slotsAdded = slots.added;
  view.slotsRemoved = slots.removed;
  view.unconnectedNew = view.plugsAdded.filter((p) => !p.connected).map((p) => p.name);
  return view;
}

/** Every snap with a previous revision kept (one `snap list --all`), or only `snap`. */
export async function refreshes(host: Host, snap?: string): Promise<RefreshesResponse> {
  const [listAll, snaps] = await Promise.all([readSnap(host, ['list', '--all', '--unicode=never', '--color=never']), installedSnaps(host)]);
  const rows = parseSnapList(listAll.stdout);
  const names = [...new Set(rows.filter((r) => r.notes.includes('disabled')).map((r) => r.name))].filter((n) => !snap || n === snap);
  const revisions = (await Promise.all(names.map((n) => revisionChange(host, n, listAll.stdout)))).filter((v): v is RevisionChangeView => v !== null);
  const tracking = Object.fromEntries(snaps.filter((s) => !snap || s.name === snap).map((s) => [s.name, s.tracking]));
  return { revisions, tracking };
}
