import { withAuth } from '@/lib/auth/with-auth';
import { readJsonBody } from '@/lib/http/body';
import { requireHost } from '@/lib/host';
import { appendAudit } from '@/lib/audit/log';
import { getProfile, profileFromHost, saveProfile } from '@/lib/fleet/profiles';
import { putProfileSchema, type Profile } from '@/lib/contracts/profiles';

export const dynamic = 'force-dynamic';

export const GET = withAuth<{ name: string }>(async (_req, { params }) => Response.json(getProfile((await params).name) satisfies Profile));

/** Creates or replaces a profile: written out, or taken from a host's current connections. */
export const PUT = withAuth<{ name: string }>(async (req, { params, auth }) => {
  const { name } = await params;
  const body = await readJsonBody(req, putProfileSchema, 256 * 1024);
  const profile = 'fromHost' in body ? await profileFromHost(requireHost(body.fromHost), name, body.snap, body.description, body.exclusive) : { ...body, name };
  const saved = saveProfile(profile);
  await appendAudit({ action: 'profile.save', target: name, sessionId: auth.sessionId, clientAddress: auth.clientAddress, result: 'ok', changeId: null, error: null, details: { snap: saved.snap, connections: saved.connections.length, exclusive: saved.exclusive } });
  return Response.json(saved satisfies Profile);
});
