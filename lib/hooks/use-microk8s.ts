'use client';
import { useApi } from './use-api';
import { useHostId } from './host-context';
import { microk8sKey, compareKey, type Microk8sResponse, type ReleaseComparison } from '../contracts/microk8s';

export function useMicrok8s() {
  return useApi<Microk8sResponse>(microk8sKey(useHostId()));
}

export function useReleaseComparison(from: string | null, to: string | null) {
  const host = useHostId();
  return useApi<ReleaseComparison>(from && to ? compareKey(host, from, to) : null, { refreshInterval: 0 });
}
