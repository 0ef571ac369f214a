import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readAudit } from '../audit/log';
import { errorResponse } from '../http/errors';
import {
  ABSOLUTE_TIMEOUT_MS,
  IDLE_TIMEOUT_MS,
  SESSION_COOKIE,
  createSession,
  endSession,
  login,
  logout,
  lookupSession,
  resetAuthState,
  touchSession,
} from './session';
import { ensureAdminToken } from './token';
import { resetSettings } from '@/lib/config';

// settings() is read lazily: setting the variables before the first test is early enough.
const stateDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cd-session-')), 'state');
process.env.CONFINEMENT_DASHBOARD_STATE_DIR = stateDir;
delete process.env.CONFINEMENT_DASHBOARD_TOKEN;
delete process.env.CONFINEMENT_DASHBOARD_TRUST_PROXY;
delete process.env.PORT;

const ORIGIN = 'http://127.0.0.1:3000';
let token = '';

function loginRequest(candidate: string, headers: Record<string, string> = {}, url = `${ORIGIN}/api/auth/login`): Request {
  return new Request(url, {
    method: 'POST',
    headers: { host: '127.0.0.1:3000', origin: ORIGIN, 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ token: candidate }),
  });
}

async function respond(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (e) {
    return errorResponse(e);
  }
}

function sealFrom(res: Response): string {
  const header = res.headers.get('set-cookie') ?? '';
  const m = new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(header);
  if (!m?.[1]) throw new Error(`no session cookie in ${header}`);
  return m[1];
}

beforeEach(() => {
  resetAuthState();
  token = ensureAdminToken().token;
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  resetSettings();
});
afterAll(() => fs.rmSync(path.dirname(stateDir), { recursive: true, force: true }));

describe('login', () => {
  it('exchanges the token for a sealed HttpOnly SameSite=Strict cookie and a CSRF token', async () => {
    const res = await respond(() => login(loginRequest(token)));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({ sessionId: expect.any(String), csrf: expect.any(String), expiresAt: expect.any(String) });
    expect(body.csrf.length).toBeGreaterThanOrEqual(43);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^cd_session=Fe26\.2\*/);
    expect(cookie).toContain('; HttpOnly');
    expect(cookie).toContain('; SameSite=Strict');
    expect(cookie).toContain('; Path=/');
    expect(cookie).toContain(`; Max-Age=${ABSOLUTE_TIMEOUT_MS / 1000}`);
    expect(cookie).not.toContain('Secure');
    expect(res.headers.get('cache-control')).toBe('no-store');
    // The cookie value is sealed, not readable: neither the id nor the CSRF token appear in clear.
    expect(cookie).not.toContain(body.csrf);
    expect(cookie).not.toContain(body.sessionId);
    const found = await lookupSession(sealFrom(res));
    expect(found).toMatchObject({ ok: true, session: { id: body.sessionId, csrf: body.csrf } });
  });

  it('keeps the sealing password in <stateDir>/session-secret (0600, ≥ 32 characters)', async () => {
    await createSession();
    const file = path.join(stateDir, 'session-secret');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8').trim().length).toBeGreaterThanOrEqual(32);
  });

  it('sets Secure over HTTPS; X-Forwarded-Proto counts only behind a trusted proxy', async () => {
    const tls = await respond(() => login(loginRequest(token, {}, 'https://127.0.0.1:3000/api/auth/login')));
    expect(tls.headers.get('set-cookie')).toContain('; Secure');
    const claimed = await respond(() => login(loginRequest(token, { 'x-forwarded-proto': 'https' })));
    expect(claimed.headers.get('set-cookie')).not.toContain('Secure');
    vi.stubEnv('CONFINEMENT_DASHBOARD_TRUST_PROXY', '1');
    resetSettings(); // settings are read once; this test changes one
    const proxied = await respond(() => login(loginRequest(token, { 'x-forwarded-proto': 'https', origin: 'https://127.0.0.1:3000' })));
    expect(proxied.headers.get('set-cookie')).toContain('; Secure');
  });

  it('gives a fresh id and CSRF token at every login and ends the session the browser came with', async () => {
    const first = await respond(() => login(loginRequest(token)));
    const firstSeal = sealFrom(first);
    const a = await first.json();
    const second = await respond(() => login(loginRequest(token, { cookie: `${SESSION_COOKIE}=${firstSeal}` })));
    const b = await second.json();
    expect(b.sessionId).not.toBe(a.sessionId);
    expect(b.csrf).not.toBe(a.csrf);
    expect(await lookupSession(firstSeal)).toEqual({ ok: false, reason: 'ended' });
    expect((await lookupSession(sealFrom(second))).ok).toBe(true);
  });

  it('answers 401 for a wrong token, 400 for an empty one or unknown fields, and audits attempts', async () => {
    const wrong = await respond(() => login(loginRequest('not-the-token')));
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.code).toBe('unauthenticated');
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect((await respond(() => login(loginRequest('')))).status).toBe(400);
    const extra = new Request(`${ORIGIN}/api/auth/login`, {
      method: 'POST',
      headers: { host: '127.0.0.1:3000', origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ token, remember: true }),
    });
    expect((await respond(() => login(extra))).status).toBe(400);
    const ok = await (await respond(() => login(loginRequest(token)))).json();

    const logins = await readAudit({ action: 'auth.login', limit: 2 });
    expect(logins[0]).toMatchObject({ result: 'ok', sessionId: ok.sessionId, target: 'admin', error: null });
    expect(logins[1]).toMatchObject({ result: 'error', sessionId: '-', error: 'wrong token' });
  });
});

