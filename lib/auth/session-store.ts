import 'server-only';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ensurePrivateDir, fsyncDir } from '../state/private-files';

/**
 * The session table on disk: `<stateDir>/sessions.json` (0600, in the 0700
 * state directory), so a restart (an upgrade, systemd restarting the service)
 * does not log the admin out, and a logout stays final across restarts.
 *
 * What is stored is what the server needs to *check* a session, nothing that
 * lets anyone *use* one: the id, the times, and a SHA-256 of the request key
 * (the key itself lives only in the browser; see session.ts). The cookie seal
 * needs `session-secret` as well, so a copy of this file alone is no login.
 *
 * Writes are whole-file and atomic (temp file, fsync, rename, fsync of the
 * directory): a crash leaves the old table or the new one, never half of one.
 * A file that is missing, damaged or not private is treated as an empty table
 * (everyone logs in again) — the safe way to fail.
 */

export const SESSIONS_FILE = 'sessions.json';

export interface StoredSession {
  id: string;
  createdAt: number;
  lastSeen: number;
  /** base64url SHA-256 of the request key. */
  keyHash: string;
}

const fileSchema = z.object({
  version: z.literal(1),
  sessions: z.array(
    z.object({
      id: z.string().min(16).max(64),
      createdAt: z.number().int(),
      lastSeen: z.number().int(),
      keyHash: z.string().min(32).max(64),
    }),
  ),
});

function errno(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
}

/** Reads the stored table; an empty list when there is none or it cannot be trusted. */
export function loadSessions(stateDir: string): StoredSession[] {
  const file = path.join(stateDir, SESSIONS_FILE);
  let fd: number;
  try {
    // O_NOFOLLOW: a symlink planted in place of the file is not followed.
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  } catch (e) {
    if (errno(e) !== 'ENOENT') console.warn(`[confinement-dashboard] cannot read ${file} (${errno(e) ?? 'error'}): every session starts logged out.`);
    return [];
  }
  try {
    const st = fs.fstatSync(fd);
    const uid = process.getuid?.();
    if (!st.isFile() || (st.mode & 0o077) !== 0 || (uid !== undefined && st.uid !== uid)) {
      console.warn(`[confinement-dashboard] ${file} is not a private file of this user: ignoring it, every session starts logged out.`);
      return [];
    }
    const parsed = fileSchema.safeParse(JSON.parse(fs.readFileSync(fd, 'utf8')));
    if (!parsed.success) throw new Error('unexpected content');
    return parsed.data.sessions;
  } catch {
    console.warn(`[confinement-dashboard] ${file} is damaged: ignoring it, every session starts logged out.`);
    return [];
  } finally {
    fs.closeSync(fd);
  }
}

/** Replaces the stored table with `sessions`, atomically and durably. */
export function saveSessions(stateDir: string, sessions: Iterable<StoredSession>): void {
  ensurePrivateDir(stateDir);
  const file = path.join(stateDir, SESSIONS_FILE);
  const list = [...sessions].map(({ id, createdAt, lastSeen, keyHash }) => ({ id, createdAt, lastSeen, keyHash }));
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify({ version: 1, sessions: list }));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fsyncDir(stateDir);
}
