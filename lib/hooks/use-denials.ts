'use client';
import { useApi } from './use-api';
import type { DenialsResponse } from '../denials/service-types';

export function useDenials(query: string) {
  // New denials show up within a few seconds; the server reads only what is new.
  return useApi<DenialsResponse>(`/api/denials${query ? `?${query}` : ''}`, { refreshInterval: 4_000 });
}
