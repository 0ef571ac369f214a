'use client';
import { useApi } from './use-api';
import type { InterfaceDetailView, InterfaceUsage } from '../snap/types';

export function useInterfaces() {
  const r = useApi<{ interfaces: InterfaceUsage[] }>('/api/interfaces');
  return { ...r, interfaces: r.data?.interfaces };
}

export function useInterface(name: string) {
  return useApi<InterfaceDetailView>(`/api/interfaces/${encodeURIComponent(name)}`);
}
