import 'server-only';
import { settings } from '../config';
import { ApiError, errorResponse } from '../http/errors';
import { checkCsrf, checkHost, checkSameOrigin, clientAddress, isStateChanging } from './request-checks';
import {
  loginRetryAfter,
  readSession,
  recordLoginFailure,
  recordLoginSuccess,
  throttledError,
  touchSession,
  type AuthContext,
  type SessionData,
  type SessionLookup,
} from './session';
import { verifyToken } from './token';
import { verifyMetricsToken } from './metrics-token';

/**
 * THE authentication wrapper. Every `app/**\/route.ts` handler is
 * `export const GET = withAuth(async (req, { params, auth }) => …)`, except
 * `POST /api/auth/login`; `test/routes/auth-coverage.test.ts` fails CI for a
 * route that answers without credentials.
 *
 * Order: Host allow-list (421 bad-host) → credentials (Bearer on /api/* and on
 * routes with `{ metricsToken: true }`, else the session cookie; 401 unauthenticated, 429 after repeated bad bearer
 * tokens) → for POST/PUT/PATCH/DELETE with a cookie: same-origin (403
 * cross-origin) and CSRF token (403 csrf) → handler. Anything thrown becomes
 * `errorResponse(e)`: an ApiError or domain error as its own problem, the rest
 * as a bare 500.
 */

type RouteContext<P> = { params: Promise<P> };

const LOGIN_HINT = 'Log in at /login, or send Authorization: Bearer <token> (API only).';

function unauthenticated(reason: Exclude<SessionLookup, { ok: true }>['reason'] | 'bearer'): ApiError {
  const message = {
    none: 'Not logged in.',
    invalid: 'The session cookie is not valid.',
    ended: 'This session has ended (logged out, or the server restarted).',
    expired: 'The session has expired.',
    bearer: 'The bearer token is not correct.',
  }[reason];
  return new ApiError(401, 'unauthenticated', message, LOGIN_HINT);
}

const BEARER = /^Bearer +([\x21-\x7e]+) *$/i;

export interface AuthOptions {
  /**
   * A read-only endpoint for machines (GET /metrics): Bearer credentials are read
   * wherever the route lives, and the metrics token (lib/auth/metrics-token.ts) is
   * accepted besides the admin token. No other route accepts the metrics token.
   */
  metricsToken?: boolean;
}

/** Resolves the request's credentials; throws ApiError 401/429. */
export async function authenticate(req: Request, options: AuthOptions = {}): Promise<{ auth: AuthContext; session: SessionData | null }> {
  const address = clientAddress(req);
  const authorization = req.headers.get('authorization');
  if (authorization !== null && (options.metricsToken || new URL(req.url).pathname.startsWith('/api/'))) {
    const token = BEARER.exec(authorization)?.[1];
    if (token !== undefined && options.metricsToken && verifyMetricsToken(token)) {
      recordLoginSuccess(address);
      return { auth: { sessionId: 'metrics-token', via: 'bearer', clientAddress: address }, session: null };
    }
    // The right token is never refused (else anyone could lock the admin out by failing on
    // purpose); only failures are throttled. The token's entropy is what stops guessing.
    if (token === undefined || !verifyToken(token)) {
      const wait = loginRetryAfter(address);
      if (wait > 0) throw throttledError(wait);
      recordLoginFailure(address);
      throw unauthenticated('bearer');
    }
    recordLoginSuccess(address);
    return { auth: { sessionId: 'bearer', via: 'bearer', clientAddress: address }, session: null };
  }
  const found = await readSession(req);
  if (!found.ok) throw unauthenticated(found.reason);
  return { auth: { sessionId: found.session.id, via: 'cookie', clientAddress: address }, session: found.session };
}

function noStore(res: Response): Response {
  if (res.headers.has('cache-control')) return res;
  try {
    res.headers.set('cache-control', 'no-store');
    return res;
  } catch {
    // Immutable headers (e.g. Response.redirect): copy.
    const copy = new Response(res.body, res);
    copy.headers.set('cache-control', 'no-store');
    return copy;
  }
}

export function withAuth<P = unknown>(
  handler: (req: Request, ctx: { params: Promise<P>; auth: AuthContext }) => Promise<Response>,
  options: AuthOptions = {},
): (req: Request, ctx: { params: Promise<P> }) => Promise<Response> {
  return async function authenticatedHandler(req: Request, ctx: RouteContext<P>): Promise<Response> {
    try {
      checkHost(req, settings());
      const { auth, session } = await authenticate(req, options);
      if (session) {
        if (isStateChanging(req.method)) {
          checkSameOrigin(req);
          checkCsrf(req, session);
        }
        touchSession(session.id);
      }
      const params = ctx?.params ?? Promise.resolve({} as P);
      return noStore(await handler(req, { params, auth }));
    } catch (e) {
      return errorResponse(e);
    }
  };
}
