import 'server-only';
import { settings } from '../config';
import { ApiError, errorResponse, isApiError } from '../http/errors';
import { attemptGate } from './login-gate';
import { refusalAudit } from './refusal-audit';
import { checkCsrf, checkHost, checkSameOrigin, clientAddress, isStateChanging } from './request-checks';
import { readSessions, sessionForKey, touchSession, type AuthContext, type SessionData, type SessionLookup } from './session';
import { verifyToken } from './token';
import { verifyMetricsToken } from './metrics-token';

/**
 * THE authentication wrapper. Every `app/**\/route.ts` handler is
 * `export const GET = withAuth(async (req, { params, auth }) => …)`, except
 * `POST /api/auth/login`; `test/routes/auth-coverage.test.ts` fails CI for a
 * route that answers without credentials.
 *
 * Order: Host allow-list (421 bad-host) → credentials (Bearer on /api/* and on routes
 * with `{ metricsToken: true }`, else
 * the session cookie; 401 unauthenticated, 429 while bearer attempts are held
 * back) → with the cookie: for POST/PUT/PATCH/DELETE same-origin (403
 * cross-origin), and for every method the session's request key in
 * `x-csrf-token` (403 csrf: the cookie alone reaches other ports, the key does
 * not) → handler. Refusals are audited (rate-limited, refusal-audit.ts).
 * Anything thrown becomes `errorResponse(e)`: an ApiError or domain error as
 * its own problem, the rest as a bare 500.
 */

type RouteContext<P> = { params: Promise<P> };

const LOGIN_HINT = 'Log in at /login, or send Authorization: Bearer <token> (API only).';

type Reason = Exclude<SessionLookup, { ok: true }>['reason'] | 'bearer';
/** Why a 401 was sent, for the audit decision (not sent to the client beyond the message). */
const reasons = new WeakMap<ApiError, Reason>();

function unauthenticated(reason: Reason): ApiError {
  const message = {
    none: 'Not logged in.',
    invalid: 'The session cookie is not valid.',
    ended: 'This session has ended (logged out, or replaced by a newer login).',
    expired: 'The session has expired.',
    bearer: 'The bearer token is not correct.',
  }[reason];
  const e = new ApiError(401, 'unauthenticated', message, LOGIN_HINT);
  reasons.set(e, reason);
  return e;
}

/** `Bearer <token>`; any other scheme (e.g. a proxy's `Basic`) is not ours and is ignored (F12). */
const BEARER_SCHEME = /^\s*bearer(?:\s|$)/i;
const BEARER = /^\s*Bearer +([\x21-\x7e]+) *$/i;

export interface AuthOptions {
  /**
   * A read-only endpoint for machines (GET /metrics): Bearer credentials are read
   * wherever the route lives, and the metrics token (lib/auth/metrics-token.ts) is
   * accepted besides the admin token. No other route accepts the metrics token.
   */
  metricsToken?: boolean;
}

export interface AuthOptions {
  /**
   * A read-only endpoint for machines (GET /metrics): Bearer credentials are read
   * wherever the route lives, and the metrics token (lib/auth/metrics-token.ts) is
   * accepted besides the admin token. No other route accepts the metrics token.
   */
  metricsToken?: boolean;
}

/** Resolves the request's credentials; throws ApiError 401/429. */
export async function authenticate(req: Request, options: AuthOptions = {}): Promise<{ auth: AuthContext; sessions: SessionData[] | null }> {
  const address = clientAddress(req);
  const authorization = req.headers.get('authorization');
  if (authorization !== null && BEARER_SCHEME.test(authorization) && (options.metricsToken || new URL(req.url).pathname.startsWith('/api/'))) {
    const token = BEARER.exec(authorization)?.[1];
    if (token !== undefined && options.metricsToken && verifyMetricsToken(token)) {
      return { auth: { sessionId: 'metrics-token', via: 'bearer', clientAddress: address }, sessions: null };
    }
    const gate = attemptGate();
    // Held while this client backs off, right token or wrong (login-gate.ts). No await when
    // nothing is held: from the gate to the failure count stays synchronous, so a burst of
    // concurrent guesses cannot all pass the gate before the first failure is counted.
    const held = gate.admit(address);
    if (held) await held;
    if (token === undefined || !verifyToken(token)) {
      gate.failed(address);
      throw unauthenticated('bearer');
    }
    gate.succeeded(address);
    return { auth: { sessionId: 'bearer', via: 'bearer', clientAddress: address }, sessions: null };
  }
  const found = await readSessions(req.headers.get('cookie'));
  if (!found.ok) throw unauthenticated(found.reason);
  return { auth: { sessionId: found.sessions[0]!.id, via: 'cookie', clientAddress: address }, sessions: found.sessions };
}

/** Which refusals go to the audit log: all but a read that simply has no live session (a tab left open). */
function worthAuditing(req: Request, e: ApiError): boolean {
  if (![401, 403, 421, 429].includes(e.status)) return false;
  if (e.status !== 401) return true;
  const reason = reasons.get(e);
  return reason === 'bearer' || reason === 'invalid' || isStateChanging(req.method);
}

/** Writes a refusal to the audit log (rate-limited); never lets the audit turn the refusal into a 500. */
export async function auditRefusal(req: Request, e: unknown, action = 'auth.refused'): Promise<void> {
  if (!isApiError(e) || !worthAuditing(req, e)) return;
  try {
    await refusalAudit().record({
      action,
      clientAddress: clientAddress(req),
      code: e.code,
      status: e.status,
      method: req.method,
      path: new URL(req.url).pathname,
      sessionId: '-',
      error: e.message,
    });
  } catch (err) {
    console.error('[confinement-dashboard] cannot write a refusal to the audit log:', err);
  }
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
      const { auth, sessions } = await authenticate(req, options);
      let caller = auth;
      if (sessions) {
        if (isStateChanging(req.method)) checkSameOrigin(req);
        const session = checkCsrf(req, (key) => sessionForKey(sessions, key));
        touchSession(session.id);
        caller = { ...auth, sessionId: session.id };
      }
      const params = ctx?.params ?? Promise.resolve({} as P);
      return noStore(await handler(req, { params, auth: caller }));
    } catch (e) {
      await auditRefusal(req, e);
      return errorResponse(e);
    }
  };
}
