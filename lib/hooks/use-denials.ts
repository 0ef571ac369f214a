'use client';
import { useApi } from './use-api';
import { useHostId } from './host-context';
import { denialMutesKey, denialsKey, type DenialMutesResponse, type DenialQuery, type DenialsResponse } from '../contracts/denials';

/** `null` asks for nothing (the hook is idle). */
export function useDenials(query: DenialQuery | null) {
  const host = useHostId();
  // New denials show up within a few seconds; the server reads only what is new.
  return useApi<DenialsResponse>(query === null ? null : denialsKey(host, query), { refreshInterval: 4_000 });
}

/** The denial groups muted on this host (changes only when an admin mutes or unmutes). */
export function useDenialMutes() {
  return useApi<DenialMutesResponse>(denialMutesKey(useHostId()), { refreshInterval: 30_000 });
}
