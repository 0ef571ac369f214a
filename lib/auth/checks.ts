import 'server-only';
import crypto from 'node:crypto';
import net from 'node:net';
import type { z } from 'zod';
import type { Settings } from '../config';

/**
 * Request checks shared by `withAuth`, the login route, the page guard and the
 * proxy. Everything here works on a plain `Request` (or plain strings) so it is
 * unit-testable without a Next request scope.
 */

/** The session cookie's name (here rather than in session.ts so proxy.ts need not load the session code). */
export const SESSION_COOKIE = 'cd_session';

// ---------------------------------------------------------------------------
// Errors

const API_ERROR = Symbol.for('confinement-dashboard.ApiError');

/** An error whose message is meant for the client, with the HTTP status to send. */
export class ApiError extends Error {
  readonly [API_ERROR] = true;
  constructor(
    public status: number,
    public code: string,
    message: string,
    public hint?: string,
    /** Seconds; sent as `Retry-After` and `error.retryAfter` (429). */
    public retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** `instanceof` plus a brand, so an ApiError from a duplicated module instance still counts. */
export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError || (typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[API_ERROR] === true);
}

const NO_STORE = { 'cache-control': 'no-store' };

/**
 * ApiError → `{ error: { code, message, hint? } }` with its status. Anything
 * else is logged here, server-side, and the client only learns "Internal
 * error": no stack, no host paths, no command lines.
 */
export function errorResponse(e: unknown): Response {
  if (isApiError(e)) {
    const error: Record<string, unknown> = { code: e.code, message: e.message };
    if (e.hint) error.hint = e.hint;
    const headers: Record<string, string> = { ...NO_STORE };
    if (e.retryAfter !== undefined) {
      error.retryAfter = e.retryAfter;
      headers['retry-after'] = String(e.retryAfter);
    }
    return Response.json({ error }, { status: e.status, headers });
  }
  console.error('[confinement-dashboard] unhandled error in a request handler:', e);
  return Response.json({ error: { code: 'internal', message: 'Internal error' } }, { status: 500, headers: NO_STORE });
}

// ---------------------------------------------------------------------------
// Small helpers

/** Constant-time string comparison. Both sides are hashed first, so the length leaks nothing either. */
export function safeEqual(a: string, b: string): boolean {
  const ha = crypto.createHash('sha256').update(a, 'utf8').digest();
  const hb = crypto.createHash('sha256').update(b, 'utf8').digest();
  return crypto.timingSafeEqual(ha, hb);
}

function flag(value: string | undefined): boolean {
  return value === '1' || value === 'true' || value === 'yes';
}

/** `CONFINEMENT_DASHBOARD_TRUST_PROXY=1`: a reverse proxy in front of us sets X-Forwarded-For/-Proto. */
export function trustProxy(env: NodeJS.ProcessEnv = process.env): boolean {
  return flag(env.CONFINEMENT_DASHBOARD_TRUST_PROXY);
}

export function isStateChanging(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}

function normaliseAddress(value: string | undefined | null): string | null {
  if (!value) return null;
  let v = value.trim();
  if (v.startsWith('[') && v.endsWith(']')) v = v.slice(1, -1);
  if (v.toLowerCase().startsWith('::ffff:') && net.isIPv4(v.slice(7))) v = v.slice(7);
  return net.isIP(v) ? v.toLowerCase() : null;
}

/**
 * The client's address, for the audit log and the login throttle.
 *
 * Route handlers never see the socket. What they see instead:
 * - Next's own server fills `x-forwarded-for` with the socket's address, but
 *   only when the request did not carry one (`??=` in base-server);
 * - so without a trusted proxy, `proxy.ts` deletes whatever forwarding headers
 *   the client sent, and the single value left is the socket address;
 * - with `CONFINEMENT_DASHBOARD_TRUST_PROXY=1` the right-most entry is the one
 *   our proxy appended (entries further left are the client's own claims).
 * A value that is not an IP address (or several values without a trusted
 * proxy: proxy.ts was bypassed) gives `'unknown'`: we never record or key the
 * throttle on a name the client made up.
 */
export function clientAddress(req: Request, env: NodeJS.ProcessEnv = process.env): string {
  const entries = (req.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (trustProxy(env)) {
    return normaliseAddress(entries.at(-1)) ?? normaliseAddress(req.headers.get('x-real-ip')) ?? 'unknown';
  }
  if (entries.length === 1) return normaliseAddress(entries[0]) ?? 'unknown';
  return entries.length === 0 ? 'local' : 'unknown';
}

/** `https` when the request came over TLS: `x-forwarded-proto` only from a trusted proxy, else the URL's protocol. */
export function requestProtocol(req: Request, env: NodeJS.ProcessEnv = process.env): 'http' | 'https' {
  if (trustProxy(env)) {
    const proto = req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
    if (proto === 'https' || proto === 'http') return proto;
  }
  return new URL(req.url).protocol === 'https:' ? 'https' : 'http';
}

// ---------------------------------------------------------------------------
// Host allow-list (DNS rebinding)

interface HostParts {
  name: string;
  port: number | null;
}

/** Parses a Host header (`name`, `name:port`, `[v6]`, `[v6]:port`); null when malformed. */
export function parseHost(value: string): HostParts | null {
  const v = value.trim().toLowerCase();
  let name: string;
  let rest: string;
  if (v.startsWith('[')) {
    const end = v.indexOf(']');
    if (end < 0) return null;
    name = v.slice(0, end + 1);
    rest = v.slice(end + 1);
    if (!net.isIPv6(name.slice(1, -1))) return null;
  } else {
    const colon = v.indexOf(':');
    if (colon !== v.lastIndexOf(':')) return null; // a bare IPv6 literal is not a valid Host
    name = colon < 0 ? v : v.slice(0, colon);
    rest = colon < 0 ? '' : v.slice(colon);
    if (!/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)*$/.test(name)) return null;
  }
  if (rest === '') return { name, port: null };
  const m = /^:(\d{1,5})$/.exec(rest);
  const port = m ? Number(m[1]) : NaN;
  if (!Number.isInteger(port) || port < 1 || port > 65535) return null;
  return { name, port };
}

function bracketed(address: string): string {
  return net.isIPv6(address) ? `[${address.toLowerCase()}]` : address.toLowerCase();
}

const WILDCARD_BINDS = new Set(['0.0.0.0', '::', '[::]', '']);

/**
 * Accepted Host values: the bound address, `localhost`, `127.0.0.1` and `[::1]`
 * with the bound port; plus `CONFINEMENT_DASHBOARD_ALLOWED_HOSTS` entries, which
 * match exactly when they carry a port and with any port when they don't (a
 * reverse proxy's public port is not ours). A wildcard bind (`0.0.0.0`) adds no
 * name: list the names clients use.
 */
export function hostAllowed(hostHeader: string | null, cfg: Pick<Settings, 'bindAddress' | 'port' | 'allowedHosts'>): boolean {
  if (!hostHeader) return false;
  const host = parseHost(hostHeader);
  if (!host) return false;
  const defaults = new Set(['localhost', '127.0.0.1', '[::1]']);
  const bind = cfg.bindAddress.trim().toLowerCase();
  if (!WILDCARD_BINDS.has(bind)) defaults.add(bracketed(bind.replace(/^\[|\]$/g, '')));
  // No port in Host means the scheme's default port.
  const portMatches = host.port === null ? cfg.port === 80 || cfg.port === 443 : host.port === cfg.port;
  if (defaults.has(host.name) && portMatches) return true;
  for (const entry of cfg.allowedHosts) {
    const allowed = parseHost(entry);
    if (!allowed || allowed.name !== host.name) continue;
    if (allowed.port === null || allowed.port === host.port) return true;
  }
  return false;
}

export function checkHost(req: Request, cfg: Pick<Settings, 'bindAddress' | 'port' | 'allowedHosts'>): void {
  if (!hostAllowed(req.headers.get('host'), cfg)) {
    throw new ApiError(
      421,
      'bad-host',
      'This server does not answer to that host name.',
      'Open the dashboard at the address it printed at start-up, or add the name to CONFINEMENT_DASHBOARD_ALLOWED_HOSTS.',
    );
  }
}

// ---------------------------------------------------------------------------
// Cross-site request checks

function crossOrigin(message: string): ApiError {
  return new ApiError(403, 'cross-origin', message, 'Use the dashboard from its own pages; scripts send Authorization: Bearer <token> instead of the cookie.');
}

/**
 * A state-changing request made with the session cookie must come from one of
 * our own pages: `Sec-Fetch-Site`, when sent, must be `same-origin`; `Origin`,
 * when sent, must equal this request's own origin (scheme + Host, and Host has
 * already passed the allow-list, which is what defeats DNS rebinding: the
 * attacker's Origin then matches its Host but the Host is not ours). Without
 * Origin, `Sec-Fetch-Site: same-origin` is required. `Origin: null` (sandboxed
 * frames, some redirects) is rejected.
 */
export function checkSameOrigin(req: Request, env: NodeJS.ProcessEnv = process.env): void {
  const site = req.headers.get('sec-fetch-site');
  if (site !== null && site.toLowerCase() !== 'same-origin') {
    throw crossOrigin(`Cross-site request refused (Sec-Fetch-Site: ${site.toLowerCase() === 'same-site' ? 'same-site' : 'cross-site'}).`);
  }
  const origin = req.headers.get('origin');
  if (origin === null) {
    if (site !== null) return; // Sec-Fetch-Site: same-origin, set by the browser
    throw crossOrigin('Request refused: it carries neither Origin nor Sec-Fetch-Site.');
  }
  const host = req.headers.get('host');
  const expected = `${requestProtocol(req, env)}://${host ?? ''}`.toLowerCase();
  if (origin.trim().toLowerCase() !== expected) {
    throw crossOrigin('Cross-origin request refused.');
  }
}

export const CSRF_HEADER = 'x-csrf-token';

/** The `x-csrf-token` header must equal the session's token (constant time). */
export function checkCsrf(req: Request, session: { csrf: string }): void {
  const token = req.headers.get(CSRF_HEADER);
  if (!token || !safeEqual(token, session.csrf)) {
    throw new ApiError(
      403,
      'csrf',
      token ? 'The CSRF token does not match this session.' : 'The CSRF token is missing.',
      'Send the token from GET /api/auth/session in the x-csrf-token header; reload the page if the session was renewed.',
    );
  }
}

// ---------------------------------------------------------------------------
// JSON bodies

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, 'too-large', `The request body is larger than ${maxBytes} bytes.`);
}

