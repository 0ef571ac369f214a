import { withAuth } from '@/lib/auth/with-auth';
import { hostOf } from '@/lib/http/host-param';
import { listChanges } from '@/lib/snap/changes';
import type { ChangesResponse } from '@/lib/contracts/changes';

export const dynamic = 'force-dynamic';

/** snapd's changes on this host, newest first (including those made outside the dashboard). */
export const GET = withAuth(async (_req, { params }) => Response.json({ changes: (await listChanges(await hostOf(params))).reverse() } satisfies ChangesResponse));
