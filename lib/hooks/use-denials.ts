'use client';
import { useApi } from './use-api';
import type { DenialsResponse } from '../denials/service-types';

export function useDenials(query: string | null) {
  // New denials show up within a few seconds; the server reads only what is new.
  return useApi<DenialsResponse>(query === null ? null : `/api/denials${query ? `?${query}` : ''}`, { refreshInterval: 4_000 });
}
