import { withAuth } from '@/lib/auth/with-auth';
import { currentHost } from '@/lib/host';
import { systemOverview } from '@/lib/snap/queries';
import type { SystemResponse } from '@/lib/contracts/system';

export const dynamic = 'force-dynamic';

export const GET = withAuth(async () => Response.json((await systemOverview(currentHost())) satisfies SystemResponse));
