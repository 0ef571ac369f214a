import 'server-only';
import { ApiError } from '../auth/with-auth';
import { isValidSnapName } from '../validation/names';
import { allSlots, connections, installedSnaps, slotCandidatesFor, summarise } from './queries';
import type { SlotCandidate, SnapDetail } from './types';

export async function snapDetail(name: string): Promise<SnapDetail> {
  if (!isValidSnapName(name)) throw new ApiError(400, 'bad-name', `invalid snap name: ${JSON.stringify(name.slice(0, 100))}`);
  const [snaps, own, slots] = await Promise.all([installedSnaps(), connections(name), allSlots()]);
  const installed = snaps.find((s) => s.name === name);
  if (!installed) throw new ApiError(404, 'not-found', `snap "${name}" is not installed`, 'Check the name on the Snaps page.');
  const [summary] = summarise([installed], own);
  const slotCandidates: Record<string, SlotCandidate[]> = {};
  for (const c of own) {
    if (!c.plug || c.plug.snap !== name) continue;
    slotCandidates[c.plug.name] = slotCandidatesFor({ interface: c.interface, contentTag: c.contentTag, snap: name }, slots);
  }
  return { snap: summary!, connections: own, slotCandidates };
}
