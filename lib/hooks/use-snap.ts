'use client';
import { useApi } from './use-api';
import type { SnapDetail } from '../snap/types';

export function useSnap(name: string) {
  return useApi<SnapDetail>(`/api/snaps/${encodeURIComponent(name)}`);
}
