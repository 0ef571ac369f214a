import type { PendingChange, LateOutcome } from '../snap/types';
import { hostApi } from './hosts';

/**
 * GET /api/pending-changes (and /api/hosts/{host}/pending-changes): the
 * connects/disconnects of that host that snapd had not finished when they were
 * answered (HTTP 202), still followed or settled within the last hour, newest first.
 */
export function pendingChangesKey(host: string | null): string {
  return hostApi(host, '/pending-changes');
}

export interface PendingChangesResponse {
  changes: PendingChange[];
}

export type { PendingChange, LateOutcome };
