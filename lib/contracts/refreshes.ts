import { z } from 'zod';
import { isValidSnapName } from '../validation/names';
import { hostApi } from './hosts';
import { withQuery } from './query';

/**
 * GET /api/refreshes[?snap=NAME] (or /api/hosts/{host}/refreshes): per snap that
 * snapd keeps an older revision of, what its current revision changed in
 * plugs and slots, which new plugs are left unconnected, and the change that
 * installed it (id and time). Plus each snap's tracking channel.
 */
export const refreshesQuerySchema = z.object({ snap: z.string().refine(isValidSnapName, 'invalid snap name').optional() }).strict();

export function refreshesKey(host: string | null, snap?: string): string {
  return withQuery(hostApi(host, '/refreshes'), { snap });
}

export interface RevisionChangeView {
  snap: string;
  current: { revision: string; version: string };
  previous: { revision: string; version: string };
  /** The change that installed the current revision, when snapd still remembers it. */
  change: { id: string; kind: 'refresh' | 'revert' | 'install-file' | 'auto-refresh'; summary: string; spawn: string; ready: string | null } | null;
  plugsAdded: { name: string; interface: string; connected: boolean }[];
  plugsRemoved: { name: string; interface: string }[];
  slotsAdded: { name: string; interface: string }[];
  slotsRemoved: { name: string; interface: string }[];
  /** The new plugs nothing is connected to: what a blocked snap after a refresh usually waits for. */
  unconnectedNew: string[];
  /** Why the two revisions could not be compared (a snap.yaml that cannot be read), else null. */
  error: string | null;
}

export interface RefreshesResponse {
  revisions: RevisionChangeView[];
  /** Every snap's tracking channel (null for a local or untracked install), from `snap list`. */
  tracking: Record<string, string | null>;
}

/**
 * GET /api/refreshes/available (or /api/hosts/{host}/refreshes/available): the updates the store
 * offers (`snap refresh --list`) and the snaps whose refreshes are held (`held` in `snap list`).
 * `updates` is null when snapd could not ask the store; `storeProblem` then has snapd's words.
 */
export function availableRefreshesKey(host: string | null): string {
  return hostApi(host, '/refreshes/available');
}

export interface AvailableRefreshesResponse {
  updates: { name: string; version: string; revision: string; size: string; publisher: string | null; verified: boolean; notes: string[]; tracking: string | null; held: boolean }[] | null;
  held: string[];
  storeProblem: string | null;
}
