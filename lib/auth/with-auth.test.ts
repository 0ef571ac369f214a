import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// next/headers only works inside a Next request scope; the page guard reads it.
const nextRequest = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock('next/headers', () => ({
  headers: async () => nextRequest.headers,
}));
vi.mock('next/navigation', () => ({
  redirect: (url: string) => {
    throw new Error(`NEXT_REDIRECT ${url}`);
  },
  notFound: () => {
    throw new Error('NEXT_NOT_FOUND');
  },
}));

import { ApiError } from '../http/errors';
import { withAuth } from './with-auth';
import { requirePageSession } from './page-guard';
import { IDLE_TIMEOUT_MS, createSession, liveSession } from './session';
import { resetAuthState } from './login';
import { attemptGate, resetAttemptGate } from './login-gate';
import { ensureAdminToken } from './token';

const stateDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cd-with-auth-')), 'state');
process.env.CONFINEMENT_DASHBOARD_STATE_DIR = stateDir;
delete process.env.CONFINEMENT_DASHBOARD_TOKEN;
delete process.env.CONFINEMENT_DASHBOARD_TRUST_PROXY;
delete process.env.PORT;

const ORIGIN = 'http://127.0.0.1:3000';
let token = '';
let cookie = '';
let csrf = '';
let sessionId = '';

const echo = withAuth<{ name: string }>(async (_req, { auth, params }) => Response.json({ auth, params: await params }));
const ctx = { params: Promise.resolve({ name: 'firefox' }) };

function request(method: string, headers: Record<string, string> = {}, pathname = '/api/thing'): Request {
  return new Request(`${ORIGIN}${pathname}`, {
    method,
    headers: { host: '127.0.0.1:3000', ...headers },
    body: method === 'GET' || method === 'HEAD' ? undefined : '{}',
  });
}
/** A POST (or other method) as our own page sends it; '' removes a header. */
function browserPost(extra: Record<string, string> = {}, method = 'POST'): Request {
  const headers: Record<string, string> = { cookie, origin: ORIGIN, 'sec-fetch-site': 'same-origin', 'x-csrf-token': csrf, 'content-type': 'application/json', ...extra };
  return request(method, Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== '')));
}

async function errorCode(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code;
}

beforeEach(async () => {
  resetAuthState();
  token = ensureAdminToken().token;
  const created = await createSession();
  cookie = `cd_session=${created.seal}`;
  csrf = created.key;
  sessionId = created.session.id;
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});
afterAll(() => fs.rmSync(path.dirname(stateDir), { recursive: true, force: true }));

