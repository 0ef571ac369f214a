'use client';
import { useApi } from './use-api';
import type { SnapSummary } from '../snap/types';

export function useSnaps() {
  const r = useApi<{ snaps: SnapSummary[] }>('/api/snaps');
  return { ...r, snaps: r.data?.snaps };
}
