'use client';
import { useApi } from './use-api';
import { useHostId } from './host-context';
import { refreshesKey, type RefreshesResponse } from '../contracts/refreshes';

/** What the last refresh or revert of each snap (or of `snap`) changed in its plugs and slots. */
export function useRefreshes(snap?: string) {
  return useApi<RefreshesResponse>(refreshesKey(useHostId(), snap), { refreshInterval: 30_000 });
}
