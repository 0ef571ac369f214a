import { withAuth, ApiError } from '@/lib/auth/with-auth';
import { readJsonBody } from '@/lib/auth/checks';
import { domain } from '@/lib/api/errors';
import { connections } from '@/lib/snap/queries';
import { connectionChangeSchema, performConnectionChange } from '@/lib/snap/connection-change';
import { isValidSnapName } from '@/lib/validation/names';

export const dynamic = 'force-dynamic';

// While a read is cached the same rows come back: serialise them once (thousands on a big host).
const bodies = new WeakMap<object, string>();
function connectionsBody(rows: object): string {
  let body = bodies.get(rows);
  if (body === undefined) bodies.set(rows, (body = JSON.stringify({ connections: rows })));
  return body;
}

export const GET = withAuth(async (req) => {
  const snap = new URL(req.url).searchParams.get('snap');
  if (snap !== null && !isValidSnapName(snap) && snap !== 'system') {
    throw new ApiError(400, 'bad-name', `invalid snap name: ${JSON.stringify(snap.slice(0, 100))}`);
  }
  const rows = await domain(() => connections(snap ?? undefined));
  return new Response(connectionsBody(rows), { headers: { 'content-type': 'application/json' } });
});

export const POST = withAuth(async (req, { auth }) => {
  const body = await readJsonBody(req, connectionChangeSchema);
  return Response.json(await performConnectionChange('connect', body, auth));
});

export const DELETE = withAuth(async (req, { auth }) => {
  const body = await readJsonBody(req, connectionChangeSchema);
  return Response.json(await performConnectionChange('disconnect', body, auth));
});
