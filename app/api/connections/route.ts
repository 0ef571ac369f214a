import { withAuth, ApiError } from '@/lib/auth/with-auth';
import { readJsonBody } from '@/lib/auth/checks';
import { domain } from '@/lib/api/errors';
import { connections } from '@/lib/snap/queries';
import { connectionChangeSchema, performConnectionChange } from '@/lib/snap/connection-change';
import { isValidSnapName } from '@/lib/validation/names';

export const dynamic = 'force-dynamic';

export const GET = withAuth(async (req) => {
  const snap = new URL(req.url).searchParams.get('snap');
  if (snap !== null && !isValidSnapName(snap) && snap !== 'system') {
    throw new ApiError(400, 'bad-name', `invalid snap name: ${JSON.stringify(snap.slice(0, 100))}`);
  }
  return Response.json({ connections: await domain(() => connections(snap ?? undefined)) });
});

export const POST = withAuth(async (req, { auth }) => {
  const body = await readJsonBody(req, connectionChangeSchema);
  return Response.json(await performConnectionChange('connect', body, auth));
});

export const DELETE = withAuth(async (req, { auth }) => {
  const body = await readJsonBody(req, connectionChangeSchema);
  return Response.json(await performConnectionChange('disconnect', body, auth));
});
