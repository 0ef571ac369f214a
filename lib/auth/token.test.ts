import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readSettings } from '../config';
import { ensureAdminToken, estimateTokenBits, verifyToken } from './token';
import { ensurePrivateDir, readOrCreateSecretFile } from '../state/private-files';

const dirs: string[] = [];
function tempStateDir(): string {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-token-'));
  dirs.push(base);
  return path.join(base, 'state'); // not created yet: ensureAdminToken creates it
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  vi.restoreAllMocks();
});

const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe('ensureAdminToken', () => {
  it('creates a 32-byte base64url token in <stateDir>/admin-token (0600, directory 0700) once', () => {
    const stateDir = tempStateDir();
    const cfg = readSettings({ CONFINEMENT_DASHBOARD_STATE_DIR: stateDir });
    const first = ensureAdminToken(cfg);
    expect(first).toMatchObject({ created: true, source: 'file' });
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(first.token, 'base64url')).toHaveLength(32);
    const file = path.join(stateDir, 'admin-token');
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(first.token);
    expect(mode(file)).toBe(0o600);
    expect(mode(stateDir)).toBe(0o700);
    expect(fs.readdirSync(stateDir)).toEqual(['admin-token']); // no temp file left behind

    const again = ensureAdminToken(cfg);
    expect(again).toEqual({ token: first.token, created: false, source: 'file' });
  });

  it('keeps an existing file across restarts', () => {
    const stateDir = tempStateDir();
    const created = readOrCreateSecretFile(path.join(stateDir, 'admin-token'), () => 'x'.repeat(43), 32);
    expect(created.created).toBe(true);
    const read = ensureAdminToken(readSettings({ CONFINEMENT_DASHBOARD_STATE_DIR: stateDir }));
    expect(read).toEqual({ token: 'x'.repeat(43), created: false, source: 'file' });
  });

  it('refuses a token file others could read, says how to fix it, and tightens the state directory (F14)', () => {
    const stateDir = tempStateDir();
    fs.mkdirSync(stateDir, { mode: 0o755 });
    fs.chmodSync(stateDir, 0o755);
    const file = path.join(stateDir, 'admin-token');
    fs.writeFileSync(file, `${'y'.repeat(43)}\n`, { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    let message = '';
    try {
      ensureAdminToken(readSettings({ CONFINEMENT_DASHBOARD_STATE_DIR: stateDir }));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(`${file} is readable or writable by other users (mode 0644)`);
    expect(message).toContain(`rm ${file}`);
    expect(mode(file)).toBe(0o644); // left as found: nothing pretends the secret is safe now
    expect(mode(stateDir)).toBe(0o700);
    // After the printed fix, a fresh token is created.
    fs.rmSync(file);
    const fresh = ensureAdminToken(readSettings({ CONFINEMENT_DASHBOARD_STATE_DIR: stateDir }));
    expect(fresh.created).toBe(true);
    expect(fresh.token).not.toBe('y'.repeat(43));
  });

  it('refuses a damaged (too short) token file instead of accepting a weak token', () => {
    const stateDir = tempStateDir();
    fs.mkdirSync(stateDir, { recursive: true });
    fs.writeFileSync(path.join(stateDir, 'admin-token'), '\n', { mode: 0o600 });
    expect(() => ensureAdminToken(readSettings({ CONFINEMENT_DASHBOARD_STATE_DIR: stateDir }))).toThrow(/damaged/);
  });

  it('refuses a symlink in place of the token file', () => {
    const stateDir = tempStateDir();
    fs.mkdirSync(stateDir, { recursive: true });
    const elsewhere = path.join(path.dirname(stateDir), 'elsewhere');
    fs.writeFileSync(elsewhere, 'z'.repeat(43));
    fs.symlinkSync(elsewhere, path.join(stateDir, 'admin-token'));
    expect(() => ensureAdminToken(readSettings({ CONFINEMENT_DASHBOARD_STATE_DIR: stateDir }))).toThrow(/ELOOP|symbolic/i);
  });

  it('uses CONFINEMENT_DASHBOARD_TOKEN instead, without touching the state directory', () => {
    const stateDir = tempStateDir();
    const token = crypto.randomBytes(32).toString('base64');
    const got = ensureAdminToken(readSettings({ CONFINEMENT_DASHBOARD_STATE_DIR: stateDir, CONFINEMENT_DASHBOARD_TOKEN: token }));
    expect(got).toEqual({ token, created: false, source: 'env' });
    expect(fs.existsSync(stateDir)).toBe(false);
  });

  // F5: any 16 characters used to pass; a guessable token makes every throttle moot.
  it.each([
    ['short', 'short'],
    ['with spaces', 'has spaces in the middle of it but is long enough'],
    ['the review\'s 29 characters', 'review-token-0123456789abcdef'],
    ['the old e2e token', 'e2e-admin-token-0123456789abcdef'],
    ['18 random base64url characters (108 bits)', crypto.randomBytes(16).toString('base64url').slice(0, 18)],
    ['a repeated character', 'a'.repeat(64)],
    ['two characters alternating', 'ab'.repeat(40)],
    ['a keyboard run', 'abcdefghijklmnopqrstuvwxyz0123456789'],
  ])('refuses a weak CONFINEMENT_DASHBOARD_TOKEN: %s', (_name, token) => {
    expect(() => ensureAdminToken(readSettings({ CONFINEMENT_DASHBOARD_STATE_DIR: tempStateDir(), CONFINEMENT_DASHBOARD_TOKEN: token }))).toThrow(
      /too weak: it needs at least 128 bits.*openssl rand -base64 32/,
    );
  });

  it('accepts what the advice generates, over many draws (no false refusals)', () => {
    for (let i = 0; i < 300; i++) {
      for (const token of [crypto.randomBytes(32).toString('base64'), crypto.randomBytes(32).toString('hex'), crypto.randomBytes(24).toString('base64url')]) {
        expect(estimateTokenBits(token), token).toBeGreaterThanOrEqual(128);
      }
    }
  });

  it('ensurePrivateDir refuses a path that is not a directory', () => {
    const stateDir = tempStateDir();
    fs.mkdirSync(path.dirname(stateDir), { recursive: true });
    fs.writeFileSync(stateDir, '');
    expect(() => ensurePrivateDir(stateDir)).toThrow();
  });
});

describe('verifyToken', () => {
  it('accepts exactly the admin token (settings from the environment)', () => {
    const stateDir = tempStateDir();
    vi.stubEnv('CONFINEMENT_DASHBOARD_STATE_DIR', stateDir);
    const { token } = ensureAdminToken(readSettings({ CONFINEMENT_DASHBOARD_STATE_DIR: stateDir }));
    expect(verifyToken(token)).toBe(true);
    expect(verifyToken(`${token}x`)).toBe(false);
    expect(verifyToken(token.slice(0, -1))).toBe(false);
    expect(verifyToken('')).toBe(false);
    expect(verifyToken('a'.repeat(5000))).toBe(false);
    vi.unstubAllEnvs();
  });
});
