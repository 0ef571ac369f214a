import { withAuth } from '@/lib/auth/with-auth';
import { parseQuery } from '@/lib/http/query';
import { currentHost } from '@/lib/host';
import { recentDenials } from '@/lib/denials/service';
import { denialFilterSchema, sinceOf, type DenialsResponse } from '@/lib/contracts/denials';

export const dynamic = 'force-dynamic';

export const GET = withAuth(async (req) => {
  const { snap, kind, range, limit } = parseQuery(req, denialFilterSchema);
  return Response.json((await recentDenials(currentHost(), { snap, kind, since: sinceOf(range), limit })) satisfies DenialsResponse);
});
