import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { settings } from '../config';
import { ensurePrivateDir } from '../state/private-files';
import { currentHost } from '../host';
import { AUDIT_RESULTS, MAX_AUDIT_LIMIT, type AuditEntry, type AuditResult } from '../contracts/audit';

/**
 * The audit trail: one JSON line per state-changing action, appended (O_APPEND,
 * mode 0600) and fsync'ed before `appendAudit` resolves, so a route that awaits
 * it before responding never answers for an action that left no record.
 *
 * Lines are never rewritten. When `audit.log` would grow past 5 MiB it is
 * renamed to `audit.log.1` (`.1` → `.2` … up to `.5`; the sixth-oldest file is
 * the only thing ever deleted, so about 30 MiB is kept). Renames move whole
 * files, so rotation itself loses no line. Appends, rotation and reads share
 * one in-process lock; the dashboard is a single server process.
 */

export const AUDIT_FILE = 'audit.log';
export const MAX_AUDIT_FILE_BYTES = 5 * 1024 * 1024;
export const KEPT_ROTATIONS = 5;
const MAX_ERROR_CHARS = 8 * 1024;
const MAX_DETAILS_CHARS = 16 * 1024;

export type { AuditEntry, AuditResult };
export { MAX_AUDIT_LIMIT };

/** What a caller writes: an entry without its time; `host` left out means the dashboard's own host. */
export type AuditInput = Omit<AuditEntry, 'time'>;

/** The hostname written when the host cannot tell its own name: the line is still written. */
const UNKNOWN_HOST = '(unknown host)';

const entrySchema = z.object({
  time: z.iso.datetime(),
  // Lines written before hosts had names carry none.
  host: z.string().optional(),
  action: z.string(),
  target: z.string(),
  sessionId: z.string(),
  clientAddress: z.string(),
  result: z.enum(AUDIT_RESULTS),
  changeId: z.string().nullable(),
  error: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export interface AuditFilter {
  action?: string;
  /** Entries whose target contains this text (any case). */
  target?: string;
  result?: string;
  /** ISO time: only entries at or after it. */
  since?: string;
  /** Default 100, at most 1000. */
  limit?: number;
}

export const DEFAULT_AUDIT_LIMIT = 100;

// One lock per process, shared by every bundle that includes this module.
const LOCK_KEY = Symbol.for('confinement-dashboard.audit-lock');
type LockHolder = { [LOCK_KEY]?: Promise<unknown> };

function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const holder = globalThis as LockHolder;
  const previous = holder[LOCK_KEY] ?? Promise.resolve();
  const run = previous.then(fn, fn);
  holder[LOCK_KEY] = run.catch(() => undefined);
  return run;
}

function auditDir(): string {
  return settings().stateDir;
}

function fileName(dir: string, n: number): string {
  return path.join(dir, n === 0 ? AUDIT_FILE : `${AUDIT_FILE}.${n}`);
}

function errno(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await fs.promises.stat(file)).size;
  } catch (e) {
    if (errno(e) === 'ENOENT') return 0;
    throw e;
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** audit.log.4 → .5, … audit.log → .1; the old .5 is the only file dropped. */
async function rotate(dir: string): Promise<void> {
  await fs.promises.rm(fileName(dir, KEPT_ROTATIONS), { force: true });
  for (let n = KEPT_ROTATIONS - 1; n >= 0; n--) {
    try {
      await fs.promises.rename(fileName(dir, n), fileName(dir, n + 1));
    } catch (e) {
      if (errno(e) !== 'ENOENT') throw e;
    }
  }
  await syncDir(dir);
}

function serialise(input: AuditInput & { host: string }): string {
  const entry: AuditEntry = {
    time: new Date().toISOString(),
    host: input.host,
    action: input.action,
    target: input.target,
    sessionId: input.sessionId,
    clientAddress: input.clientAddress,
    result: input.result,
    changeId: input.changeId,
    error: input.error === null ? null : input.error.slice(0, MAX_ERROR_CHARS),
  };
  if (input.details !== undefined) {
    const text = JSON.stringify(input.details);
    entry.details = text.length <= MAX_DETAILS_CHARS ? input.details : { truncated: true, length: text.length };
  }
  // JSON.stringify escapes newlines inside strings: one entry is always one line.
  return `${JSON.stringify(entry)}\n`;
}

/** Appends one entry; resolves only after the line is on disk (fsync). */
export async function appendAudit(input: AuditInput): Promise<void> {
  const host = input.host ?? (await currentHost().hostname().catch(() => UNKNOWN_HOST));
  const line = serialise({ ...input, host });
  const bytes = Buffer.byteLength(line);
  return withLock(async () => {
    const dir = auditDir();
    ensurePrivateDir(dir);
    const file = fileName(dir, 0);
    const size = await sizeOf(file);
    if (size > 0 && size + bytes > MAX_AUDIT_FILE_BYTES) await rotate(dir);
    const handle = await fs.promises.open(file, 'a', 0o600);
    try {
      await handle.write(line);
      await handle.sync();
    } finally {
      await handle.close();
    }
  });
}

function matches(entry: AuditEntry, filter: AuditFilter, since: number | null): boolean {
  if (filter.action !== undefined && entry.action !== filter.action) return false;
  // "Target contains": a substring, case-insensitive (`microk8s` finds `microk8s:home :home`).
  if (filter.target !== undefined && !entry.target.toLowerCase().includes(filter.target.toLowerCase())) return false;
  if (filter.result !== undefined && entry.result !== filter.result) return false;
  if (since !== null && Date.parse(entry.time) < since) return false;
  return true;
}

/**
 * Entries newest first, across `audit.log` and its rotations, filtered. Lines
 * that are not a valid entry (a torn write after a crash, manual edits) are
 * skipped.
 */
export function readAudit(filter: AuditFilter = {}): Promise<AuditEntry[]> {
  const limit = Math.min(Math.max(Math.trunc(filter.limit ?? DEFAULT_AUDIT_LIMIT), 1), MAX_AUDIT_LIMIT);
  const since = filter.since !== undefined ? Date.parse(filter.since) : null;
  if (since !== null && Number.isNaN(since)) throw new Error('readAudit: `since` is not a date');
  return withLock(async () => {
    const dir = auditDir();
    const out: AuditEntry[] = [];
    for (let n = 0; n <= KEPT_ROTATIONS && out.length < limit; n++) {
      let text: string;
      try {
        text = await fs.promises.readFile(fileName(dir, n), 'utf8');
      } catch (e) {
        if (errno(e) === 'ENOENT') continue;
        throw e;
      }
      const lines = text.split('\n');
      for (let i = lines.length - 1; i >= 0 && out.length < limit; i--) {
        const line = lines[i];
        if (!line) continue;
        let parsed: unknown;
        try {
          parsed = JSON.parse(line);
        } catch {
          continue;
        }
        const entry = entrySchema.safeParse(parsed);
        if (!entry.success) continue;
        if (matches(entry.data, filter, since)) out.push(entry.data);
      }
    }
    return out;
  });
}
