'use client';
import { useApi } from './use-api';
import type { SystemOverview } from '../snap/types';

export function useSystem() {
  return useApi<SystemOverview>('/api/system', { refreshInterval: 30_000 });
}
