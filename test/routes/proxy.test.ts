import { afterEach, describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';
import { proxy } from '@/proxy';
import { resetSettings } from '@/lib/config';

delete process.env.PORT;
delete process.env.CONFINEMENT_DASHBOARD_TRUST_PROXY;

function get(pathname: string, headers: Record<string, string> = {}, method = 'GET'): NextRequest {
  return new NextRequest(`http://127.0.0.1:3000${pathname}`, { method, headers: { host: '127.0.0.1:3000', ...headers } });
}

/** Request headers the proxy hands on to Next (x-middleware-override-headers + x-middleware-request-*). */
function forwarded(res: Response): Record<string, string> {
  const names = (res.headers.get('x-middleware-override-headers') ?? '').split(',').filter(Boolean);
  return Object.fromEntries(names.map((n) => [n, res.headers.get(`x-middleware-request-${n}`) ?? '']));
}

afterEach(() => {
  vi.unstubAllEnvs();
  resetSettings();
});

describe('proxy (optimistic layer)', () => {
  it('sets the security headers with a fresh nonce on every response', () => {
    const a = proxy(get('/login'));
    const b = proxy(get('/login'));
    for (const res of [a, b]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('permissions-policy')).toContain('camera=()');
    }
    const csp = a.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
    for (const d of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "style-src 'self' 'unsafe-inline'"]) expect(csp).toContain(d);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(csp).not.toBe(b.headers.get('content-security-policy'));
    // Next reads the nonce from the request's CSP header.
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(forwarded(a)['x-nonce']).toBe(nonce);
    expect(forwarded(a)['content-security-policy']).toBe(csp);
  });

  it("allows eval in development only (React's dev tooling)", () => {
    vi.stubEnv('NODE_ENV', 'development');
    expect(proxy(get('/login')).headers.get('content-security-policy')).toContain("'unsafe-eval'");
  });

  it('answers 421 to a Host outside the allow-list, API and pages alike', async () => {
    for (const p of ['/', '/api/snaps', '/login']) {
      const res = proxy(get(p, { host: 'attacker.example:3000' }));
      expect(res.status).toBe(421);
      expect((await res.json()).error.code).toBe('bad-host');
      expect(res.headers.get('content-security-policy')).toBeTruthy();
    }
  });

  it('sends page requests without a session cookie to /login, on the Host the browser used', () => {
    const res = proxy(get('/snaps/firefox', { host: 'localhost:3000' }));
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toBe('http://localhost:3000/login');
    expect(proxy(get('/snaps', { cookie: 'cd_session=x' })).status).toBe(200);
    // /metrics too: Prometheus follows no login redirect, the route answers 401 itself.
    for (const p of ['/login', '/api/snaps', '/metrics', '/_next/static/chunks/a.js', '/favicon.ico']) expect(proxy(get(p)).status, p).toBe(200);
    // Server Actions (POST to a page) are authenticated inside the action.
    expect(proxy(get('/snaps', {}, 'POST')).status).toBe(200);
  });

  it('drops client-sent forwarding headers unless a proxy is trusted', () => {
    const spoofed = { 'x-forwarded-for': '6.6.6.6', 'x-real-ip': '6.6.6.6', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', forwarded: 'for=6.6.6.6' };
    const direct = forwarded(proxy(get('/api/snaps', spoofed)));
    for (const name of Object.keys(spoofed)) expect(direct, name).not.toHaveProperty(name);
    expect(direct.host).toBe('127.0.0.1:3000');
    vi.stubEnv('CONFINEMENT_DASHBOARD_TRUST_PROXY', '1');
    resetSettings(); // settings are read once; this test changes one
    expect(forwarded(proxy(get('/api/snaps', spoofed)))['x-forwarded-for']).toBe('6.6.6.6');
  });
});

describe('proxy: Next internals a client must not drive (F11)', () => {
  it('drops x-middleware-prefetch, which would make Next answer 200 {} without running the route', () => {
    const res = proxy(get('/api/system', { 'x-middleware-prefetch': '1', authorization: 'Bearer x' }));
    const headers = forwarded(res);
    expect(Object.keys(headers)).not.toContain('x-middleware-prefetch');
    // The rest of the request goes on as sent.
    expect(headers.authorization).toBe('Bearer x');
  });
});
