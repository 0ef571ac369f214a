import type { HostTransport } from '../host/host';

/** GET /api/hosts: every host of this dashboard and whether it answers. */
export const HOSTS_KEY = '/api/hosts';

export interface HostStatus {
  id: string;
  name: string;
  /** The host's own name; null when it could not be asked. */
  hostname: string | null;
  transport: HostTransport;
  reachable: boolean;
  /** Why it is not reachable or not readable, in words. */
  error?: string;
  snapdVersion?: string;
  /** How long the host took to answer `snap version` (a cached answer counts as the time it took first). */
  latencyMs?: number;
}

export interface HostsResponse {
  hosts: HostStatus[];
  /** Why the hosts file was not used, when it was not. */
  configError: string | null;
}

/** The URL prefix of a host's API: the dashboard's own host keeps the short one. */
export function hostApi(hostId: string | null, path: string): string {
  return hostId ? `/api/hosts/${encodeURIComponent(hostId)}${path}` : `/api${path}`;
}

/** The same for pages. */
export function hostPage(hostId: string | null, path: string): string {
  if (!hostId) return path;
  return `/hosts/${encodeURIComponent(hostId)}${path === '/' ? '' : path}`;
}
