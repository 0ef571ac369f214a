'use client';
import { useApi } from './use-api';
import type { Connection } from '../snap/parse';

export function useConnections(snap?: string) {
  const r = useApi<{ connections: Connection[] }>(snap ? `/api/connections?snap=${encodeURIComponent(snap)}` : '/api/connections');
  return { ...r, connections: r.data?.connections };
}
