import type { SystemOverview } from '../snap/types';
import { hostApi } from './hosts';

/** GET /api/system (or /api/hosts/{host}/system): the host's name, snapd and its sandbox. */
export function systemKey(host: string | null): string {
  return hostApi(host, '/system');
}
export type SystemResponse = SystemOverview;
