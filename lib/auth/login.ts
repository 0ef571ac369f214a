import 'server-only';
import { z } from 'zod';
import { appendAudit } from '../audit/log';
import { ApiError } from '../http/errors';
import { readJsonBody } from '../http/body';
import { attemptGate, resetAttemptGate } from './login-gate';
import { refusalAudit, resetRefusalAudit } from './refusal-audit';
import { clientAddress, requestProtocol } from './request-checks';
import { clearSessionSetCookies, createSession, endSession, readSessions, resetSessionMemory, sessionInfo, sessionSetCookie, type AuthContext } from './session';
import { verifyToken } from './token';

const loginBody = z.object({ token: z.string().min(1, 'Enter the admin token.').max(1024) }).strict();

/**
 * Exchanges `{ token }` for a session cookie, and answers the session's
 * request key (`csrf`) — the only time it is ever sent. The caller has checked
 * Host and same-origin; this does the attempt gate, the token check, the
 * audit record and the cookie. Throws ApiError (400/401/413/415/429).
 */
export async function login(req: Request): Promise<Response> {
  const address = clientAddress(req);
  const { token } = await readJsonBody(req, loginBody);
  const gate = attemptGate();
  // Held (right token or wrong) while this client backs off: see login-gate.ts. No await when
  // nothing is held, so a burst of concurrent guesses cannot all pass before a failure counts.
  const held = gate.admit(address);
  if (held) await held;
  if (!verifyToken(token)) {
    gate.failed(address);
    await refusalAudit().record({
      action: 'auth.login',
      clientAddress: address,
      code: 'unauthenticated',
      status: 401,
      method: req.method,
      path: new URL(req.url).pathname,
      sessionId: '-',
      error: 'wrong token',
    });
    throw new ApiError(401, 'unauthenticated', 'That token is not correct.', 'Copy the token from the admin-token file in the state directory the server named at start-up.');
  }
  gate.succeeded(address);
  const previous = await readSessions(req.headers.get('cookie'));
  if (previous.ok) for (const s of previous.sessions) endSession(s.id);
  const { session, key, seal } = await createSession();
  await appendAudit({ action: 'auth.login', target: 'admin', sessionId: session.id, clientAddress: address, result: 'ok', changeId: null, error: null });
  const headers = new Headers({ 'cache-control': 'no-store' });
  headers.append('set-cookie', sessionSetCookie(seal, requestProtocol(req) === 'https'));
  // `csrf` is the request key: the page keeps it in localStorage, which other ports cannot read.
  return Response.json({ ...sessionInfo(session), csrf: key }, { headers });
}

/** Ends the caller's cookie session (a bearer caller has none) and clears the cookie. */
export async function logout(req: Request, auth: AuthContext): Promise<Response> {
  if (auth.via === 'cookie') endSession(auth.sessionId);
  await appendAudit({
    action: 'auth.logout',
    target: 'admin',
    sessionId: auth.sessionId,
    clientAddress: auth.clientAddress,
    result: auth.via === 'cookie' ? 'ok' : 'unchanged',
    changeId: null,
    error: null,
  });
  const headers = new Headers({ 'cache-control': 'no-store' });
  for (const c of clearSessionSetCookies(requestProtocol(req) === 'https')) headers.append('set-cookie', c);
  return Response.json({ ok: true }, { headers });
}

/**
 * Forgets what the process holds in memory — sessions (the table on disk
 * stays, as across a restart), the attempt gate, the refusal counters. Tests.
 */
export function resetAuthState(): void {
  resetSessionMemory();
  resetAttemptGate();
  resetRefusalAudit();
}
