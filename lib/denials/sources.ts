import 'server-only';
import type { Host } from '../host';
import { isHostError } from '../host/errors';
import { notInSnapshot } from '../host/replay';
import type { SourceAttempt, SourceId } from '../contracts/denials';

/**
 * Where kernel denials are read from, tried in order: the journal's kernel
 * messages, the rsyslog files, the kernel ring buffer. Each read is
 * incremental: it returns a cursor, and the next read starts after it, so a
 * page that polls never rescans the whole log.
 */

export interface LogChunk {
  source: SourceId;
  /** New log text since the cursor (journal: `-o json` lines). */
  text: string;
  /** Where the next read starts; opaque to callers. */
  cursor: string;
  attempts: SourceAttempt[];
  /** True when the cursor no longer matched (log rotated, journal vacuumed): this chunk starts over. */
  reset: boolean;
}

const MAX_FILE_READ = 32 * 1024 * 1024;
const JOURNAL_INITIAL_SINCE = '-24h';
const MAX_JOURNAL_LINES = 200_000;

const PERMISSION_HINT =
  "The dashboard's user cannot read the kernel log. Add it to the 'systemd-journal' group (journal) or 'adm' group (/var/log files): sudo usermod -a -G systemd-journal,adm <user>, then restart the dashboard.";

interface Cursor {
  source: SourceId;
  value: string;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(text: string | null | undefined): Cursor | null {
  if (!text) return null;
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    if (typeof c.value === 'string' && ['journal', 'kern.log', 'syslog', 'dmesg'].includes(c.source)) return c;
  } catch {
    // not ours: start over
  }
  return null;
}

async function fromJournal(host: Host, after: string | null): Promise<{ text: string; cursor: string | null }> {
  // short-iso text is about a third of the size of -o json for the same lines, and
  // --show-cursor ends it with "-- cursor: ..." for the next incremental read.
  const args = ['-k', '-o', 'short-iso', '--no-pager', '-q', '--show-cursor'];
  // At most the newest lines of the last day: a snap flooding the log must not make the
  // first read (or one after a long pause) hold gigabytes.
  if (after) args.push(`--after-cursor=${after}`, `--lines=${MAX_JOURNAL_LINES}`);
  else args.push(`--since=${JOURNAL_INITIAL_SINCE}`, `--lines=${MAX_JOURNAL_LINES}`);
  // Reads by cursor differ every time: nothing to cache. The journal can be big: allow a large output.
  const r = await host.run('journalctl', args, { maxOutputBytes: 96 * 1024 * 1024 });
  let text = r.stdout;
  let cursor = after;
  const marker = text.lastIndexOf('-- cursor: ');
  if (marker >= 0 && (marker === 0 || text[marker - 1] === '\n')) {
    cursor = text.slice(marker + '-- cursor: '.length).trim() || cursor;
    text = text.slice(0, marker);
  }
  return { text, cursor };
}

/**
 * A line of the kernel's as rsyslog writes it: `Nov 23 10:52:01 host kernel: …`
 * or `2026-11-23T10:52:01.123+00:00 host kernel: …` — the bare tag `kernel`
 * (a message relayed from a process carries `kernel[PID]`), then, after an
 * optional `[uptime]`, the kernel's own formats that matter here: an audit
 * record `audit: type=N audit(SECONDS.MS:SERIAL): ` or kauditd's drop count.
 */
const KERNEL_LINE = /^\S+(?:\s+\d+\s+\S+)?\s+\S+\s+kernel: (?:\[\s*\d+\.\d+\] )?(?:audit: type=\d{4} audit\(\d+\.\d+:\d+\): |kauditd_printk_skb: \d+ callbacks suppressed$)/;

/**
 * What the Denials page says about /var/log/syslog (review F9). The file
 * records no facility, and a local process that writes straight to rsyslog's
 * socket can, in some setups, be stored with the tag `kernel`: the shape is
 * checked, but the origin cannot be. So its denials are labelled unverified and
 * offered without Connect buttons.
 */
export const SYSLOG_UNVERIFIED =
  'unverified: other local programs can write lines that look like the kernel\u2019s here, so these denials get no Connect buttons';
const SYSLOG_HINT =
  "Let the dashboard read the journal (journalctl -k only shows what the kernel itself logged) or /var/log/kern.log: add its user to 'systemd-journal' or 'adm'.";

