'use client';
import { useApi } from './use-api';
import { SYSTEM_KEY, type SystemResponse } from '../contracts/system';

export function useSystem() {
  return useApi<SystemResponse>(SYSTEM_KEY, { refreshInterval: 30_000 });
}
