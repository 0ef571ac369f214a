import 'server-only';
import type { Host } from '../host';
import { isHostError } from '../host/errors';
import type { AvailableRefreshesResponse } from '../contracts/refreshes';
import { parseRefreshList } from './parse';
import { installedSnaps } from './queries';
import { readSnap } from './read';

/**
 * What the store would refresh (`snap refresh --list`, which asks the store through snapd) and
 * which snaps hold their refreshes (`held` in `snap list`'s Notes, cmd/snapd/cli/notes.go). A host
 * that cannot reach the store gets snapd's own words for it, never an empty "up to date".
 */
export async function availableRefreshes(host: Host): Promise<AvailableRefreshesResponse> {
  const snaps = await installedSnaps(host);
  const held = snaps.filter((s) => s.notes.includes('held')).map((s) => s.name);
  const tracking = Object.fromEntries(snaps.map((s) => [s.name, s.tracking]));
  try {
    const updates = parseRefreshList((await readSnap(host, ['refresh', '--list'])).stdout);
    return { updates: updates.map((u) => ({ ...u, tracking: tracking[u.name] ?? null, held: held.includes(u.name) })), held, storeProblem: null };
  } catch (e) {
    // snapd could not ask the store (offline host, proxy, store outage): say so in its words.
    if (isHostError(e) && (e.code === 'command-failed' || e.code === 'timeout')) return { updates: null, held, storeProblem: e.toolMessage ?? e.message };
    throw e;
  }
}
