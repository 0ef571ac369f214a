import { withAuth } from '@/lib/auth/with-auth';
import { readJsonBody } from '@/lib/http/body';
import { parseQuery } from '@/lib/http/query';
import { hostOf } from '@/lib/http/host-param';
import { listJobs } from '@/lib/jobs/jobs';
import { startConnectRequired } from '@/lib/actions/connect-required';
import { jobsQuerySchema, startJobSchema, type JobsResponse, type StartJobResponse } from '@/lib/contracts/jobs';

export const dynamic = 'force-dynamic';

/** Every host's jobs (Activity); with `?scope=host`, or under /api/hosts/{host}/, only that host's. */
export const GET = withAuth(async (req, { params }) => {
  const p = (await params) as { host?: string } | undefined;
  const { scope } = parseQuery(req, jobsQuerySchema);
  const host = p?.host !== undefined || scope === 'host' ? (await hostOf(params)).id : undefined;
  return Response.json({ jobs: listJobs(host) } satisfies JobsResponse);
});

/**
 * Starts a job on this host and answers 202 with it at once (follow
 * /api/jobs/{id}); 409 `job-running` with the running job's id when the host
 * is busy with another one.
 */
export const POST = withAuth(async (req, { params, auth }) => {
  const body = await readJsonBody(req, startJobSchema);
  const job = await startConnectRequired(await hostOf(params), body.snap, auth);
  return Response.json(job satisfies StartJobResponse, { status: 202, headers: { location: `/api/jobs/${job.id}` } });
});
