import { settings } from '@/lib/config';
import { checkHost, checkSameOrigin } from '@/lib/auth/request-checks';
import { errorResponse } from '@/lib/http/errors';
import { login } from '@/lib/auth/session';

/**
 * POST { token } → session cookie + { sessionId, csrf, expiresAt }.
 * The only route without withAuth (it is how one gets credentials), so it
 * makes the request checks itself: Host allow-list and same-origin (no login
 * CSRF), then throttling, the token, the audit record (inside login()).
 */
export async function POST(req: Request): Promise<Response> {
  try {
    checkHost(req, settings());
    checkSameOrigin(req);
    return await login(req);
  } catch (e) {
    return errorResponse(e);
  }
}
