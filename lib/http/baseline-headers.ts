import 'server-only';
import http from 'node:http';

/**
 * Security headers on the answers proxy.ts never sees (review F10): Next
 * itself sends 308 redirects to normalise paths (`/api/system/`, `//x`) and a
 * bare `500 Internal Server Error` when a dynamic segment is not valid
 * %-encoding (`/api/snaps/%ZZ`), before the proxy runs, and `headers()` in
 * next.config.js does not reach them either (tried: it does not).
 *
 * So the server's own response object gets a floor: just before the head of
 * any answer is written, each header below that is not set yet is added.
 * Answers that went through proxy.ts already carry all of them (with the
 * nonce'd CSP), so nothing changes for them; the floor's CSP allows nothing,
 * which is right for a redirect or an error text and safe if a page ever
 * reached the wire without the proxy (it would not run, rather than run
 * unprotected).
 */
export const BASELINE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

const INSTALLED = Symbol.for('confinement-dashboard.baseline-headers');

/** Names set by a `writeHead(status, [message], headers)` call, whose headers win over setHeader()'s. */
function namesIn(args: unknown[]): Set<string> {
  const names = new Set<string>();
  const headers = args.find((a) => typeof a === 'object' && a !== null);
  if (Array.isArray(headers)) {
    // Either [[name, value], …] or a flat [name, value, name, value, …].
    if (headers.every((h) => Array.isArray(h))) for (const h of headers as unknown[][]) names.add(String(h[0]).toLowerCase());
    else for (let i = 0; i < headers.length; i += 2) names.add(String(headers[i]).toLowerCase());
  } else if (headers) {
    for (const k of Object.keys(headers)) names.add(k.toLowerCase());
  }
  return names;
}

/** Adds the floor to `res` before its head is written (exported for the test). */
export function applyBaseline(res: http.ServerResponse, args: unknown[]): void {
  if (res.headersSent) return;
  const given = namesIn(args);
  for (const [name, value] of Object.entries(BASELINE_HEADERS)) {
    if (!given.has(name) && !res.hasHeader(name)) res.setHeader(name, value);
  }
}

/** Installs the floor once per process (instrumentation.ts, before the first request). */
export function installBaselineHeaders(): void {
  const proto = http.ServerResponse.prototype as http.ServerResponse & { [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const writeHead = proto.writeHead;
  // Every answer passes here: an explicit writeHead, or the implicit one of write()/end().
  proto.writeHead = function patchedWriteHead(this: http.ServerResponse, ...args: unknown[]) {
    applyBaseline(this, args);
    return (writeHead as (...a: unknown[]) => http.ServerResponse).apply(this, args);
  } as typeof proto.writeHead;
}
