import { withAuth } from '@/lib/auth/with-auth';
import { ApiError } from '@/lib/http/errors';
import { hostOf } from '@/lib/http/host-param';
import { interfaceDetail } from '@/lib/snap/queries';
import { interfaceNameSchema } from '@/lib/validation/names';
import type { InterfaceResponse } from '@/lib/contracts/interfaces';

export const dynamic = 'force-dynamic';

export const GET = withAuth<{ name: string }>(async (_req, { params }) => {
  const { name } = await params;
  if (!interfaceNameSchema.safeParse(name).success) throw new ApiError(400, 'bad-name', `invalid interface name: ${JSON.stringify(name.slice(0, 100))}`);
  return Response.json((await interfaceDetail(await hostOf(params), name)) satisfies InterfaceResponse);
});
