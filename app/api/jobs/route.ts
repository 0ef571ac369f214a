import { withAuth } from '@/lib/auth/with-auth';
import { listJobs } from '@/lib/jobs/jobs';
import type { JobsResponse } from '@/lib/contracts/jobs';

export const dynamic = 'force-dynamic';

export const GET = withAuth(async () => Response.json({ jobs: listJobs() } satisfies JobsResponse));
