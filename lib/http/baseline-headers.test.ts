import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASELINE_HEADERS, installBaselineHeaders } from './baseline-headers';

// A real HTTP server on loopback, answering the ways Next's own early answers do.
let server: http.Server;
let base = '';

beforeAll(async () => {
  installBaselineHeaders();
  installBaselineHeaders(); // twice is harmless
  server = http.createServer((req, res) => {
    if (req.url === '/redirect') {
      res.writeHead(308, { location: '/x', Refresh: '0;url=/x' });
      res.end('/x');
    } else if (req.url === '/bare') {
      res.statusCode = 500;
      res.setHeader('content-type', 'text/plain');
      res.end('Internal Server Error');
    } else if (req.url === '/proxied') {
      // What proxy.ts has set on an answer it saw: left exactly as it is.
      res.setHeader('content-security-policy', "default-src 'self'");
      res.writeHead(200, { 'X-Frame-Options': 'SAMEORIGIN' });
      res.end('ok');
    } else {
      res.writeHead(200, ['Referrer-Policy', 'same-origin', 'content-type', 'text/plain']);
      res.end('flat');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('baseline security headers (F10)', () => {
  it.each(['/redirect', '/bare'])('%s: an answer made without them gets every one', async (p) => {
    const res = await fetch(`${base}${p}`, { redirect: 'manual' });
    for (const [name, value] of Object.entries(BASELINE_HEADERS)) expect(res.headers.get(name), name).toBe(value);
  });

  it('never overrides a header the answer already has, whichever way it was set', async () => {
    const proxied = await fetch(`${base}/proxied`);
    expect(proxied.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(proxied.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(proxied.headers.get('x-content-type-options')).toBe('nosniff');
    const flat = await fetch(`${base}/flat`);
    expect(flat.headers.get('referrer-policy')).toBe('same-origin');
    expect(flat.headers.get('x-frame-options')).toBe('DENY');
  });
});
