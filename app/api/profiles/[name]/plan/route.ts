import { withAuth } from '@/lib/auth/with-auth';
import { readJsonBody } from '@/lib/http/body';
import { requireHost } from '@/lib/host';
import { getProfile, planAll } from '@/lib/fleet/profiles';
import { profileHostsSchema, type PlanResponse } from '@/lib/contracts/profiles';

export const dynamic = 'force-dynamic';

/** What each host needs to match the profile; nothing is changed. A POST because it takes a body. */
export const POST = withAuth<{ name: string }>(async (req, { params }) => {
  const profile = getProfile((await params).name);
  const { hosts } = await readJsonBody(req, profileHostsSchema);
  return Response.json({ profile: profile.name, plans: await planAll([...new Set(hosts)].map(requireHost), profile) } satisfies PlanResponse);
});
