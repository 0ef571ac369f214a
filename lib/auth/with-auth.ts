import 'server-only';
import { cookies, headers } from 'next/headers';
import { settings } from '../config';
import { ApiError, checkCsrf, checkHost, checkSameOrigin, clientAddress, errorResponse, isStateChanging } from './checks';
import {
  SESSION_COOKIE,
  lookupSession,
  loginRetryAfter,
  readSession,
  recordLoginFailure,
  recordLoginSuccess,
  throttledError,
  touchSession,
  type SessionData,
  type SessionLookup,
} from './session';
import { verifyToken } from './token';

export { ApiError, errorResponse } from './checks';

/**
 * THE authentication wrapper. Every `app/**\/route.ts` handler is
 * `export const GET = withAuth(async (req, { params, auth }) => …)`, except
 * `POST /api/auth/login`; `test/routes/auth-coverage.test.ts` fails CI for a
 * route that answers without credentials. Server Actions use `withActionAuth`.
 *
 * Order: Host allow-list (421 bad-host) → credentials (Bearer on /api/*, else
 * the session cookie; 401 unauthenticated, 429 after repeated bad bearer
 * tokens) → for POST/PUT/PATCH/DELETE with a cookie: same-origin (403
 * cross-origin) and CSRF token (403 csrf) → handler. Anything thrown becomes
 * `errorResponse(e)`: ApiError as itself, the rest as a bare 500.
 */

export interface AuthContext {
  /** The session id, or `'bearer'` for token-authenticated scripts. */
  sessionId: string;
  via: 'cookie' | 'bearer';
  /** See `clientAddress()` in checks.ts for where this comes from. */
  clientAddress: string;
}

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

/** Resolves the request's credentials; throws ApiError 401/429. */
export async function authenticate(req: Request): Promise<{ auth: AuthContext; session: SessionData | null }> {
  const address = clientAddress(req);
  const authorization = req.headers.get('authorization');
  if (authorization !== null && new URL(req.url).pathname.startsWith('/api/')) {
    const token = BEARER.exec(authorization)?.[1];
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
): (req: Request, ctx: { params: Promise<P> }) => Promise<Response> {
  return async function authenticatedHandler(req: Request, ctx: RouteContext<P>): Promise<Response> {
    try {
      checkHost(req, settings());
      const { auth, session } = await authenticate(req);
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

/**
 * The same gate for Server Actions (POSTs to a page, no Request object): Host,
 * session cookie, same-origin. Next's own action check lets a request without
 * Origin through; ours does not. There is no CSRF header on an action call, so
 * actions rely on SameSite=Strict plus this origin check — prefer route
 * handlers (with the CSRF token) for anything that touches the host.
 *
 *   'use server';
 *   export const rename = withActionAuth(async (auth, name: string) => { … });
 *
 * Throws ApiError on failure (the client sees a generic action error).
 */
export function withActionAuth<A extends unknown[], R>(action: (auth: AuthContext, ...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A): Promise<R> => {
    const h = await headers();
    const proto = h.get('x-forwarded-proto') === 'https' ? 'https' : 'http';
    const req = new Request(`${proto}://action.invalid/`, { method: 'POST', headers: new Headers(h) });
    checkHost(req, settings());
    const found = await lookupSession((await cookies()).get(SESSION_COOKIE)?.value);
    if (!found.ok) throw unauthenticated(found.reason);
    checkSameOrigin(req);
    touchSession(found.session.id);
    return action({ sessionId: found.session.id, via: 'cookie', clientAddress: clientAddress(req) }, ...args);
  };
}
