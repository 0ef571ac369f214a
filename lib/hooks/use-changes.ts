'use client';
import { useApi } from './use-api';
import { useHostId } from './host-context';
import { changeKey, changesKey, servicesKey, type ChangeResponse, type ChangesResponse, type ServicesResponse } from '../contracts/changes';

export function useChanges() {
  return useApi<ChangesResponse>(changesKey(useHostId()));
}

export function useChange(id: string | null) {
  const host = useHostId();
  return useApi<ChangeResponse>(id ? changeKey(host, id) : null);
}

export function useServices(snap: string) {
  return useApi<ServicesResponse>(servicesKey(useHostId(), snap));
}
