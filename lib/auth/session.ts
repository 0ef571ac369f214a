import 'server-only';
import crypto from 'node:crypto';
import path from 'node:path';
import { headers } from 'next/headers';
import { sealData, unsealData } from 'iron-session';
import { z } from 'zod';
import { settings, type Settings } from '../config';
import { generateSecret, readOrCreateSecretFile } from '../state/private-files';
import { SESSION_COOKIE } from './request-checks';
import { safeEqual } from './safe-equal';
import { loadSessions, saveSessions } from './session-store';

/**
 * Browser sessions: two halves, neither enough on its own.
 *
 * - The cookie `cd_session` holds `{ id, createdAt }` sealed (encrypted + MAC)
 *   by iron-session with `<stateDir>/session-secret`. Browsers send it to
 *   *every* port of the host (cookies are not port-scoped, RFC 6265 §8.5), so
 *   any other web app on 127.0.0.1 the admin visits receives it (review F1).
 * - The request key, 32 random bytes handed out once, in the login response,
 *   and kept by the page in the origin's localStorage, which browsers *do*
 *   isolate by port. Every cookie-authenticated API request must carry it in
 *   `x-csrf-token` (GETs too). It is never served again, never rendered into a
 *   page and never put in the cookie; the server keeps only its SHA-256.
 *
 * The authority is the session table (persisted, see session-store.ts): a
 * cookie is only accepted while its id is in it, so logout is final (a copied
 * cookie is dead too) and survives restarts. Every login creates a new id and
 * key and drops the session the browser came with (no fixation). Sessions end
 * after 30 min without a request or 12 h after login, whichever comes first.
 */

export { SESSION_COOKIE };
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
export const SECRET_FILE = 'session-secret';
const MAX_LIVE_SESSIONS = 32;
const MAX_COOKIE_CHARS = 4096;
/** More `cd_session` values than this in one Cookie header are not even unsealed (tossed cookies, F3). */
const MAX_COOKIE_VALUES = 8;
/** lastSeen is written to disk at most this often per session: a restart can make idle expiry come this much early. */
const PERSIST_LAST_SEEN_MS = 60 * 1000;

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
  /** base64url SHA-256 of the request key. */
  keyHash: string;
}

const sealedSchema = z.object({ id: z.string().min(16).max(64), createdAt: z.number().int() });

interface SessionState {
  /** Loaded from `dir` on first use. */
  table: { dir: string; sessions: Map<string, SessionData>; savedLastSeen: Map<string, number> } | null;
  secret: { file: string; value: string } | null;
}

const STATE_KEY = Symbol.for('confinement-dashboard.session-state');

// On globalThis: Next may load this module once per route bundle, but the process has one session table.
function state(): SessionState {
  const holder = globalThis as { [STATE_KEY]?: SessionState };
  holder[STATE_KEY] ??= { table: null, secret: null };
  return holder[STATE_KEY];
}

/** Forgets what this process holds in memory, as a restart does (tests); the table on disk stays. */
export function resetSessionMemory(): void {
  (globalThis as { [STATE_KEY]?: SessionState })[STATE_KEY] = { table: null, secret: null };
}

function table(): Map<string, SessionData> {
  const s = state();
  const dir = settings().stateDir;
  if (s.table?.dir !== dir) {
    const sessions = new Map(loadSessions(dir).map((row) => [row.id, { ...row }]));
    s.table = { dir, sessions, savedLastSeen: new Map([...sessions.values()].map((x) => [x.id, x.lastSeen])) };
  }
  return s.table.sessions;
}

function persist(): void {
  const t = state().table;
  if (!t) return;
  saveSessions(t.dir, t.sessions.values());
  t.savedLastSeen = new Map([...t.sessions.values()].map((x) => [x.id, x.lastSeen]));
}

/** The iron-session password, `<stateDir>/session-secret` (0600), created at first start. */
export function ensureSessionSecret(cfg: Settings = settings()): string {
  const file = path.join(cfg.stateDir, SECRET_FILE);
  const s = state();
  if (s.secret?.file !== file) s.secret = { file, value: readOrCreateSecretFile(file, generateSecret, 32).value };
  return s.secret.value;
}

export function hashKey(key: string): string {
  return crypto.createHash('sha256').update(key, 'utf8').digest('base64url');
}

export type SessionLookup =
  | { ok: true; session: SessionData }
  | { ok: false; reason: 'none' | 'invalid' | 'ended' | 'expired' };

export function sessionExpiresAt(s: SessionData): number {
  return Math.min(s.lastSeen + IDLE_TIMEOUT_MS, s.createdAt + ABSOLUTE_TIMEOUT_MS);
}

function expired(s: SessionData, now: number): boolean {
  return now - s.lastSeen >= IDLE_TIMEOUT_MS || now - s.createdAt >= ABSOLUTE_TIMEOUT_MS;
}

function prune(sessions: Map<string, SessionData>, now: number): void {
  for (const [id, s] of sessions) if (expired(s, now)) sessions.delete(id);
  while (sessions.size >= MAX_LIVE_SESSIONS) {
    let oldest: SessionData | undefined;
    for (const s of sessions.values()) if (!oldest || s.lastSeen < oldest.lastSeen) oldest = s;
    if (!oldest) break;
    sessions.delete(oldest.id);
  }
}

