'use client';
import { useApi } from './use-api';
import type { Microk8sOverview } from '../microk8s/types';

export function useMicrok8s() {
  return useApi<Microk8sOverview>('/api/microk8s');
}

export interface ReleaseComparison {
  from: string;
  to: string;
  added: string[];
  removed: string[];
  confinementChanged: { name: string; from: string; to: string }[];
  classicOnly: string[];
  releases: string[];
}

export function useReleaseComparison(from: string | null, to: string | null) {
  return useApi<ReleaseComparison>(from && to ? `/api/microk8s/compare?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}` : null, { refreshInterval: 0 });
}
