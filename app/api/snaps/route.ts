import { withAuth } from '@/lib/auth/with-auth';
import { hostOf } from '@/lib/http/host-param';
import { snapSummaries } from '@/lib/snap/queries';
import type { SnapsResponse } from '@/lib/contracts/snaps';

export const dynamic = 'force-dynamic';

export const GET = withAuth(async (_req, { params }) => Response.json({ snaps: await snapSummaries(await hostOf(params)) } satisfies SnapsResponse));
