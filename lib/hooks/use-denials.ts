'use client';
import { useApi } from './use-api';
import { useHostId } from './host-context';
import { denialsKey, type DenialQuery, type DenialsResponse } from '../contracts/denials';

/** `null` asks for nothing (the hook is idle). */
export function useDenials(query: DenialQuery | null) {
  const host = useHostId();
  // New denials show up within a few seconds; the server reads only what is new.
  return useApi<DenialsResponse>(query === null ? null : denialsKey(host, query), { refreshInterval: 4_000 });
}
