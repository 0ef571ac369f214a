import 'server-only';
import type { Host } from '../host';
import { isHostError } from '../host/errors';
import { NotFound } from '../errors/problem';
import { parseChanges, parseTasks, type SnapChange, type SnapTask } from './changes-parse';
import { readSnap } from './read';

/** snapd's own history on a host: `snap changes` and `snap tasks ID`, with absolute times. */


/** Every change snapd remembers (it prunes ready changes after about a day), oldest first. */
export async function listChanges(host: Host, snap?: string): Promise<SnapChange[]> {
  const args = ['changes', '--abs-time', ...(snap ? [snap] : [])];
  // An empty stdout (nothing to list) parses as no changes.
  return parseChanges((await readSnap(host, args)).stdout);
}

/** The tasks of one change; NotFound when snapd no longer knows the id. */
export async function changeTasks(host: Host, id: string): Promise<SnapTask[]> {
  if (!/^\d{1,12}$/.test(id)) throw new NotFound(`change "${id.slice(0, 40)}" does not exist`, 'A change id is a number, as `snap changes` lists it.');
  try {
    return parseTasks((await readSnap(host, ['tasks', '--abs-time', id])).stdout);
  } catch (e) {
    // snapd: `error: cannot find change with id "99999"` (transcript 68)
    if (isHostError(e) && /cannot find change with id/.test(e.toolMessage ?? '')) {
      throw new NotFound(`snapd has no change ${id}`, 'snapd forgets finished changes after a while; `snap changes` lists those it still has.');
    }
    throw e;
  }
}

export type { SnapChange, SnapTask };
