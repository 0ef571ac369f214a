import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readAudit } from '../audit/log';
import { errorResponse } from '../http/errors';
import { ABSOLUTE_TIMEOUT_MS, SESSION_COOKIE, hashKey, lookupSession } from './session';
import { login, resetAuthState } from './login';
import { resetAttemptGate } from './login-gate';
import { ensureAdminToken } from './token';
import { resetSettings } from '@/lib/config';

// settings() is read lazily: setting the variables before the first test is early enough.
const stateDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cd-login-')), 'state');
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
  it('exchanges the token for a sealed HttpOnly SameSite=Strict cookie and the request key, sent this once', async () => {
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
    expect(found).toMatchObject({ ok: true, session: { id: body.sessionId, keyHash: hashKey(body.csrf) } });
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

  it('gives a fresh id and request key at every login and ends the session the browser came with', async () => {
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

/**
 * The gate with a clock the test drives: holding an attempt for `ms` moves the
 * (faked) clock on by `ms` at once, and records how long each hold was.
 */
function instantGate(): number[] {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-05-01T10:00:00Z'));
  const holds: number[] = [];
  resetAttemptGate({
    wait: async (ms) => {
      holds.push(ms);
      vi.setSystemTime(Date.now() + ms);
    },
  });
  return holds;
}

describe('attempt gate on logins (F5)', () => {
  it('the review\'s sequence: after 5 failures every attempt waits out the back-off — the right token too', async () => {
    const holds = instantGate();
    const codes: number[] = [];
    for (let i = 0; i < 8; i++) codes.push((await respond(() => login(loginRequest(`wrong-${i}`)))).status);
    codes.push((await respond(() => login(loginRequest(token)))).status);
    // Was: 401×5, 429 429 429, then 200 at once. Now nothing is answered before its wait is over.
    expect(codes).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 200]);
    expect(holds).toEqual([1000, 2000, 4000, 8000]);
  });

  it('one held attempt per client: guesses sent alongside it are refused unevaluated, so they learn nothing', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    let release: () => void = () => undefined;
    resetAttemptGate({ wait: () => new Promise<void>((r) => (release = r)) });
    for (let i = 0; i < 5; i++) await respond(() => login(loginRequest('wrong')));
    const first = respond(() => login(loginRequest('wrong')));
    // The right token while the client's one slot is taken: 429, and the token was not looked at.
    const right = await respond(() => login(loginRequest(token)));
    expect(right.status).toBe(429);
    expect(right.headers.get('set-cookie')).toBeNull();
    expect((await right.json()).error.code).toBe('throttled');
    vi.setSystemTime(Date.now() + 1000);
    release();
    expect((await first).status).toBe(401);
  });

  it('a burst of 20 concurrent guesses: 5 evaluated, 1 held, 14 refused without being evaluated', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    let release: () => void = () => undefined;
    let held = 0;
    resetAttemptGate({
      wait: () => {
        held += 1;
        return new Promise<void>((r) => (release = r));
      },
    });
    const pending = Array.from({ length: 20 }, (_, i) => respond(() => login(loginRequest(`guess-${i}`))));
    const settled: number[] = [];
    for (const p of pending) void p.then((r) => settled.push(r.status));
    await vi.waitFor(() => expect(settled).toHaveLength(19));
    expect(held).toBe(1);
    expect(settled.filter((s) => s === 401)).toHaveLength(5);
    expect(settled.filter((s) => s === 429)).toHaveLength(14);
    vi.setSystemTime(Date.now() + 1000);
    release();
    expect((await Promise.all(pending)).filter((r) => r.status === 401)).toHaveLength(6);
  });

  it('another address keeps its own budget: one attacker does not lock the admin out', async () => {
    const holds = instantGate();
    for (let i = 0; i < 8; i++) await respond(() => login(loginRequest('wrong', { 'x-forwarded-for': '198.51.100.7' })));
    expect((await respond(() => login(loginRequest(token, { 'x-forwarded-for': '192.0.2.10' })))).status).toBe(200);
    expect(holds).toEqual([1000, 2000, 4000]); // only the attacker's own attempts waited
  });

  it('guessing spread over many (possibly spoofed) addresses meets the global back-off, which delays but never refuses', async () => {
    const holds = instantGate();
    for (let i = 0; i < 50; i++) await respond(() => login(loginRequest('wrong', { 'x-forwarded-for': `198.51.100.${i}` })));
    expect(holds).toEqual([]);
    expect((await respond(() => login(loginRequest('wrong', { 'x-forwarded-for': '203.0.113.77' })))).status).toBe(401);
    expect(holds).toEqual([1000]);
    expect((await respond(() => login(loginRequest(token, { 'x-forwarded-for': '203.0.113.78' })))).status).toBe(200);
    expect(holds).toEqual([1000, 2000]);
  });
});