describe('withAuth: credentials', () => {
  it('401 without credentials, for every method', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      const res = await echo(request(method), ctx);
      expect(res.status, method).toBe(401);
      expect(await errorCode(res)).toBe('unauthenticated');
    }
  });

  it('passes a cookie session through with the params and the auth context', async () => {
    const res = await echo(request('GET', { cookie, 'x-csrf-token': csrf, 'x-forwarded-for': '192.0.2.4' }), ctx);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ auth: { sessionId, via: 'cookie', clientAddress: '192.0.2.4' }, params: { name: 'firefox' } });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('accepts the bearer token on /api/* — no Origin or CSRF needed — and refuses a wrong one', async () => {
    const ok = await echo(request('POST', { authorization: `Bearer ${token}`, 'content-type': 'application/json' }), ctx);
    expect(ok.status).toBe(200);
    expect((await ok.json()).auth).toMatchObject({ sessionId: 'bearer', via: 'bearer' });
    // (Each from its own address, so the failed-attempt throttle stays out of the way.)
    const wrong = ['Bearer wrong', `Basic ${token}`, 'Bearer', `Bearer ${token} extra`, `Bearer ${token.slice(1)}`];
    for (const [i, authorization] of wrong.entries()) {
      const res = await echo(request('GET', { authorization, 'x-forwarded-for': `192.0.2.${i}` }), ctx);
      expect(res.status, authorization).toBe(401);
    }
    // A wrong bearer does not fall back to a (valid) cookie.
    expect((await echo(request('GET', { authorization: 'Bearer wrong', cookie, 'x-csrf-token': csrf, 'x-forwarded-for': '192.0.2.99' }), ctx)).status).toBe(401);
  });

  it('only takes the bearer token on /api/*', async () => {
    const res = await echo(request('GET', { authorization: `Bearer ${token}` }, '/snaps'), ctx);
    expect(res.status).toBe(401);
  });

  it('holds bearer attempts while the client backs off — the right token too — and refuses a second one meanwhile (F5)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const holds: number[] = [];
    let release: () => void = () => undefined;
    resetAttemptGate({
      wait: (ms) => {
        holds.push(ms);
        return new Promise<void>((r) => (release = r));
      },
    });
    for (let i = 0; i < 5; i++) expect((await echo(request('GET', { authorization: 'Bearer wrong' }), ctx)).status).toBe(401);
    const right = echo(request('GET', { authorization: `Bearer ${token}` }), ctx);
    // While the right token waits, a guess sent alongside is refused without being evaluated.
    const guess = await echo(request('GET', { authorization: 'Bearer wrong' }), ctx);
    expect(guess.status).toBe(429);
    expect(guess.headers.get('retry-after')).toBe('1');
    expect(holds).toEqual([1000]);
    release();
    expect((await right).status).toBe(200);
  });

  it('401 for idle-expired, absolutely-expired and logged-out sessions; requests refresh the idle timer', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.parse('2026-05-01T10:00:00Z');
    vi.setSystemTime(t0);
    const s = await createSession();
    const c = `cd_session=${s.seal}`;
    vi.setSystemTime(t0 + 20 * 60_000);
    expect((await echo(request('GET', { cookie: c, 'x-csrf-token': s.key }), ctx)).status).toBe(200); // refreshes lastSeen
    vi.setSystemTime(t0 + 45 * 60_000);
    expect((await echo(request('GET', { cookie: c, 'x-csrf-token': s.key }), ctx)).status).toBe(200);
    expect(liveSession(s.session.id)?.lastSeen).toBe(t0 + 45 * 60_000);
    vi.setSystemTime(t0 + 45 * 60_000 + IDLE_TIMEOUT_MS);
    const idle = await echo(request('GET', { cookie: c, 'x-csrf-token': s.key }), ctx);
    expect(idle.status).toBe(401);
    expect((await idle.json()).error.message).toMatch(/expired/);

    vi.setSystemTime(t0);
    const s2 = await createSession();
    for (let t = t0; t < t0 + 12 * 3_600_000; t += 25 * 60_000) {
      vi.setSystemTime(t);
      expect((await echo(request('GET', { cookie: `cd_session=${s2.seal}`, 'x-csrf-token': s2.key }), ctx)).status).toBe(200);
    }
    vi.setSystemTime(t0 + 12 * 3_600_000);
    expect((await echo(request('GET', { cookie: `cd_session=${s2.seal}`, 'x-csrf-token': s2.key }), ctx)).status).toBe(401);
  });
});

describe('withAuth: Host allow-list comes first', () => {
  it('421 bad-host for a foreign Host even with valid credentials (DNS rebinding)', async () => {
    const rebinding = request('POST', {
      host: 'attacker.example:3000',
      origin: 'http://attacker.example:3000',
      'sec-fetch-site': 'same-origin',
      cookie,
      'x-csrf-token': csrf,
      'content-type': 'application/json',
    });
    const res = await echo(rebinding, ctx);
    expect(res.status).toBe(421);
    expect(await errorCode(res)).toBe('bad-host');
    expect((await echo(request('GET', { host: 'attacker.example:3000', authorization: `Bearer ${token}` }), ctx)).status).toBe(421);
  });
});

describe('withAuth: cross-site requests with the cookie', () => {
  it('accepts a same-origin POST with the CSRF token', async () => {
    expect((await echo(browserPost(), ctx)).status).toBe(200);
    // GET needs no Origin, but the request key like every cookie request (F1).
    expect((await echo(request('GET', { cookie, 'x-csrf-token': csrf }), ctx)).status).toBe(200);
  });

  it.each([
    ['a foreign Origin', { origin: 'http://attacker.example', 'sec-fetch-site': 'cross-site' }, 'cross-origin'],
    ['a foreign Origin (no fetch metadata)', { origin: 'http://attacker.example', 'sec-fetch-site': '' }, 'cross-origin'],
    ['Origin: null', { origin: 'null', 'sec-fetch-site': '' }, 'cross-origin'],
    ['no Origin and no Sec-Fetch-Site', { origin: '', 'sec-fetch-site': '' }, 'cross-origin'],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }, 'cross-origin'],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }, 'cross-origin'],
    ['a missing CSRF token', { 'x-csrf-token': '' }, 'csrf'],
    ['a forged CSRF token', { 'x-csrf-token': 'A'.repeat(43) }, 'csrf'],
  ])('403 for %s', async (_name, extra, code) => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const res = await echo(browserPost(extra, method), ctx);
      expect(res.status, method).toBe(403);
      expect(await errorCode(res)).toBe(code);
    }
  });

  it("rejects another session's CSRF token", async () => {
    const other = await createSession();
    expect((await echo(browserPost({ 'x-csrf-token': other.key }), ctx)).status).toBe(403);
  });
});

