import { z } from 'zod';
import { withAuth, ApiError } from '@/lib/auth/with-auth';
import { CATALOG_RELEASES, catalogFor, compareReleases, worksUnderStrict } from '@/lib/microk8s/catalog';

export const dynamic = 'force-dynamic';

const release = z.string().regex(/^1\.\d{2}$/);

/** This host's release vs another: addons added/removed and confinement changes, plus the other release's strict set. */
export const GET = withAuth(async (req) => {
  const url = new URL(req.url);
  const from = release.safeParse(url.searchParams.get('from'));
  const to = release.safeParse(url.searchParams.get('to'));
  if (!from.success || !to.success || !CATALOG_RELEASES.includes(to.data)) {
    throw new ApiError(400, 'bad-release', `releases must be one of ${CATALOG_RELEASES.join(', ')}`);
  }
  const other = catalogFor(to.data);
  return Response.json({
    from: from.data,
    to: to.data,
    ...compareReleases(from.data, to.data),
    classicOnly: other.filter((a) => !worksUnderStrict(a)).map((a) => `${a.repository}/${a.name}`),
    releases: CATALOG_RELEASES,
  });
});
