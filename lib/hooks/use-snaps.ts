'use client';
import { useApi } from './use-api';
import { useHostId } from './host-context';
import { snapsKey, snapKey, type SnapResponse, type SnapsResponse } from '../contracts/snaps';

export function useSnaps() {
  return useApi<SnapsResponse>(snapsKey(useHostId()));
}

export function useSnap(name: string) {
  return useApi<SnapResponse>(snapKey(useHostId(), name));
}
