'use client';
import { useApi } from './use-api';
import { FLEET_KEY, fleetCompareKey, type FleetCompareResponse, type FleetResponse } from '../contracts/fleet';
import { PROFILES_KEY, type ProfilesResponse } from '../contracts/profiles';
import { jobKey, type Job } from '../contracts/jobs';

export function useFleet() {
  // Every host is asked on each refresh: not as often as one host's pages.
  return useApi<FleetResponse>(FLEET_KEY, { refreshInterval: 20_000 });
}

export function useFleetCompare(snap: string | null, hosts: string[]) {
  return useApi<FleetCompareResponse>(snap && hosts.length >= 2 ? fleetCompareKey(snap, hosts) : null, { refreshInterval: 0 });
}

export function useProfiles() {
  return useApi<ProfilesResponse>(PROFILES_KEY, { refreshInterval: 0 });
}

/** A job's progress, polled while it runs. */
export function useJob(id: string | null) {
  const r = useApi<Job>(id ? jobKey(id) : null, { refreshInterval: (job) => (job && job.finishedAt ? 0 : 1_000) });
  return r;
}
