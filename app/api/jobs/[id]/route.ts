import { withAuth } from '@/lib/auth/with-auth';
import { NotFound } from '@/lib/errors/problem';
import { getJob } from '@/lib/jobs/jobs';
import type { Job } from '@/lib/contracts/jobs';

export const dynamic = 'force-dynamic';

export const GET = withAuth<{ id: string }>(async (_req, { params }) => {
  const job = getJob((await params).id);
  if (!job) throw new NotFound('There is no such job (finished jobs are kept for a while, not forever).');
  return Response.json(job satisfies Job);
});
