import { withAuth } from '@/lib/auth/with-auth';
import { NotFound } from '@/lib/errors/problem';
import { cancelJob } from '@/lib/jobs/jobs';
import type { Job } from '@/lib/contracts/jobs';

export const dynamic = 'force-dynamic';

/** Stops the job before its next step; a step in flight finishes (snapd's changes are not cut in half). */
export const POST = withAuth<{ id: string }>(async (_req, { params }) => {
  const job = cancelJob((await params).id);
  if (!job) throw new NotFound('There is no such job.');
  return Response.json(job satisfies Job);
});
