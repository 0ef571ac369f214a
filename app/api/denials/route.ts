import { withAuth } from '@/lib/auth/with-auth';
import { parseQuery } from '@/lib/http/query';
import { hostOf } from '@/lib/http/host-param';
import { recentDenials } from '@/lib/denials/service';
import { denialFilterSchema, sinceOf, type DenialsResponse } from '@/lib/contracts/denials';

export const dynamic = 'force-dynamic';

export const GET = withAuth(async (req, { params }) => {
  const { snap, kind, range, limit, order } = parseQuery(req, denialFilterSchema);
  return Response.json((await recentDenials(await hostOf(params), { snap, kind, since: sinceOf(range), limit, order })) satisfies DenialsResponse);
});
