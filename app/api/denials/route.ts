import { withAuth, ApiError } from '@/lib/auth/with-auth';
import { domain } from '@/lib/api/errors';
import { recentDenials } from '@/lib/denials/service';
import { denialFilterSchema, sinceOf } from '@/lib/denials/filter';

export const dynamic = 'force-dynamic';

export const GET = withAuth(async (req) => {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const filter = denialFilterSchema.safeParse(params);
  if (!filter.success) throw new ApiError(400, 'invalid-request', filter.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const { snap, kind, range, limit } = filter.data;
  return Response.json(await domain(() => recentDenials({ snap, kind, since: sinceOf(range), limit })));
});
