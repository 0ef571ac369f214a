import 'server-only';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Files only the dashboard's user may read: the state directory (0700) and the
 * secrets in it (0600), written so that nobody ever sees half a file. The admin
 * token, the session secret and the audit log all live here.
 */

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

export function readSecretFile(file: string, minLength: number): string {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new Error(`${file} is not a regular file.`);
    if ((st.mode & 0o077) !== 0) {
      // Someone else may already have read it: tightening the mode and going on would keep a
      // possibly leaked secret in use (review F14). Refuse, and say how to get a fresh one.
      throw new Error(
        `${file} is readable or writable by other users (mode ${(st.mode & 0o777).toString(8).padStart(4, '0')}): the secret in it may be exposed, so it is not used. ` +
          `Delete it (rm ${file}) and start again to create a new one.`,
      );
    }
    const value = fs.readFileSync(fd, 'utf8').trim();
    if (value.length < minLength) throw new Error(`${file} is damaged (too short). Delete it and restart to create a new one.`);
    return value;
  } finally {
    fs.closeSync(fd);
  }
}

export function fsyncDir(dir: string): void {
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

/**
 * Replaces the secret in `file` with `value` (rotation): written to a private
 * temp file, fsynced, then renamed over the old one, so a reader sees the old
 * secret or the new one, never half of either.
 */
export function replaceSecretFile(file: string, value: string): void {
  ensurePrivateDir(path.dirname(file));
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeSync(fd, `${value}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}

/** 32 random bytes, base64url (43 characters). */
export function generateSecret(): string {
  return crypto.randomBytes(32).toString('base64url');
}


/** A file of the dashboard's own state as text; null when it does not exist yet. */
export function readStateFile(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (errno(e) === 'ENOENT') return null;
    throw e;
  }
}

/**
 * Writes a file of the dashboard's own state whole (0600, a temporary file renamed over it), in
 * the private state directory `dir`: a reader never sees half a file.
 */
export function writeStateFile(dir: string, file: string, text: string): void {
  ensurePrivateDir(dir);
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  try {
    fs.writeFileSync(tmp, text, { mode: 0o600 });
    fs.renameSync(tmp, file);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
