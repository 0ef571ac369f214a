import { withAuth } from '@/lib/auth/with-auth';
import { liveSession, sessionInfo } from '@/lib/auth/session';

/**
 * GET → { sessionId, expiresAt } for the calling browser session. The request
 * key is not served here (nor anywhere but the login response): whoever holds
 * only the cookie must not be able to fetch it (review F1).
 * Bearer callers: { sessionId: 'bearer', expiresAt: null }.
 */
export const GET = withAuth(async (_req, { auth }) => {
  const session = auth.via === 'cookie' ? liveSession(auth.sessionId) : null;
  if (!session) return Response.json({ sessionId: auth.sessionId, expiresAt: null });
  return Response.json(sessionInfo(session));
});
