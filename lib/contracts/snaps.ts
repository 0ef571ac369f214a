import type { SnapDetail, SnapSummary } from '../snap/types';
import { hostApi } from './hosts';

/** GET /api/snaps: every installed snap with its confinement and plug counts. */
export function snapsKey(host: string | null): string {
  return hostApi(host, '/snaps');
}
export interface SnapsResponse {
  snaps: SnapSummary[];
}

/** GET /api/snaps/{name}: one snap, its plugs and slots, and what each plug could connect to. */
export function snapKey(host: string | null, name: string): string {
  return hostApi(host, `/snaps/${encodeURIComponent(name)}`);
}
export type SnapResponse = SnapDetail;
