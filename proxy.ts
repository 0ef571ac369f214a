import { NextResponse, type NextRequest } from 'next/server';
import { settings } from '@/lib/config';
import { SESSION_COOKIE, hostAllowed, requestProtocol } from '@/lib/auth/request-checks';

/**
 * Optimistic, not an auth boundary (CVE-2025-29927 showed a proxy can be
 * skipped; Server Actions bypass a matcher): every route handler is wrapped in
 * withAuth and every page calls requirePageSession(). This file only
 *
 * - sets the security headers on every response, with a fresh CSP nonce per
 *   request (Next reads the nonce from the request's CSP header and puts it on
 *   its own scripts, so pages must render dynamically — requirePageSession()
 *   makes them so);
 * - answers 421 to a Host outside the allow-list (DNS rebinding);
 * - drops the client's own X-Forwarded-* / X-Real-IP / Forwarded headers unless
 *   CONFINEMENT_DASHBOARD_TRUST_PROXY=1, so Next fills X-Forwarded-For with the
 *   socket's address and clientAddress() can use it;
 * - sends page requests without a session cookie to /login;
 * - drops `x-middleware-prefetch`, which would make Next skip the route.
 * Answers Next makes before this runs (its 308 path redirects, the 500 for a
 * malformed %-escape) get baseline headers from lib/http/baseline-headers.ts.
 *
 * No matcher: it runs on every request, static files included, so no path is
 * left without the headers.
 */

const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-port', 'x-forwarded-proto', 'x-real-ip'];

function contentSecurityPolicy(nonce: string, dev: boolean, https: boolean): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts loaded by our nonce'd scripts are trusted; no inline script runs without the nonce.
    // React needs eval in development only (error overlays, refresh).
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // 'unsafe-inline' for styles: server-rendered style="" attributes (React style props, e.g. the virtualised
    // lists) cannot carry a nonce, and a nonce here would disable 'unsafe-inline'. CSS cannot run script;
    // Tailwind itself is a static stylesheet.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Only over HTTPS: on a plain-HTTP LAN address it would break every sub-resource.
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

function secure(response: NextResponse, csp: string): NextResponse {
  const h = response.headers;
  h.set('Content-Security-Policy', csp);
  h.set('X-Content-Type-Options', 'nosniff');
  h.set('Referrer-Policy', 'no-referrer');
  h.set('X-Frame-Options', 'DENY');
  h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
  h.set('Cross-Origin-Opener-Policy', 'same-origin');
  h.set('Cross-Origin-Resource-Policy', 'same-origin');
  return response;
}

function isPageRequest(request: NextRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.nextUrl.pathname;
  // /metrics is for Prometheus (Bearer, no cookie): its route answers 401 itself rather than a redirect.
  if (path === '/login' || path === '/metrics' || path.startsWith('/api/') || path.startsWith('/_next/')) return false;
  // Files from public/ (favicon.ico, images): no page has a dot in its last segment.
  return !(path.split('/').pop() ?? '').includes('.');
}

export function proxy(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === 'development', requestProtocol(request) === 'https');

  if (!hostAllowed(request.headers.get('host'), settings())) {
    return secure(
      NextResponse.json({ error: { code: 'bad-host', message: 'This server does not answer to that host name.' } }, { status: 421 }),
      csp,
    );
  }

  if (isPageRequest(request) && !request.cookies.has(SESSION_COOKIE)) {
    // Next needs an absolute Location; build it from the Host the browser used (just allow-listed),
    // so the login cookie lands on the same origin.
    const login = `${requestProtocol(request)}://${request.headers.get('host')}/login`;
    return secure(NextResponse.redirect(login, 307), csp);
  }

  const requestHeaders = new Headers(request.headers);
  if (!settings().trustProxy) for (const name of FORWARDING_HEADERS) requestHeaders.delete(name);
  // Next answers any request carrying this header `200 {}` without running the route or page
  // (a middleware-prefetch shortcut in base-server): monitoring would read "up" and a client
  // "done" when nothing ran (review F11). Our pages never send it; drop it so the route runs.
  requestHeaders.delete('x-middleware-prefetch');
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);
  return secure(NextResponse.next({ request: { headers: requestHeaders } }), csp);
}
