import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { POST as loginPOST } from '@/app/api/auth/login/route';
import { POST as logoutPOST } from '@/app/api/auth/logout/route';
import { GET as sessionGET } from '@/app/api/auth/session/route';
import { GET as auditGET } from '@/app/api/audit/route';
import { appendAudit } from '@/lib/audit/log';
import { resetAuthState } from '@/lib/auth/session';
import { ensureAdminToken } from '@/lib/auth/token';

const stateDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cd-auth-routes-')), 'state');
process.env.CONFINEMENT_DASHBOARD_STATE_DIR = stateDir;
delete process.env.CONFINEMENT_DASHBOARD_TOKEN;
delete process.env.CONFINEMENT_DASHBOARD_TRUST_PROXY;
delete process.env.PORT;
afterAll(() => fs.rmSync(path.dirname(stateDir), { recursive: true, force: true }));

const ORIGIN = 'http://127.0.0.1:3000';
const ctx = { params: Promise.resolve({}) };
let token = '';

function call(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Request {
  return new Request(`${ORIGIN}${url}`, { method: init.method ?? 'GET', headers: { host: '127.0.0.1:3000', ...init.headers }, body: init.body });
}
function loginReq(headers: Record<string, string> = {}, candidate = token): Request {
  return call('/api/auth/login', { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json', ...headers }, body: JSON.stringify({ token: candidate }) });
}

beforeEach(() => {
  resetAuthState();
  token = ensureAdminToken().token;
});

describe('POST /api/auth/login', () => {
  it('checks Host and same-origin before looking at the token', async () => {
    const rebinding = await loginPOST(loginReq({ host: 'attacker.example:3000', origin: 'http://attacker.example:3000' }));
    expect(rebinding.status).toBe(421);
    const crossSite: Record<string, string>[] = [{ origin: 'http://attacker.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }];
    for (const headers of crossSite) {
      const res = await loginPOST(loginReq(headers));
      expect(res.status).toBe(403);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    const noOrigin = call('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    expect((await loginPOST(noOrigin)).status).toBe(403);
    const fetchMetadataOnly = call('/api/auth/login', { method: 'POST', headers: { 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    expect((await loginPOST(fetchMetadataOnly)).status).toBe(200);
  });

  it('limits the body size', async () => {
    const res = await loginPOST(call('/api/auth/login', { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json' }, body: JSON.stringify({ token: 'x'.repeat(20_000) }) }));
    expect(res.status).toBe(413);
  });
});

describe('session, logout and audit routes', () => {
  it('login → GET /api/auth/session gives the CSRF token → logout with it ends the session', async () => {
    const login = await loginPOST(loginReq());
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const loginBody = await login.json();

    const session = await sessionGET(call('/api/auth/session', { headers: { cookie } }), ctx);
    expect(session.status).toBe(200);
    const info = await session.json();
    expect(info).toEqual({ sessionId: loginBody.sessionId, csrf: loginBody.csrf, expiresAt: expect.any(String) });
    expect(Date.parse(info.expiresAt) - Date.now()).toBeGreaterThan(29 * 60_000);

    const post = (headers: Record<string, string>) =>
      logoutPOST(call('/api/auth/logout', { method: 'POST', headers: { cookie, origin: ORIGIN, 'content-type': 'application/json', ...headers }, body: '{}' }), ctx);
    expect((await post({})).status).toBe(403); // no CSRF token
    const out = await post({ 'x-csrf-token': info.csrf });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/^cd_session=; Max-Age=0/);
    expect((await sessionGET(call('/api/auth/session', { headers: { cookie } }), ctx)).status).toBe(401);
  });

  it('GET /api/auth/session with the bearer token has no CSRF token to give', async () => {
    const res = await sessionGET(call('/api/auth/session', { headers: { authorization: `Bearer ${token}` } }), ctx);
    expect(await res.json()).toEqual({ sessionId: 'bearer', csrf: null, expiresAt: null });
  });

  it('GET /api/audit returns entries newest first, filtered; unknown or bad parameters are 400', async () => {
    for (const f of fs.readdirSync(stateDir)) if (f.startsWith('audit.log')) fs.rmSync(path.join(stateDir, f));
    await appendAudit({ action: 'interface.connect', target: 'a:b c:d', sessionId: 's', clientAddress: 'local', result: 'ok', changeId: '7', error: null });
    await appendAudit({ action: 'interface.disconnect', target: 'a:b c:d', sessionId: 's', clientAddress: 'local', result: 'error', changeId: null, error: 'no' });
    const get = (query: string) => auditGET(call(`/api/audit${query}`, { headers: { authorization: `Bearer ${token}` } }), ctx);

    const all = await (await get('')).json();
    expect(all.entries.map((e: { action: string }) => e.action)).toEqual(['interface.disconnect', 'interface.connect']);
    expect((await (await get('?result=ok')).json()).entries).toHaveLength(1);
    expect((await (await get('?action=interface.connect&limit=5')).json()).entries[0].changeId).toBe('7');
    expect((await (await get(`?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).json()).entries).toEqual([]);
    for (const bad of ['?user=x', '?limit=0', '?limit=5000', '?limit=abc', '?since=yesterday', '?result=maybe', '?action=a&action=b']) {
      const res = await get(bad);
      expect(res.status, bad).toBe(400);
      expect((await res.json()).error.code).toBe('invalid-request');
    }
  });
});
