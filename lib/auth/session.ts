import 'server-only';
import crypto from 'node:crypto';
import path from 'node:path';
import { cookies } from 'next/headers';
import { sealData, unsealData } from 'iron-session';
import { z } from 'zod';
import { settings, type Settings } from '../config';
import { appendAudit } from '../audit/log';
import { ApiError } from '../http/errors';
import { readJsonBody } from '../http/body';
import { generateSecret, readOrCreateSecretFile } from '../state/private-files';
import { SESSION_COOKIE, clientAddress, requestProtocol } from './request-checks';
import { safeEqual } from './safe-equal';
import { FailureThrottle } from './throttle';
import { verifyToken } from './token';

/**
 * Browser sessions.
 *
 * The cookie `cd_session` holds `{ id, createdAt, lastSeen, csrf }` sealed
 * (encrypted + MAC) by iron-session with a password kept in
 * `<stateDir>/session-secret`. The authority, though, is the in-memory table of
 * live sessions: a cookie is only accepted while its id is in it. That is what
 * makes logout final (a copied cookie is dead too), lets `lastSeen` move without
 * re-sending the cookie on every request, and means a restart logs everyone out
 * — acceptable, even welcome, for a single-admin tool that can run
 * `snap connect`.
 *
 * Every login creates a new id and a new CSRF token and drops the session the
 * browser came with (no fixation). Sessions end after 30 min without a request
 * or 12 h after login, whichever comes first.
 */

export { SESSION_COOKIE };
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
export const SECRET_FILE = 'session-secret';
const MAX_LIVE_SESSIONS = 32;
const MAX_COOKIE_CHARS = 4096;

/** Who is asking: what withAuth hands a route handler. */
export interface AuthContext {
  /** The session id, or `'bearer'` for token-authenticated scripts. */
  sessionId: string;
  via: 'cookie' | 'bearer';
  /** See `clientAddress()` in request-checks.ts for where this comes from. */
  clientAddress: string;
}

export interface SessionData {
  id: string;
  createdAt: number;
  lastSeen: number;
  csrf: string;
}

const sealedSchema = z.object({
  id: z.string().min(16).max(64),
  createdAt: z.number().int(),
  lastSeen: z.number().int(),
  csrf: z.string().min(32).max(128),
});

interface AuthState {
  sessions: Map<string, SessionData>;
  /** Per client address: 5 free failures, then 1 s, 2 s, 4 s … up to 15 min. */
  perAddress: FailureThrottle;
  /**
   * All addresses together: a looser budget that still bounds guessing when
   * the address is spoofable (e.g. a misconfigured TRUST_PROXY).
   */
  global: FailureThrottle;
  secret: { file: string; value: string } | null;
}

const STATE_KEY = Symbol.for('confinement-dashboard.auth-state');

function freshState(): AuthState {
  return {
    sessions: new Map(),
    perAddress: new FailureThrottle({ freeFailures: 5, baseDelaySeconds: 1, maxDelaySeconds: 15 * 60, forgetAfterMs: 60 * 60 * 1000, maxKeys: 10_000 }),
    global: new FailureThrottle({ freeFailures: 50, baseDelaySeconds: 1, maxDelaySeconds: 60, forgetAfterMs: 15 * 60 * 1000, maxKeys: 1 }),
    secret: null,
  };
}

// On globalThis: Next may load this module once per route bundle, but the process has one session table.
function state(): AuthState {
  const holder = globalThis as { [STATE_KEY]?: AuthState };
  holder[STATE_KEY] ??= freshState();
  return holder[STATE_KEY];
}

/** Forgets every session and throttle record (tests). */
export function resetAuthState(): void {
  (globalThis as { [STATE_KEY]?: AuthState })[STATE_KEY] = freshState();
}

/** The iron-session password, `<stateDir>/session-secret` (0600), created at first start. */
export function ensureSessionSecret(cfg: Settings = settings()): string {
  const file = path.join(cfg.stateDir, SECRET_FILE);
  const s = state();
  if (s.secret?.file !== file) s.secret = { file, value: readOrCreateSecretFile(file, generateSecret, 32).value };
  return s.secret.value;
}

// ---------------------------------------------------------------------------
// Throttle of failed logins (and failed bearer tokens)

const GLOBAL_KEY = '*';

/** Seconds before `address` may try a token again; 0 = now. */
export function loginRetryAfter(address: string): number {
  const s = state();
  return Math.max(s.perAddress.retryAfter(address), s.global.retryAfter(GLOBAL_KEY));
}

export function recordLoginFailure(address: string): void {
  const s = state();
  s.perAddress.fail(address);
  s.global.fail(GLOBAL_KEY);
}

export function recordLoginSuccess(address: string): void {
  state().perAddress.succeed(address);
}

export function throttledError(seconds: number): ApiError {
  return new ApiError(429, 'throttled', `Too many failed attempts. Try again in ${seconds} s.`, undefined, seconds);
}

// ---------------------------------------------------------------------------
// The session table

export type SessionLookup =
  | { ok: true; session: SessionData }
  | { ok: false; reason: 'none' | 'invalid' | 'ended' | 'expired' };

export function sessionExpiresAt(s: SessionData): number {
  return Math.min(s.lastSeen + IDLE_TIMEOUT_MS, s.createdAt + ABSOLUTE_TIMEOUT_MS);
}

function expired(s: SessionData, now: number): boolean {
  return now - s.lastSeen >= IDLE_TIMEOUT_MS || now - s.createdAt >= ABSOLUTE_TIMEOUT_MS;
}

