import { withAuth } from '@/lib/auth/with-auth';
import { readJsonBody } from '@/lib/http/body';
import { requireHost } from '@/lib/host';
import { getProfile } from '@/lib/fleet/profiles';
import { applyProfile } from '@/lib/fleet/apply';
import { profileHostsSchema, type ApplyResponse } from '@/lib/contracts/profiles';

export const dynamic = 'force-dynamic';

/** Starts the job that brings the hosts to the profile; answers 202 with it at once (follow /api/jobs/{id}). */
export const POST = withAuth<{ name: string }>(async (req, { params, auth }) => {
  const profile = getProfile((await params).name);
  const { hosts } = await readJsonBody(req, profileHostsSchema);
  const job = await applyProfile([...new Set(hosts)].map(requireHost), profile, auth);
  return Response.json(job satisfies ApplyResponse, { status: 202, headers: { location: `/api/jobs/${job.id}` } });
});
