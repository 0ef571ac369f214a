import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { POST as loginPOST } from '@/app/api/auth/login/route';
import { POST as logoutPOST } from '@/app/api/auth/logout/route';
import { GET as sessionGET } from '@/app/api/auth/session/route';
import { GET as auditGET } from '@/app/api/audit/route';
import { appendAudit } from '@/lib/audit/log';
import { resetAuthState } from '@/lib/auth/login';
import { refusalAudit } from '@/lib/auth/refusal-audit';
import { readAudit } from '@/lib/audit/log';
import { GET as snapsGET } from '@/app/api/snaps/route';
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
  it('login gives the request key once → GET /api/auth/session never serves it → logout with it ends the session', async () => {
    const login = await loginPOST(loginReq());
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const loginBody = await login.json();
    expect(loginBody.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const key = { 'x-csrf-token': loginBody.csrf as string };

    const session = await sessionGET(call('/api/auth/session', { headers: { cookie, ...key } }), ctx);
    expect(session.status).toBe(200);
    const info = await session.json();
    expect(info).toEqual({ sessionId: loginBody.sessionId, expiresAt: expect.any(String) });
    expect(Date.parse(info.expiresAt) - Date.now()).toBeGreaterThan(29 * 60_000);

    const post = (headers: Record<string, string>) =>
      logoutPOST(call('/api/auth/logout', { method: 'POST', headers: { cookie, origin: ORIGIN, 'content-type': 'application/json', ...headers }, body: '{}' }), ctx);
    expect((await post({})).status).toBe(403); // no request key
    const out = await post(key);
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie()).toEqual([expect.stringMatching(/^cd_session=; Max-Age=0; Path=\/;/), expect.stringMatching(/^cd_session=; Max-Age=0; Path=\/api;/)]);
    expect((await sessionGET(call('/api/auth/session', { headers: { cookie, ...key } }), ctx)).status).toBe(401);
  });

  // The review's F1 reproduction, step 3: whoever received the cookie from the admin's browser
  // (another web app on 127.0.0.1) tries it without a browser, forging Origin at will.
  it('a stolen cookie alone gets neither the key nor data nor a change (F1)', async () => {
    const login = await loginPOST(loginReq());
    const stolen = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrf: key } = await login.json();
    const probe = await sessionGET(call('/api/auth/session', { headers: { cookie: stolen } }), ctx);
    expect(probe.status).toBe(403);
    expect(await probe.text()).not.toContain(key);
    expect((await snapsGET(call('/api/snaps', { headers: { cookie: stolen } }), ctx)).status).toBe(403);
    const change = await logoutPOST(call('/api/auth/logout', { method: 'POST', headers: { cookie: stolen, origin: ORIGIN, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' }, body: '{}' }), ctx);
    expect(change.status).toBe(403);
  });

  it('GET /api/auth/session with the bearer token has no key to give', async () => {
    const res = await sessionGET(call('/api/auth/session', { headers: { authorization: `Bearer ${token}` } }), ctx);
    expect(await res.json()).toEqual({ sessionId: 'bearer', expiresAt: null });
  });

  it('login refusals are audited: cross-origin, bad host, wrong token — a flood as one line and a count (F6)', async () => {
    const before = (await readAudit({ action: 'auth.login', limit: 1000 })).length;
    expect((await loginPOST(loginReq({ origin: 'https://evil.example' }))).status).toBe(403);
    expect((await loginPOST(loginReq({ host: 'attacker.example:3000', origin: 'http://attacker.example:3000' }))).status).toBe(421);
    for (let i = 0; i < 4; i++) expect((await loginPOST(loginReq({}, `wrong-${i}`))).status).toBe(401);
    const lines = (await readAudit({ action: 'auth.login', limit: 1000 })).slice(0, -before || undefined);
    expect(lines.map((l) => l.details?.code).sort()).toEqual(['bad-host', 'cross-origin', 'unauthenticated']);
    await refusalAudit().flush();
    const [summary] = await readAudit({ action: 'auth.login', limit: 1 });
    expect(summary).toMatchObject({ target: 'repeated refusals', result: 'error', details: { suppressed: 3, code: 'unauthenticated' } });
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
