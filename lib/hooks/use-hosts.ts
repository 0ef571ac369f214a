'use client';
import { useApi } from './use-api';
import { HOSTS_KEY, type HostsResponse } from '../contracts/hosts';

export function useHosts() {
  return useApi<HostsResponse>(HOSTS_KEY, { refreshInterval: 30_000 });
}
