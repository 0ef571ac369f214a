'use client';
import { useApi } from './use-api';
import { useHostId } from './host-context';
import { availableRefreshesKey, refreshesKey, type AvailableRefreshesResponse, type RefreshesResponse } from '../contracts/refreshes';

/** What the last refresh or revert of each snap (or of `snap`) changed in its plugs and slots. */
export function useRefreshes(snap?: string) {
  return useApi<RefreshesResponse>(refreshesKey(useHostId(), snap), { refreshInterval: 30_000 });
}

/** The store's updates for this host's snaps and the held ones (a store query: asked every five minutes). */
export function useAvailableRefreshes() {
  return useApi<AvailableRefreshesResponse>(availableRefreshesKey(useHostId()), { refreshInterval: 300_000 });
}