function prune(now: number): void {
  const { sessions } = state();
  for (const [id, s] of sessions) if (expired(s, now)) sessions.delete(id);
  while (sessions.size >= MAX_LIVE_SESSIONS) {
    let oldest: SessionData | undefined;
    for (const s of sessions.values()) if (!oldest || s.lastSeen < oldest.lastSeen) oldest = s;
    if (!oldest) break;
    sessions.delete(oldest.id);
  }
}

/** Starts a session with a new random id and CSRF token; returns it and its sealed cookie value. */
export async function createSession(): Promise<{ session: SessionData; seal: string }> {
  const now = Date.now();
  prune(now);
  const session: SessionData = {
    id: crypto.randomBytes(16).toString('base64url'),
    createdAt: now,
    lastSeen: now,
    csrf: crypto.randomBytes(32).toString('base64url'),
  };
  state().sessions.set(session.id, session);
  const seal = await sealData(session, { password: ensureSessionSecret(), ttl: ABSOLUTE_TIMEOUT_MS / 1000 });
  return { session: { ...session }, seal };
}

/** Resolves a sealed cookie value to a live session. */
export async function lookupSession(seal: string | null | undefined): Promise<SessionLookup> {
  if (!seal) return { ok: false, reason: 'none' };
  if (seal.length > MAX_COOKIE_CHARS) return { ok: false, reason: 'invalid' };
  let data: unknown;
  try {
    data = await unsealData(seal, { password: ensureSessionSecret(), ttl: ABSOLUTE_TIMEOUT_MS / 1000 });
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const sealed = sealedSchema.safeParse(data);
  // iron-session answers {} for a bad MAC or an expired seal.
  if (!sealed.success) return { ok: false, reason: 'invalid' };
  const { sessions } = state();
  const live = sessions.get(sealed.data.id);
  if (!live || live.createdAt !== sealed.data.createdAt || !safeEqual(live.csrf, sealed.data.csrf)) return { ok: false, reason: 'ended' };
  if (expired(live, Date.now())) {
    sessions.delete(live.id);
    return { ok: false, reason: 'expired' };
  }
  return { ok: true, session: { ...live } };
}

/** The `cd_session` value from a Cookie header. */
export function sessionCookieValue(req: Request): string | null {
  for (const part of (req.headers.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

export function readSession(req: Request): Promise<SessionLookup> {
  return lookupSession(sessionCookieValue(req));
}

/** A live session by id (after withAuth has accepted the request), or null. */
export function liveSession(id: string): SessionData | null {
  const live = state().sessions.get(id);
  return live && !expired(live, Date.now()) ? { ...live } : null;
}

/** Records activity (idle expiry counts from the last request). */
export function touchSession(id: string): void {
  const live = state().sessions.get(id);
  if (live) live.lastSeen = Math.max(live.lastSeen, Date.now());
}

export function endSession(id: string): void {
  state().sessions.delete(id);
}

/** For server components: the session of the current request (uses `cookies()`), or null. */
export async function currentSession(): Promise<SessionData | null> {
  const jar = await cookies();
  const found = await lookupSession(jar.get(SESSION_COOKIE)?.value);
  return found.ok ? found.session : null;
}

// ---------------------------------------------------------------------------
// Cookies and the login/logout responses

function cookieAttributes(secure: boolean): string {
  return `Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export function sessionSetCookie(seal: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${seal}; Max-Age=${ABSOLUTE_TIMEOUT_MS / 1000}; ${cookieAttributes(secure)}`;
}

export function clearSessionSetCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Max-Age=0; ${cookieAttributes(secure)}`;
}

export interface SessionInfo {
  sessionId: string;
  csrf: string;
  /** ISO time at which the session ends unless used again (capped by the 12 h limit). */
  expiresAt: string;
}

export function sessionInfo(s: SessionData): SessionInfo {
  return { sessionId: s.id, csrf: s.csrf, expiresAt: new Date(sessionExpiresAt(s)).toISOString() };
}

const loginBody = z.object({ token: z.string().min(1, 'Enter the admin token.').max(1024) }).strict();

/**
 * Exchanges `{ token }` for a session cookie. The caller has checked Host and
 * same-origin; this does throttling, the token check, the audit record and
 * the cookie. Throws ApiError (400/401/413/415/429).
 */
export async function login(req: Request): Promise<Response> {
  const address = clientAddress(req);
  const { token } = await readJsonBody(req, loginBody);
  if (!verifyToken(token)) {
    // Only failures are throttled: the right token always logs in, so nobody can lock the
    // admin out by failing on purpose (the token's entropy is what stops guessing).
    const wait = loginRetryAfter(address);
    if (wait > 0) throw throttledError(wait);
    recordLoginFailure(address);
    await appendAudit({ action: 'auth.login', target: 'admin', sessionId: '-', clientAddress: address, result: 'error', changeId: null, error: 'wrong token' });
    throw new ApiError(401, 'unauthenticated', 'That token is not correct.', 'Copy the token from the login URL the server printed at start-up, or from the admin-token file in its state directory.');
  }
  recordLoginSuccess(address);
  const previous = await readSession(req);
  if (previous.ok) endSession(previous.session.id);
  const { session, seal } = await createSession();
  await appendAudit({ action: 'auth.login', target: 'admin', sessionId: session.id, clientAddress: address, result: 'ok', changeId: null, error: null });
  return Response.json(sessionInfo(session), {
    headers: { 'set-cookie': sessionSetCookie(seal, requestProtocol(req) === 'https'), 'cache-control': 'no-store' },
  });
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
  return Response.json({ ok: true }, {
    headers: { 'set-cookie': clearSessionSetCookie(requestProtocol(req) === 'https'), 'cache-control': 'no-store' },
  });
}
