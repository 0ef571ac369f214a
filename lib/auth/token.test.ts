import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readSettings } from '../config';
import { ensureAdminToken, verifyToken } from './token';
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

  it('tightens a group/other-readable token file and state directory', () => {
    const stateDir = tempStateDir();
    fs.mkdirSync(stateDir, { mode: 0o755 });
    fs.chmodSync(stateDir, 0o755);
    const file = path.join(stateDir, 'admin-token');
    fs.writeFileSync(file, `${'y'.repeat(43)}\n`, { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(ensureAdminToken(readSettings({ CONFINEMENT_DASHBOARD_STATE_DIR: stateDir })).token).toBe('y'.repeat(43));
    expect(mode(file)).toBe(0o600);
    expect(mode(stateDir)).toBe(0o700);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/readable by other users/));
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
    const token = 'env-token-0123456789abcdef';
    const got = ensureAdminToken(readSettings({ CONFINEMENT_DASHBOARD_STATE_DIR: stateDir, CONFINEMENT_DASHBOARD_TOKEN: token }));
    expect(got).toEqual({ token, created: false, source: 'env' });
    expect(fs.existsSync(stateDir)).toBe(false);
  });

  it('refuses a weak CONFINEMENT_DASHBOARD_TOKEN', () => {
    for (const token of ['short', 'has spaces in the middle of it']) {
      expect(() => ensureAdminToken(readSettings({ CONFINEMENT_DASHBOARD_STATE_DIR: tempStateDir(), CONFINEMENT_DASHBOARD_TOKEN: token }))).toThrow(/too weak/);
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