describe('withAuth: errors', () => {
  it('sends a thrown ApiError as itself and anything else as a bare 500', async () => {
    const apiError = withAuth(async () => {
      throw new ApiError(409, 'busy', 'Another change is running.', 'Wait for it.');
    });
    const res = await apiError(request('GET', { cookie, 'x-csrf-token': csrf }), ctx);
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: 'busy', message: 'Another change is running.', hint: 'Wait for it.' } });

    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const crash = withAuth(async () => {
      throw new Error('EACCES: permission denied, open /var/lib/snapd/secret');
    });
    const r500 = await crash(request('GET', { cookie, 'x-csrf-token': csrf }), ctx);
    expect(r500.status).toBe(500);
    const text = await r500.text();
    expect(text).not.toMatch(/snapd|EACCES|\/var/);
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'Internal error' } });
  });

  it('keeps an explicit Cache-Control of the handler', async () => {
    const cached = withAuth(async () => new Response('x', { headers: { 'cache-control': 'private, max-age=5' } }));
    expect((await cached(request('GET', { cookie, 'x-csrf-token': csrf }), ctx)).headers.get('cache-control')).toBe('private, max-age=5');
    const redirect = withAuth(async () => Response.redirect(`${ORIGIN}/x`, 303));
    expect((await redirect(request('GET', { cookie, 'x-csrf-token': csrf }), ctx)).headers.get('cache-control')).toBe('no-store');
  });
});

describe('requirePageSession', () => {
  it('returns the session id and CSRF token for a valid session on an allowed Host', async () => {
    nextRequest.headers = new Headers({ host: 'localhost:3000', cookie });
    // Nothing secret for the page to render: the request key is not handed out (F1).
    await expect(requirePageSession()).resolves.toEqual({ sessionId });
    // A cd_session tossed onto the path by another port's page does not hide the real one (F3).
    nextRequest.headers = new Headers({ host: 'localhost:3000', cookie: `cd_session=junk; ${cookie}` });
    await expect(requirePageSession()).resolves.toEqual({ sessionId });
  });

  it('redirects to /login without a valid session', async () => {
    nextRequest.headers = new Headers({ host: 'localhost:3000' });
    await expect(requirePageSession()).rejects.toThrow('NEXT_REDIRECT /login');
    nextRequest.headers = new Headers({ host: 'localhost:3000', cookie: 'cd_session=forged' });
    await expect(requirePageSession()).rejects.toThrow('NEXT_REDIRECT /login');
  });

  it('answers 404 to a Host outside the allow-list, session or not', async () => {
    nextRequest.headers = new Headers({ host: 'attacker.example:3000', cookie });
    await expect(requirePageSession()).rejects.toThrow('NEXT_NOT_FOUND');
  });
});

describe('withAuth: the cookie alone is not enough (F1)', () => {
  it('refuses every cookie request without the request key, reads included', async () => {
    for (const method of ['GET', 'HEAD', 'POST', 'DELETE']) {
      const headers: Record<string, string> = method === 'GET' || method === 'HEAD' ? { cookie } : { cookie, origin: ORIGIN, 'content-type': 'application/json' };
      const res = await echo(request(method, headers), ctx);
      expect(res.status, method).toBe(403);
      if (method !== 'HEAD') expect(await errorCode(res)).toBe('csrf');
    }
    // A forged Origin (trivial outside a browser) does not make up for the missing key.
    expect((await echo(browserPost({ 'x-csrf-token': '', 'sec-fetch-site': '' }), ctx)).status).toBe(403);
  });
});

describe('withAuth: tossed cookies (F3)', () => {
  it('a junk cd_session sent before the real one does not turn the API into 401s', async () => {
    const res = await echo(request('GET', { cookie: `cd_session=junk; ${cookie}`, 'x-csrf-token': csrf }), ctx);
    expect(res.status).toBe(200);
    expect((await res.json()).auth.sessionId).toBe(sessionId);
  });
});

describe('withAuth: other Authorization schemes (F12)', () => {
  it('a proxy\'s Basic header neither breaks the cookie session nor counts as a failed token', async () => {
    for (let i = 0; i < 10; i++) {
      const res = await echo(request('GET', { authorization: 'Basic dXNlcjpwYXNz', cookie, 'x-csrf-token': csrf }), ctx);
      expect(res.status).toBe(200);
    }
    expect(attemptGate().delayMs('local')).toBe(0);
    expect(attemptGate().perClient.retryAfterMs('local')).toBe(0);
    // Without a cookie it is simply not logged in.
    expect((await echo(request('GET', { authorization: 'Basic dXNlcjpwYXNz' }), ctx)).status).toBe(401);
  });
});
