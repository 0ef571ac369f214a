import { withAuth } from '@/lib/auth/with-auth';
import { hostOf } from '@/lib/http/host-param';
import { parseQuery } from '@/lib/http/query';
import { releaseComparison } from '@/lib/microk8s/comparison';
import { installedCatalog } from '@/lib/microk8s/queries';
import { compareQuerySchema, type ReleaseComparison } from '@/lib/contracts/microk8s';

export const dynamic = 'force-dynamic';

/** This host's release (its installed addon repositories when it has them) against another release. */
export const GET = withAuth(async (req, { params }) => {
  const { from, to } = parseQuery(req, compareQuerySchema);
  const installed = await installedCatalog(await hostOf(params), from);
  return Response.json(releaseComparison(from, to, installed) satisfies ReleaseComparison);
});
