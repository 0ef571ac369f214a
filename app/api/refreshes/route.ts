import { withAuth } from '@/lib/auth/with-auth';
import { parseQuery } from '@/lib/http/query';
import { hostOf } from '@/lib/http/host-param';
import { refreshes } from '@/lib/snap/refresh';
import { refreshesQuerySchema, type RefreshesResponse } from '@/lib/contracts/refreshes';

export const dynamic = 'force-dynamic';

/** GET /api/refreshes[?snap=NAME]: what each snap's last refresh or revert changed in its plugs and slots. */
export const GET = withAuth(async (req, { params }) => {
  const { snap } = parseQuery(req, refreshesQuerySchema);
  return Response.json((await refreshes(await hostOf(params), snap)) satisfies RefreshesResponse);
});
