import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readAudit } from '../audit/log';
import {
  ABSOLUTE_TIMEOUT_MS,
  IDLE_TIMEOUT_MS,
  SESSION_COOKIE,
  createSession,
  endSession,
  hashKey,
  lookupSession,
  readSessions,
  sessionCookieValues,
  sessionForKey,
  touchSession,
} from './session';
import { SESSIONS_FILE } from './session-store';
import { logout, resetAuthState } from './login';
import { resetSettings } from '@/lib/config';

// settings() is read lazily: setting the variables before the first test is early enough.
const stateDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cd-session-')), 'state');
process.env.CONFINEMENT_DASHBOARD_STATE_DIR = stateDir;
delete process.env.CONFINEMENT_DASHBOARD_TOKEN;
delete process.env.CONFINEMENT_DASHBOARD_TRUST_PROXY;
delete process.env.PORT;

const ORIGIN = 'http://127.0.0.1:3000';
const sessionsFile = path.join(stateDir, SESSIONS_FILE);

beforeEach(() => resetAuthState());
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  resetSettings();
});
afterAll(() => fs.rmSync(path.dirname(stateDir), { recursive: true, force: true }));

describe('the two halves of a session (F1)', () => {
  it('seals only the id and start time into the cookie; the request key is returned once and stored hashed', async () => {
    const { session, key, seal } = await createSession();
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(seal).toMatch(/^Fe26\.2\*/);
    expect(session.keyHash).toBe(hashKey(key));
    // Neither the key nor its hash is anywhere a cookie thief could look: the cookie, the table on disk.
    expect(seal).not.toContain(key);
    const onDisk = fs.readFileSync(sessionsFile, 'utf8');
    expect(onDisk).toContain(session.id);
    expect(onDisk).not.toContain(key);
    expect(fs.statSync(sessionsFile).mode & 0o777).toBe(0o600);
  });

  it('finds the session for its key only, comparing every candidate', async () => {
    const a = await createSession();
    const b = await createSession();
    const found = await readSessions(`${SESSION_COOKIE}=${a.seal}; ${SESSION_COOKIE}=${b.seal}`);
    if (!found.ok) throw new Error('expected sessions');
    expect(sessionForKey(found.sessions, b.key)?.id).toBe(b.session.id);
    expect(sessionForKey(found.sessions, a.key)?.id).toBe(a.session.id);
    expect(sessionForKey(found.sessions, 'A'.repeat(43))).toBeNull();
    expect(sessionForKey(found.sessions, null)).toBeNull();
    expect(sessionForKey([a.session], b.key)).toBeNull(); // another live session's key is not this one's
  });

  it('keeps the sealing password in <stateDir>/session-secret (0600, ≥ 32 characters)', async () => {
    await createSession();
    const file = path.join(stateDir, 'session-secret');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8').trim().length).toBeGreaterThanOrEqual(32);
  });
});

describe('several cd_session cookies (F3: cookie tossing from another port)', () => {
  it('a junk cd_session before the real one does not hide it', async () => {
    const { session, seal } = await createSession();
    // The order browsers send them when the junk one was set with path=/api by another port's page.
    const tossed = await readSessions(`${SESSION_COOKIE}=junk; other=1; ${SESSION_COOKIE}=${seal}`);
    expect(tossed).toMatchObject({ ok: true, sessions: [{ id: session.id }] });
    expect(await readSessions(`${SESSION_COOKIE}=junk`)).toEqual({ ok: false, reason: 'invalid' });
    expect(await readSessions(null)).toEqual({ ok: false, reason: 'none' });
  });

  it('unseals at most 8 values of one header', async () => {
    const { seal } = await createSession();
    const header = [...Array.from({ length: 8 }, (_, i) => `${SESSION_COOKIE}=junk${i}`), `${SESSION_COOKIE}=${seal}`].join('; ');
    expect(sessionCookieValues(header)).toHaveLength(9);
    expect((await readSessions(header)).ok).toBe(false);
  });
});

describe('sessions survive a restart (issue 15)', () => {
  it('a session created before a restart is still valid after it, with its key', async () => {
    const { session, key, seal } = await createSession();
    resetAuthState(); // what a restart does to memory; the table on disk stays
    const found = await readSessions(`${SESSION_COOKIE}=${seal}`);
    if (!found.ok) throw new Error(`not found after restart: ${found.reason}`);
    expect(sessionForKey(found.sessions, key)?.id).toBe(session.id);
  });

  it('a logout before a restart stays final after it', async () => {
    const { session, seal } = await createSession();
    await logout(new Request(`${ORIGIN}/api/auth/logout`, { method: 'POST' }), { sessionId: session.id, via: 'cookie', clientAddress: '127.0.0.1' });
    resetAuthState();
    expect(await lookupSession(seal)).toEqual({ ok: false, reason: 'ended' });
  });

  it('idle expiry counts across a restart (activity is written at most once a minute)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.parse('2026-05-01T10:00:00Z');
    vi.setSystemTime(t0);
    const { session, seal } = await createSession();
    vi.setSystemTime(t0 + 20 * 60_000);
    touchSession(session.id); // 20 min later: written
    vi.setSystemTime(t0 + 20 * 60_000 + 30_000);
    touchSession(session.id); // 30 s after that: memory only
    resetAuthState();
    vi.setSystemTime(t0 + 49 * 60_000);
    expect((await lookupSession(seal)).ok).toBe(true); // 29 min after the written activity
    resetAuthState();
    vi.setSystemTime(t0 + 20 * 60_000 + IDLE_TIMEOUT_MS);
    expect(await lookupSession(seal)).toEqual({ ok: false, reason: 'expired' });
  });

  it('a damaged or non-private table logs everyone out instead of being trusted', async () => {
    const { seal } = await createSession();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    fs.chmodSync(sessionsFile, 0o644);
    resetAuthState();
    expect(await lookupSession(seal)).toEqual({ ok: false, reason: 'ended' });
    const again = await createSession(); // rewrites the table, private again
    expect(fs.statSync(sessionsFile).mode & 0o777).toBe(0o600);
    fs.writeFileSync(sessionsFile, '{"version":1,"sessions":[{"id":"x"}]}');
    resetAuthState();
    expect(await lookupSession(again.seal)).toEqual({ ok: false, reason: 'ended' });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/not a private file/));
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/damaged/));
    warn.mockRestore();
    fs.rmSync(sessionsFile);
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

  it('ends at logout — a copy of the cookie is dead too — and the logout clears /api cookies as well', async () => {
    const { session, seal } = await createSession();
    const copy = seal;
    const res = await logout(new Request(`${ORIGIN}/api/auth/logout`, { method: 'POST' }), { sessionId: session.id, via: 'cookie', clientAddress: '127.0.0.1' });
    const cleared = res.headers.getSetCookie();
    expect(cleared).toEqual([
      'cd_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict',
      'cd_session=; Max-Age=0; Path=/api; HttpOnly; SameSite=Strict',
    ]);
    expect(await lookupSession(copy)).toEqual({ ok: false, reason: 'ended' });
    expect((await readAudit({ action: 'auth.logout', limit: 1 }))[0]).toMatchObject({ sessionId: session.id, result: 'ok' });
    endSession('unknown'); // harmless
  });
});
