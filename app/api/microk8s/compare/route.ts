import { withAuth } from '@/lib/auth/with-auth';
import { parseQuery } from '@/lib/http/query';
import { releaseComparison } from '@/lib/microk8s/comparison';
import { compareQuerySchema, type ReleaseComparison } from '@/lib/contracts/microk8s';

export const dynamic = 'force-dynamic';

/** This host's release vs another: addons added/removed and confinement changes, plus the other release's strict set. */
export const GET = withAuth(async (req) => {
  const { from, to } = parseQuery(req, compareQuerySchema);
  return Response.json(releaseComparison(from, to) satisfies ReleaseComparison);
});
