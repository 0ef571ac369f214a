import { withAuth } from '@/lib/auth/with-auth';
import { readJsonBody } from '@/lib/http/body';
import { hostOf } from '@/lib/http/host-param';
import { startConnectionsBatch } from '@/lib/actions/connections-batch';
import { connectionsBatchSchema } from '@/lib/contracts/connections';
import type { Job } from '@/lib/contracts/jobs';

export const dynamic = 'force-dynamic';

/** POST: several connects or disconnects as one job (202 with the job; GET /api/jobs/{id} follows it). */
export const POST = withAuth(async (req, { auth, params }) => {
  const body = await readJsonBody(req, connectionsBatchSchema);
  const job = await startConnectionsBatch(await hostOf(params), body, auth);
  return Response.json(job satisfies Job, { status: 202 });
});
