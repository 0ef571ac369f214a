import { withAuth } from '@/lib/auth/with-auth';
import { NotFound } from '@/lib/errors/problem';
import { hostOf } from '@/lib/http/host-param';
import { startAddonChange } from '@/lib/actions/addon-change';
import type { StartJobResponse } from '@/lib/contracts/jobs';

export const dynamic = 'force-dynamic';

/**
 * `microk8s enable|disable ADDON` as a job: 202 with the job at once (follow
 * /api/jobs/{id}, output included); 409 with the reason when the addon cannot
 * run here (classic-only on strict), MicroK8s is not running, or another job runs.
 */
export const POST = withAuth<{ name: string; action: string; host?: string }>(async (_req, { params, auth }) => {
  const { name, action } = await params;
  if (action !== 'enable' && action !== 'disable') throw new NotFound(`There is no addon action "${action.slice(0, 40)}" (enable or disable).`);
  const job = await startAddonChange(await hostOf(params), action, name, auth);
  return Response.json(job satisfies StartJobResponse, { status: 202, headers: { location: `/api/jobs/${job.id}` } });
});
