'use client';
import { useApi } from './use-api';
import type { SnapDetail } from '../snap/detail-types';

export function useSnap(name: string) {
  return useApi<SnapDetail>(`/api/snaps/${encodeURIComponent(name)}`);
}
