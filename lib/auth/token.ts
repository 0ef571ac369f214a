import 'server-only';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { settings, type Settings } from '../config';
import { safeEqual } from './checks';

/**
 * The single admin's login token: `CONFINEMENT_DASHBOARD_TOKEN`, or else a
 * random one kept in `<stateDir>/admin-token` (0600, directory 0700), created at
 * first start. Rotating it = deleting the file (or changing the variable) and
 * restarting; the value is cached for the life of the process.
 */

export const TOKEN_FILE = 'admin-token';
/** Shortest token accepted from the environment. */
export const MIN_ENV_TOKEN_LENGTH = 16;

function errno(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
}

/**
 * Creates `dir` (0700) if needed and makes sure it is a directory owned by us
 * and closed to group and others; secrets and the audit log live there.
 */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = fs.lstatSync(dir);
  if (!st.isDirectory()) throw new Error(`The state directory ${dir} is not a directory.`);
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) {
    throw new Error(`The state directory ${dir} belongs to uid ${st.uid}, not to this user (uid ${uid}); refusing to keep secrets there.`);
  }
  if ((st.mode & 0o077) !== 0) fs.chmodSync(dir, 0o700);
}

function readSecretFile(file: string, minLength: number): string {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new Error(`${file} is not a regular file.`);
    if ((st.mode & 0o077) !== 0) {
      fs.fchmodSync(fd, 0o600);
      console.warn(`[confinement-dashboard] ${file} was readable by other users; its mode is now 0600. Consider the secret in it exposed and delete the file to get a new one.`);
    }
    const value = fs.readFileSync(fd, 'utf8').trim();
    if (value.length < minLength) throw new Error(`${file} is damaged (too short). Delete it and restart to create a new one.`);
    return value;
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Returns the secret kept in `file`, creating it with `generate()` when missing.
 * Creation never exposes a half-written file: the value goes to a private temp
 * file (0600, fsync), which is then hard-linked into place; `link` fails if
 * another process created the file meanwhile, and then that one wins.
 */
export function readOrCreateSecretFile(file: string, generate: () => string, minLength: number): { value: string; created: boolean } {
  ensurePrivateDir(path.dirname(file));
  try {
    return { value: readSecretFile(file, minLength), created: false };
  } catch (e) {
    if (errno(e) !== 'ENOENT') throw e;
  }
  const value = generate();
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeSync(fd, `${value}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  let created = true;
  try {
    fs.linkSync(tmp, file);
  } catch (e) {
    if (errno(e) !== 'EEXIST') throw e;
    created = false;
  } finally {
    fs.unlinkSync(tmp);
  }
  if (!created) return { value: readSecretFile(file, minLength), created: false };
  fsyncDir(path.dirname(file));
  return { value, created: true };
}

/** 32 random bytes, base64url (43 characters). */
export function generateSecret(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export interface AdminToken {
  token: string;
  /** True only for the call that created the file. */
  created: boolean;
  source: 'env' | 'file';
}

let cached: { key: string; token: string; source: 'env' | 'file' } | null = null;

export function ensureAdminToken(cfg: Settings = settings()): AdminToken {
  const key = cfg.tokenFromEnv !== null ? `env:${cfg.tokenFromEnv}` : `file:${cfg.stateDir}`;
  if (cached?.key === key) return { token: cached.token, created: false, source: cached.source };
  if (cfg.tokenFromEnv !== null) {
    const token = cfg.tokenFromEnv.trim();
    if (token.length < MIN_ENV_TOKEN_LENGTH || /\s/.test(token)) {
      throw new Error(
        `CONFINEMENT_DASHBOARD_TOKEN is too weak: use at least ${MIN_ENV_TOKEN_LENGTH} characters without spaces ` +
          '(for example the output of `openssl rand -base64 32`), or unset it to let the dashboard create one.',
      );
    }
    cached = { key, token, source: 'env' };
    return { token, created: false, source: 'env' };
  }
  const { value, created } = readOrCreateSecretFile(path.join(cfg.stateDir, TOKEN_FILE), generateSecret, 32);
  cached = { key, token: value, source: 'file' };
  return { token: value, created, source: 'file' };
}

/** Constant-time check of a presented token against the admin token. */
export function verifyToken(candidate: string): boolean {
  if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > 1024) return false;
  return safeEqual(candidate, ensureAdminToken().token);
}
