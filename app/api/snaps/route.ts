import { withAuth } from '@/lib/auth/with-auth';
import { currentHost } from '@/lib/host';
import { snapSummaries } from '@/lib/snap/queries';
import type { SnapsResponse } from '@/lib/contracts/snaps';

export const dynamic = 'force-dynamic';

export const GET = withAuth(async () => Response.json({ snaps: await snapSummaries(currentHost()) } satisfies SnapsResponse));