describe('failed-login throttle', () => {
  it('answers wrong tokens 429 with retryAfter after 5 failures, with exponential back-off', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-05-01T10:00:00Z'));
    for (let i = 0; i < 5; i++) expect((await respond(() => login(loginRequest('wrong')))).status).toBe(401);
    const blocked = await respond(() => login(loginRequest('wrong')));
    expect(blocked.status).toBe(429);
    const body = await blocked.json();
    expect(body.error).toMatchObject({ code: 'throttled', retryAfter: 1 });
    expect(body.error.message).toMatch(/try again in 1 s/i);
    expect(blocked.headers.get('retry-after')).toBe('1');

    vi.setSystemTime(new Date('2026-05-01T10:00:01Z'));
    expect((await respond(() => login(loginRequest('wrong')))).status).toBe(401); // 6th failure: 2 s
    expect((await (await respond(() => login(loginRequest('wrong')))).json()).error.retryAfter).toBe(2);
    vi.setSystemTime(new Date('2026-05-01T10:00:03Z'));
    expect((await respond(() => login(loginRequest('wrong')))).status).toBe(401); // 7th: 4 s
    expect((await (await respond(() => login(loginRequest('wrong')))).json()).error.retryAfter).toBe(4);

    // Another address is not affected; success resets the address.
    expect((await respond(() => login(loginRequest('wrong', { 'x-forwarded-for': '192.0.2.1' })))).status).toBe(401);
    expect((await respond(() => login(loginRequest(token)))).status).toBe(200);
    expect((await respond(() => login(loginRequest('wrong')))).status).toBe(401);
  });

  it('never locks the admin out: the right token logs in while failures are being throttled', async () => {
    for (let i = 0; i < 8; i++) await respond(() => login(loginRequest('wrong')));
    expect((await respond(() => login(loginRequest('wrong')))).status).toBe(429);
    expect((await respond(() => login(loginRequest(token)))).status).toBe(200);
  });

  it('also limits guessing spread over many (possibly spoofed) addresses', async () => {
    for (let i = 0; i < 50; i++) await respond(() => login(loginRequest('wrong', { 'x-forwarded-for': `198.51.100.${i}` })));
    const res = await respond(() => login(loginRequest('wrong', { 'x-forwarded-for': '203.0.113.77' })));
    expect(res.status).toBe(429);
    expect((await respond(() => login(loginRequest(token, { 'x-forwarded-for': '203.0.113.78' })))).status).toBe(200);
  });
});

describe('session lifetime', () => {
  it('expires after 30 min idle; activity keeps it alive', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-05-01T10:00:00Z'));
    const { session, seal } = await createSession();
    vi.setSystemTime(new Date('2026-05-01T10:29:00Z'));
    expect((await lookupSession(seal)).ok).toBe(true);
    touchSession(session.id);
    vi.setSystemTime(new Date('2026-05-01T10:58:00Z'));
    expect((await lookupSession(seal)).ok).toBe(true);
    vi.setSystemTime(new Date(Date.parse('2026-05-01T10:29:00Z') + IDLE_TIMEOUT_MS));
    expect(await lookupSession(seal)).toEqual({ ok: false, reason: 'expired' });
    // Gone for good, even if the clock went back.
    vi.setSystemTime(new Date('2026-05-01T10:30:00Z'));
    expect((await lookupSession(seal)).ok).toBe(false);
  });

  it('expires 12 h after login however active it is', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.parse('2026-05-01T08:00:00Z');
    vi.setSystemTime(start);
    const { session, seal } = await createSession();
    for (let t = start; t < start + ABSOLUTE_TIMEOUT_MS - 60_000; t += 20 * 60_000) {
      vi.setSystemTime(t);
      expect((await lookupSession(seal)).ok).toBe(true);
      touchSession(session.id);
    }
    vi.setSystemTime(start + ABSOLUTE_TIMEOUT_MS);
    expect((await lookupSession(seal)).ok).toBe(false);
  });

  it('rejects a tampered or foreign cookie', async () => {
    const { seal } = await createSession();
    const tampered = seal.replace(/\*(.)/, (_m, c: string) => `*${c === 'a' ? 'b' : 'a'}`);
    expect(await lookupSession(tampered)).toMatchObject({ ok: false });
    expect(await lookupSession('garbage')).toEqual({ ok: false, reason: 'invalid' });
    expect(await lookupSession('x'.repeat(5000))).toEqual({ ok: false, reason: 'invalid' });
    expect(await lookupSession(undefined)).toEqual({ ok: false, reason: 'none' });
  });

  it('ends at logout — a copy of the cookie is dead too — and at restart', async () => {
    const { session, seal } = await createSession();
    const copy = seal;
    const res = await logout(new Request(`${ORIGIN}/api/auth/logout`, { method: 'POST' }), { sessionId: session.id, via: 'cookie', clientAddress: '127.0.0.1' });
    expect(res.headers.get('set-cookie')).toMatch(/^cd_session=; Max-Age=0; Path=\/; HttpOnly; SameSite=Strict/);
    expect(await lookupSession(copy)).toEqual({ ok: false, reason: 'ended' });
    expect((await readAudit({ action: 'auth.logout', limit: 1 }))[0]).toMatchObject({ sessionId: session.id, result: 'ok' });

    const other = await createSession();
    resetAuthState(); // what a restart does
    expect(await lookupSession(other.seal)).toEqual({ ok: false, reason: 'ended' });
    endSession('unknown'); // harmless
  });
});
