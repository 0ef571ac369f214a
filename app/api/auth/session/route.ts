import { withAuth } from '@/lib/auth/with-auth';
import { liveSession, sessionInfo } from '@/lib/auth/session';

/**
 * GET → { sessionId, csrf, expiresAt } for the calling browser session; client
 * code sends `csrf` as the x-csrf-token header on every POST/PUT/PATCH/DELETE.
 * Bearer callers need no CSRF token: { sessionId: 'bearer', csrf: null, expiresAt: null }.
 */
export const GET = withAuth(async (_req, { auth }) => {
  const session = auth.via === 'cookie' ? liveSession(auth.sessionId) : null;
  if (!session) return Response.json({ sessionId: auth.sessionId, csrf: null, expiresAt: null });
  return Response.json(sessionInfo(session));
});
