import { z } from 'zod';
import { isValidSnapName } from '../validation/names';
import { withQuery } from './query';
import type { HostStatus } from './hosts';

/** GET /api/fleet: one row per host, the unhealthy first. */
export const FLEET_KEY = '/api/fleet';

export interface FleetMicrok8s {
  version: string;
  channel: string | null;
  strict: boolean;
  running: boolean | null;
  requiredConnected: number;
  requiredTotal: number;
}

export interface FleetRow extends HostStatus {
  confinement: 'strict' | 'partial' | null;
  snaps: { total: number; blocked: string[]; broken: string[] } | null;
  /** null: MicroK8s is not installed (or the host could not be read). */
  microk8s: FleetMicrok8s | null;
  /** Denials in the last hour; null when the kernel log could not be read. */
  denialsLastHour: number | null;
  /** 0 healthy … 3 unreachable: how the table sorts by default. */
  severity: number;
  /** Problems in words, worst first. */
  issues: string[];
}

export interface FleetResponse {
  rows: FleetRow[];
  generatedAt: string;
}

/** GET /api/fleet/compare?snap=&hosts=a,b: one snap's plugs on several hosts, side by side. */
export const compareQuerySchema = z
  .object({
    snap: z.string().refine(isValidSnapName, 'invalid snap name'),
    hosts: z.string().max(4000).transform((v) => v.split(',').map((h) => h.trim()).filter(Boolean)).pipe(z.array(z.string().max(64)).min(2, 'name at least two hosts').max(50)),
  })
  .strict();
export function fleetCompareKey(snap: string, hosts: string[]): string {
  return withQuery('/api/fleet/compare', { snap, hosts: hosts.join(',') });
}

export interface ComparedPlug {
  plug: string;
  interface: string;
  /** Per host id. */
  hosts: Record<string, { present: boolean; slots: string[] }>;
  /** The hosts do not all agree. */
  differs: boolean;
}

export interface FleetCompareResponse {
  snap: string;
  hosts: { id: string; name: string; hostname: string | null; error?: string; revision?: string; version?: string }[];
  plugs: ComparedPlug[];
}
