import { withAuth } from '@/lib/auth/with-auth';
import { domain } from '@/lib/api/errors';
import { snapDetail } from '@/lib/snap/detail';

export const dynamic = 'force-dynamic';

export const GET = withAuth<{ name: string }>(async (_req, { params }) => {
  const { name } = await params;
  return Response.json(await domain(() => snapDetail(name)));
});
