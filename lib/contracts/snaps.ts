import type { SnapDetail, SnapSummary } from '../snap/types';

/** GET /api/snaps: every installed snap with its confinement and plug counts. */
export const SNAPS_KEY = '/api/snaps';
export interface SnapsResponse {
  snaps: SnapSummary[];
}

/** GET /api/snaps/{name}: one snap, its plugs and slots, and what each plug could connect to. */
export function snapKey(name: string): string {
  return `/api/snaps/${encodeURIComponent(name)}`;
}
export type SnapResponse = SnapDetail;
