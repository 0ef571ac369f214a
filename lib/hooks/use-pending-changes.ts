'use client';
import { useApi } from './use-api';
import { pendingChangesKey, type PendingChangesResponse } from '../contracts/pending-changes';

/** A host's followed changes, every 2 s while `active` (null key: not asked). */
export function usePendingChanges(host: string | null, active: boolean) {
  return useApi<PendingChangesResponse>(active ? pendingChangesKey(host) : null, { refreshInterval: 2_000 });
}
