import { withAuth } from '@/lib/auth/with-auth';
import { parseQuery } from '@/lib/http/query';
import { hostOf } from '@/lib/http/host-param';
import { followDenials } from '@/lib/denials/follow';
import { denialFollowSchema, type DenialFollowResponse } from '@/lib/contracts/denials';

export const dynamic = 'force-dynamic';

/** The denials logged since `after` (live follow); without `after`, where "now" is. */
export const GET = withAuth(async (req, { params }) => {
  const { after, snap, kind } = parseQuery(req, denialFollowSchema);
  return Response.json((await followDenials(await hostOf(params), { after, snap, kind })) satisfies DenialFollowResponse);
});
