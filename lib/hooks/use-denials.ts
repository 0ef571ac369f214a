'use client';
import { useApi } from './use-api';
import { denialsKey, type DenialQuery, type DenialsResponse } from '../contracts/denials';

/** `null` asks for nothing (the hook is idle). */
export function useDenials(query: DenialQuery | null) {
  // New denials show up within a few seconds; the server reads only what is new.
  return useApi<DenialsResponse>(query === null ? null : denialsKey(query), { refreshInterval: 4_000 });
}
