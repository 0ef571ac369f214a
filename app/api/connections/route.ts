import { withAuth } from '@/lib/auth/with-auth';
import { readJsonBody } from '@/lib/http/body';
import { parseQuery } from '@/lib/http/query';
import { hostOf } from '@/lib/http/host-param';
import { connections } from '@/lib/snap/queries';
import { performConnectionChange } from '@/lib/actions/connection-change';
import { connectionChangeSchema, connectionsQuerySchema, type ConnectionChangeResponse } from '@/lib/contracts/connections';

export const dynamic = 'force-dynamic';

// While a read is cached the same rows come back: serialise them once (thousands on a big host).
const bodies = new WeakMap<object, string>();
function connectionsBody(rows: object): string {
  let body = bodies.get(rows);
  if (body === undefined) bodies.set(rows, (body = JSON.stringify({ connections: rows })));
  return body;
}

export const GET = withAuth(async (req, { params }) => {
  const { snap } = parseQuery(req, connectionsQuerySchema);
  const rows = await connections(await hostOf(params), snap);
  return new Response(connectionsBody(rows), { headers: { 'content-type': 'application/json' } });
});

/** 200 with the result; 202 when snapd has not finished in time (`pending`: the server follows the change). */
function changeAnswer(outcome: ConnectionChangeResponse): Response {
  return Response.json(outcome, { status: outcome.pending ? 202 : 200 });
}

export const POST = withAuth(async (req, { auth, params }) => {
  const body = await readJsonBody(req, connectionChangeSchema);
  return changeAnswer(await performConnectionChange(await hostOf(params), 'connect', body, auth));
});

export const DELETE = withAuth(async (req, { auth, params }) => {
  const body = await readJsonBody(req, connectionChangeSchema);
  return changeAnswer(await performConnectionChange(await hostOf(params), 'disconnect', body, auth));
});