/**
 * Reads a JSON body: `Content-Type: application/json` (else 415), at most
 * `maxBytes` (413, checked on `Content-Length` and again while reading, so a
 * chunked body cannot get round it), valid UTF-8 JSON (400 `bad-json`), and the
 * schema (400 `invalid-request` with zod's message; use `.strict()` schemas so
 * unknown fields are refused).
 */
export async function readJsonBody<S extends z.ZodType>(req: Request, schema: S, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<z.output<S>> {
  const type = req.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ApiError(415, 'unsupported-media-type', 'The request body must be JSON (Content-Type: application/json).');
  }
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }

  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ApiError(400, 'bad-json', size === 0 ? 'The request body is empty.' : 'The request body is not valid JSON.');
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const message = parsed.error.issues
      .slice(0, 3)
      .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
      .join('; ');
    throw new ApiError(400, 'invalid-request', message || 'The request body is not valid.');
  }
  return parsed.data;
}

// ---------------------------------------------------------------------------
// Failed-login throttle

export interface ThrottleOptions {
  /** Failures allowed before the back-off starts. */
  freeFailures: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** A key's failures are forgotten this long after its last failure. */
  forgetAfterMs: number;
  /** Bound on remembered keys (addresses), so spraying addresses cannot exhaust memory. */
  maxKeys: number;
}

