'use client';
import { useApi } from './use-api';
import { useHostId } from './host-context';
import { systemKey, type SystemResponse } from '../contracts/system';

export function useSystem() {
  return useApi<SystemResponse>(systemKey(useHostId()), { refreshInterval: 30_000 });
}

/** Whether this page's host lets the dashboard change connections; null until known. */
export function usePrivilege() {
  return useSystem().data?.privilegeInfo ?? null;
}
