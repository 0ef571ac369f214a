import { withAuth } from '@/lib/auth/with-auth';
import { hostOf } from '@/lib/http/host-param';
import { systemOverview } from '@/lib/snap/queries';
import type { SystemResponse } from '@/lib/contracts/system';

export const dynamic = 'force-dynamic';

export const GET = withAuth(async (_req, { params }) => Response.json((await systemOverview(await hostOf(params))) satisfies SystemResponse));