async function fromFile(host: Host, source: 'kern.log' | 'syslog', after: string | null): Promise<{ text: string; cursor: string; reset: boolean }> {
  const tail = await host.readFileTail(`/var/log/${source}`, after, MAX_FILE_READ);
  // /var/log/syslog takes messages from any local process: keep only lines in the kernel's
  // own shape, so nobody can plant a denial with `logger`. kern.log only gets the kernel
  // facility, which unprivileged processes cannot log to.
  const text = source === 'syslog' ? tail.text.split('\n').filter((l) => KERNEL_LINE.test(l)).join('\n') : tail.text;
  return { text, cursor: tail.cursor, reset: tail.reset };
}

const UPTIME = /^\[\s*(\d+\.\d+)\]/;

async function fromDmesg(host: Host, after: string | null): Promise<{ text: string; cursor: string }> {
  // Not a cached read: the cursor moves on between polls.
  const r = await host.run('dmesg', []);
  const lines = r.stdout.split('\n');
  // dmesg has no cursor, and the ring buffer wraps: remember the last uptime stamp seen.
  const seen = after ? Number(after) : null;
  const fresh = seen === null ? lines : lines.filter((l) => Number(UPTIME.exec(l)?.[1] ?? Infinity) > seen);
  let last = seen ?? 0;
  for (const l of lines) {
    const t = Number(UPTIME.exec(l)?.[1]);
    if (Number.isFinite(t) && t > last) last = t;
  }
  return { text: fresh.join('\n'), cursor: String(last) };
}

function failure(host: Host, source: SourceId, e: unknown): SourceAttempt {
  const replay = notInSnapshot(host, e);
  if (replay) return { source, ok: false, message: replay, notInSnapshot: true };
  if (isHostError(e)) {
    if (e.code === 'not-installed') return { source, ok: false, message: `${source === 'journal' ? 'journalctl' : 'dmesg'} is not installed` };
    const denied = e.code === 'access-denied' || /permission|not permitted|insufficient/i.test(e.stderr + e.message);
    // The tool's own stderr can name journal files and other host paths: it goes to the
    // server's log, the page gets what happened in words.
    console.warn(`[confinement-dashboard] kernel log source ${source}: ${e.toolMessage ?? e.message}`);
    const what = denied ? 'permission denied' : e.code === 'timeout' ? 'timed out' : e.exitCode !== null ? `failed (exit status ${e.exitCode})` : 'failed';
    return { source, ok: false, message: what, ...(denied ? { hint: PERMISSION_HINT } : {}) };
  }
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT') return { source, ok: false, message: 'not present on this host' };
  if (err?.code === 'EACCES' || err?.code === 'EPERM') return { source, ok: false, message: 'permission denied', hint: PERMISSION_HINT };
  // Only the error code: the raw message names host paths.
  return { source, ok: false, message: `cannot be read (${err?.code ?? 'unknown error'})` };
}

/** Reads what is new since `cursorText` from the first source that works. */
export async function readKernelLog(host: Host, cursorText: string | null): Promise<LogChunk> {
  const cursor = decodeCursor(cursorText);
  const attempts: SourceAttempt[] = [];
  const order: SourceId[] = ['journal', 'kern.log', 'syslog', 'dmesg'];
  // Stay with the source the cursor came from, so lines are neither lost nor repeated.
  const tryOrder = cursor ? [cursor.source, ...order.filter((s) => s !== cursor.source)] : order;
  for (const source of tryOrder) {
    const after = cursor?.source === source ? cursor.value : null;
    try {
      if (source === 'journal') {
        const r = await fromJournal(host, after);
        if (!r.text.trim() && !after) {
          attempts.push({ source, ok: false, message: 'no kernel messages in the journal (no access, or the journal is not kept)', hint: PERMISSION_HINT });
          continue;
        }
        attempts.push({ source, ok: true });
        return { source, text: r.text, cursor: encodeCursor({ source, value: r.cursor ?? '' }), attempts, reset: false };
      }
      if (source === 'kern.log' || source === 'syslog') {
        const r = await fromFile(host, source, after);
        attempts.push(source === 'syslog' ? { source, ok: true, message: SYSLOG_UNVERIFIED, hint: SYSLOG_HINT } : { source, ok: true });
        return { source, text: r.text, cursor: encodeCursor({ source, value: r.cursor }), attempts, reset: r.reset };
      }
      const r = await fromDmesg(host, after);
      attempts.push({ source, ok: true });
      return { source, text: r.text, cursor: encodeCursor({ source, value: r.cursor }), attempts, reset: false };
    } catch (e) {
      attempts.push(failure(host, source, e));
    }
  }
  return { source: 'journal', text: '', cursor: cursorText ?? '', attempts, reset: false };
}
