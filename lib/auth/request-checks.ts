import 'server-only';
import net from 'node:net';
import { settings, type Settings } from '../config';
import { ApiError } from '../http/errors';

/**
 * Checks on an incoming request, shared by `withAuth`, the login route, the
 * page guard and the proxy: Host allow-list, same-origin, CSRF, the client's
 * address. They work on a plain `Request` (or plain strings), so they are
 * unit-testable without a Next request scope.
 */

/** The session cookie's name (here rather than in session.ts so proxy.ts need not load the session code). */
export const SESSION_COOKIE = 'cd_session';

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
export function clientAddress(req: Request, trusted: boolean = settings().trustProxy): string {
  const entries = (req.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (trusted) {
    return normaliseAddress(entries.at(-1)) ?? normaliseAddress(req.headers.get('x-real-ip')) ?? 'unknown';
  }
  if (entries.length === 1) return normaliseAddress(entries[0]) ?? 'unknown';
  return entries.length === 0 ? 'local' : 'unknown';
}

/** `https` when the request came over TLS: `x-forwarded-proto` only from a trusted proxy, else the URL's protocol. */
export function requestProtocol(req: Request, trusted: boolean = settings().trustProxy): 'http' | 'https' {
  if (trusted) {
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
export function checkSameOrigin(req: Request, trusted: boolean = settings().trustProxy): void {
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
  const expected = `${requestProtocol(req, trusted)}://${host ?? ''}`.toLowerCase();
  if (origin.trim().toLowerCase() !== expected) {
    throw crossOrigin('Cross-origin request refused.');
  }
}

export const CSRF_HEADER = 'x-csrf-token';

/**
 * The request key (`x-csrf-token`) must be the one of a session the cookie
 * names; `match` finds that session (constant time, session.ts) or null. The
 * key was handed to the page once, at login, and is kept in the origin's
 * localStorage: a cookie received by another port's server does not come with
 * it, so the cookie alone reads and changes nothing (review F1). It is also
 * what stops CSRF: a cross-site form or fetch cannot set the header.
 */
export function checkCsrf<T>(req: Request, match: (key: string | null) => T | null): T {
  const token = req.headers.get(CSRF_HEADER);
  const found = token ? match(token) : null;
  if (found === null) {
    throw new ApiError(
      403,
      'csrf',
      token ? 'The request key does not match this session.' : 'The request key is missing.',
      'Log in again in this browser: pages keep the key they got at login, and the session cookie alone is not enough. Scripts send Authorization: Bearer <token>.',
    );
  }
  return found;
}
