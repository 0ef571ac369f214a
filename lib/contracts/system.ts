import type { SystemOverview } from '../snap/types';

/** GET /api/system: the host's name, snapd and its sandbox. */
export const SYSTEM_KEY = '/api/system';
export type SystemResponse = SystemOverview;
