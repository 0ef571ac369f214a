import { withAuth } from '@/lib/auth/with-auth';
import { parseQuery } from '@/lib/http/query';
import { requireHost } from '@/lib/host';
import { compareSnap } from '@/lib/fleet/compare';
import { compareQuerySchema, type FleetCompareResponse } from '@/lib/contracts/fleet';

export const dynamic = 'force-dynamic';

export const GET = withAuth(async (req) => {
  const { snap, hosts } = parseQuery(req, compareQuerySchema);
  return Response.json((await compareSnap([...new Set(hosts)].map(requireHost), snap)) satisfies FleetCompareResponse);
});
