import { withAuth } from '@/lib/auth/with-auth';
import { hostOf } from '@/lib/http/host-param';
import { snapDetail } from '@/lib/snap/detail';
import type { SnapResponse } from '@/lib/contracts/snaps';

export const dynamic = 'force-dynamic';

export const GET = withAuth<{ name: string }>(async (_req, { params }) => {
  const { name } = await params;
  return Response.json((await snapDetail(await hostOf(params), name)) satisfies SnapResponse);
});
