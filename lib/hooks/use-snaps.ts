'use client';
import { useApi } from './use-api';
import { SNAPS_KEY, snapKey, type SnapResponse, type SnapsResponse } from '../contracts/snaps';

export function useSnaps() {
  return useApi<SnapsResponse>(SNAPS_KEY);
}

export function useSnap(name: string) {
  return useApi<SnapResponse>(snapKey(name));
}
