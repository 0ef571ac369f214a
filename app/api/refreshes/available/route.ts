import { withAuth } from '@/lib/auth/with-auth';
import { hostOf } from '@/lib/http/host-param';
import { availableRefreshes } from '@/lib/snap/refresh-available';
import type { AvailableRefreshesResponse } from '@/lib/contracts/refreshes';

export const dynamic = 'force-dynamic';

/** GET /api/refreshes/available: the store's updates for this host's snaps, and the held ones. */
export const GET = withAuth(async (_req, { params }) => Response.json((await availableRefreshes(await hostOf(params))) satisfies AvailableRefreshesResponse));
