'use client';
import { useApi } from './use-api';
import { MICROK8S_KEY, compareKey, type Microk8sResponse, type ReleaseComparison } from '../contracts/microk8s';

export function useMicrok8s() {
  return useApi<Microk8sResponse>(MICROK8S_KEY);
}

export function useReleaseComparison(from: string | null, to: string | null) {
  return useApi<ReleaseComparison>(from && to ? compareKey(from, to) : null, { refreshInterval: 0 });
}
