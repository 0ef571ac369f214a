import type { SnapChange, SnapTask } from '../snap/changes-parse';
import type { SnapService } from '../snap/services-parse';
import { hostApi } from './hosts';

/** GET /api/changes: snapd's changes on the host (`snap changes --abs-time`), newest first. */
export function changesKey(host: string | null): string {
  return hostApi(host, '/changes');
}
export interface ChangesResponse {
  changes: SnapChange[];
}

/** GET /api/changes/{id}: one change's tasks (`snap tasks --abs-time ID`). */
export function changeKey(host: string | null, id: string): string {
  return hostApi(host, `/changes/${encodeURIComponent(id)}`);
}
export interface ChangeResponse {
  id: string;
  /** the change's row from `snap changes`, when snapd still lists it */
  change: SnapChange | null;
  tasks: SnapTask[];
}

/** GET /api/snaps/{name}/services: `snap services NAME`. */
export function servicesKey(host: string | null, snap: string): string {
  return hostApi(host, `/snaps/${encodeURIComponent(snap)}/services`);
}
export interface ServicesResponse {
  services: SnapService[];
}