/** Starts a session with a new random id and request key; the key is returned here and never again. */
export async function createSession(): Promise<{ session: SessionData; key: string; seal: string }> {
  const now = Date.now();
  const sessions = table();
  prune(sessions, now);
  const key = crypto.randomBytes(32).toString('base64url');
  const session: SessionData = { id: crypto.randomBytes(16).toString('base64url'), createdAt: now, lastSeen: now, keyHash: hashKey(key) };
  sessions.set(session.id, session);
  persist();
  const seal = await sealData({ id: session.id, createdAt: session.createdAt }, { password: ensureSessionSecret(), ttl: ABSOLUTE_TIMEOUT_MS / 1000 });
  return { session: { ...session }, key, seal };
}

/** Resolves one sealed cookie value to a live session. */
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
  const sessions = table();
  const live = sessions.get(sealed.data.id);
  if (!live || live.createdAt !== sealed.data.createdAt) return { ok: false, reason: 'ended' };
  if (expired(live, Date.now())) {
    sessions.delete(live.id);
    persist();
    return { ok: false, reason: 'expired' };
  }
  return { ok: true, session: { ...live } };
}

/**
 * Every `cd_session` value of a Cookie header, in order. A page on another
 * port can add its own `cd_session` (with a longer path, so it comes first):
 * taking only the first value let it log the admin out of every API call (F3).
 */
export function sessionCookieValues(cookieHeader: string | null): string[] {
  const out: string[] = [];
  for (const part of (cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      if (value) out.push(value);
    }
  }
  return out;
}

export type SessionsLookup = { ok: true; sessions: SessionData[] } | Exclude<SessionLookup, { ok: true }>;

/** The live sessions among the request's cookie values (usually one); else why there is none. */
export async function readSessions(cookieHeader: string | null): Promise<SessionsLookup> {
  const values = sessionCookieValues(cookieHeader).slice(0, MAX_COOKIE_VALUES);
  if (values.length === 0) return { ok: false, reason: 'none' };
  const found = await Promise.all(values.map((v) => lookupSession(v)));
  const sessions = found.flatMap((f) => (f.ok ? [f.session] : []));
  if (sessions.length > 0) return { ok: true, sessions };
  // The most telling reason: expired/ended (a real session of ours) before invalid (junk).
  const order = ['expired', 'ended', 'invalid', 'none'] as const;
  const reasons = new Set(found.map((f) => (f.ok ? 'none' : f.reason)));
  return { ok: false, reason: order.find((r) => reasons.has(r)) ?? 'invalid' };
}

/** The session whose request key is `key` (constant-time compare), or null. */
export function sessionForKey(sessions: SessionData[], key: string | null): SessionData | null {
  if (!key || key.length > 256) return null;
  const presented = hashKey(key);
  // Compare against every candidate (no early exit), so timing does not tell which one matched.
  let match: SessionData | null = null;
  for (const s of sessions) if (safeEqual(presented, s.keyHash) && !match) match = s;
  return match;
}

/** A live session by id (after withAuth has accepted the request), or null. */
export function liveSession(id: string): SessionData | null {
  const live = table().get(id);
  return live && !expired(live, Date.now()) ? { ...live } : null;
}

/** Records activity (idle expiry counts from the last request); on disk at most once a minute. */
export function touchSession(id: string): void {
  const live = table().get(id);
  if (!live) return;
  live.lastSeen = Math.max(live.lastSeen, Date.now());
  const saved = state().table?.savedLastSeen.get(id) ?? 0;
  if (live.lastSeen - saved >= PERSIST_LAST_SEEN_MS) persist();
}

export function endSession(id: string): void {
  if (table().delete(id)) persist();
}

/** For server components: the first live session among the request's cookies, or null. */
export async function currentSession(): Promise<SessionData | null> {
  // headers() rather than cookies(): cookies().get() sees only one of several `cd_session` values.
  const found = await readSessions((await headers()).get('cookie'));
  return found.ok ? (found.sessions[0] ?? null) : null;
}

// ---------------------------------------------------------------------------
// Cookies

function cookieAttributes(secure: boolean, cookiePath = '/'): string {
  return `Path=${cookiePath}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export function sessionSetCookie(seal: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${seal}; Max-Age=${ABSOLUTE_TIMEOUT_MS / 1000}; ${cookieAttributes(secure)}`;
}

/** Clears our cookie, and a `cd_session` tossed onto `/api` by another port's page (F3). */
export function clearSessionSetCookies(secure: boolean): string[] {
  return ['/', '/api'].map((p) => `${SESSION_COOKIE}=; Max-Age=0; ${cookieAttributes(secure, p)}`);
}

export interface SessionInfo {
  sessionId: string;
  /** ISO time at which the session ends unless used again (capped by the 12 h limit). */
  expiresAt: string;
}

/** What may be said about a session to whoever holds it: never its key. */
export function sessionInfo(s: SessionData): SessionInfo {
  return { sessionId: s.id, expiresAt: new Date(sessionExpiresAt(s)).toISOString() };
}