interface ThrottleEntry {
  failures: number;
  blockedUntil: number;
  lastFailure: number;
}

/**
 * In-memory exponential back-off: after `freeFailures` failures a key must wait
 * base·2^(failures−freeFailures) seconds (capped) before the next attempt is
 * even evaluated.
 */
export class FailureThrottle {
  private readonly entries = new Map<string, ThrottleEntry>();

  constructor(
    private readonly options: ThrottleOptions,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Seconds until `key` may try again; 0 when it may try now. */
  retryAfter(key: string): number {
    const entry = this.live(key);
    if (!entry) return 0;
    const ms = entry.blockedUntil - this.now();
    return ms > 0 ? Math.ceil(ms / 1000) : 0;
  }

  fail(key: string): void {
    const now = this.now();
    const entry = this.live(key) ?? { failures: 0, blockedUntil: 0, lastFailure: now };
    entry.failures += 1;
    entry.lastFailure = now;
    const over = entry.failures - this.options.freeFailures;
    if (over >= 0) {
      const delay = Math.min(this.options.baseDelaySeconds * 2 ** over, this.options.maxDelaySeconds);
      entry.blockedUntil = now + delay * 1000;
    }
    this.entries.delete(key); // re-insert: Map order = least recently failed first
    this.entries.set(key, entry);
    while (this.entries.size > this.options.maxKeys) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  succeed(key: string): void {
    this.entries.delete(key);
  }

  private live(key: string): ThrottleEntry | undefined {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.lastFailure > this.options.forgetAfterMs && this.now() >= entry.blockedUntil) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
