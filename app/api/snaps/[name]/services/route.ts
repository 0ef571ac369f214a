import { withAuth } from '@/lib/auth/with-auth';
import { hostOf } from '@/lib/http/host-param';
import { NameError, isValidSnapName } from '@/lib/validation/names';
import { snapServices } from '@/lib/snap/services';
import type { ServicesResponse } from '@/lib/contracts/changes';

export const dynamic = 'force-dynamic';

/** `snap services NAME`: the snap's daemons (none is an empty list). */
export const GET = withAuth<{ name: string }>(async (_req, { params }) => {
  const { name } = await params;
  if (!isValidSnapName(name)) throw new NameError(`invalid snap name: ${JSON.stringify(name.slice(0, 60))}`);
  return Response.json({ services: await snapServices(await hostOf(params), name) } satisfies ServicesResponse);
});
