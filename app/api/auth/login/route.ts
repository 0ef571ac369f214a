import { settings } from '@/lib/config';
import { checkHost, checkSameOrigin } from '@/lib/auth/request-checks';
import { errorResponse, isApiError } from '@/lib/http/errors';
import { login } from '@/lib/auth/login';
import { auditRefusal } from '@/lib/auth/with-auth';

/**
 * POST { token } → session cookie + { sessionId, csrf, expiresAt }, where
 * `csrf` is the session's request key, sent this once.
 * The only route without withAuth (it is how one gets credentials), so it
 * makes the request checks itself: Host allow-list and same-origin (no login
 * CSRF), then the attempt gate, the token, the audit record (inside login()).
 * Refusals before the token check (bad host, cross-origin, held back) are
 * audited here; a wrong token is audited by login().
 */
export async function POST(req: Request): Promise<Response> {
  try {
    checkHost(req, settings());
    checkSameOrigin(req);
    return await login(req);
  } catch (e) {
    if (!(isApiError(e) && e.status === 401)) await auditRefusal(req, e, 'auth.login');
    return errorResponse(e);
  }
}
