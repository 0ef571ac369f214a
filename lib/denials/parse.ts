/**
 * Reads AppArmor and seccomp denials out of kernel/audit log text.
 *
 * PURE module: text in, typed objects out. No I/O, no `server-only`; the CLI and the browser import it.
 *
 * Accepted input (one record per line, any mix, CRLF or LF):
 * - `journalctl` short (`Jan 30 15:34:29 host kernel: audit: …`), short-iso / short-precise / rsyslog RFC 3339
 *   (`2024-06-06T10:26:40.747576+08:00 host kernel: …`), `journalctl -o json` (the MESSAGE field, also when
 *   journald stored it as a byte array), classic syslog with hostname, journald's audit transport
 *   (`host audit[10694]: AVC apparmor=…`, `audit[12368]: SECCOMP auid=…`), dbus-daemon's own lines
 *   (`dbus-daemon[4258]: apparmor="DENIED" …`);
 * - `dmesg` (`[ 2367.637333] audit: …`), `dmesg -H` relative stamps (`[  +0,225289] audit: …`), `dmesg -T`
 *   (`[Wed Apr  7 09:49:17 2021] audit: …`), printk priorities (`<5>[  198.96] audit: …`), bare `audit: …` and
 *   bare `apparmor="DENIED" …` lines, old kernels' `type=1400 audit(…)` without `audit:`;
 * - auditd's `/var/log/audit/audit.log` (`type=AVC msg=audit(…): …`, `type=SECCOMP msg=audit(…): …`, with or
 *   without the \x1d-separated enrichment `ARCH=x86_64 SYSCALL=mount`, and `ausearch -i` interpreted values
 *   such as `arch=aarch64 syscall=faccessat code=kill-thread`);
 * - D-Bus denials relayed as `type=1107`/`USER_AVC … msg='apparmor="DENIED" … label=… peer_label=…'`;
 * - snappy-debug's `Log:` lines (including its `314(sched_setattr)` syscall rewrite).
 *
 * How a line is read: one left-to-right scan collects every `key=value` pair (values quoted with `"`, quoted
 * with `'` — the nested `msg='…'` of user-space records, whose fields then win — or bare up to the next
 * whitespace or \x1d). No per-field regular expressions run on the line, so the cost is linear in its length.
 * The kernel hex-encodes untrusted strings that contain spaces, quotes or control bytes and then prints them
 * without quotes (`name=2F746D702F612062`); those are decoded for the string fields listed in HEX_FIELDS.
 *
 * Nothing here throws: a line that cannot be read is skipped, a truncated line gives the fields it has.
 *
 * This module finds the lines and reads repeats once; the parts live apart: the scanner and its fields
 * (audit-fields.ts), times (audit-time.ts), AppArmor and seccomp records (parse-apparmor.ts, parse-seccomp.ts),
 * snap subjects (snap-subject.ts) and the Denial shape (denial.ts).
 */

import { decodeUtf8, Fields, scan } from './audit-fields';
import { auditEpochTime } from './audit-time';
import { copyDenial, type Denial } from './denial';
import { toApparmor } from './parse-apparmor';
import { toSeccomp } from './parse-seccomp';

export type { Denial } from './denial';
export { resolveSyscall } from './parse-seccomp';
export { parseSnapSubject } from './snap-subject';

/** The cheap test before any scanning: the words every AppArmor or seccomp record carries. */
function mayBeDenial(message: string): boolean {
  return (
    message.includes('apparmor=') ||
    message.includes('type=1326') ||
    message.includes('SECCOMP') ||
    (message.includes('arch=') && message.includes(' code=') && message.includes(' sig='))
  );
}

function parseMessage(line: string, message: string, journalTime: string | null): Denial | null {
  if (!mayBeDenial(message)) return null;
  const hasApparmor = message.includes('apparmor=');

  const f = new Fields();
  scan(message, 0, message.length, f, 0);
  const type = f.type;
  if (type === '1300' || type === 'SYSCALL' || type === '1327' || type === 'PROCTITLE') return null;

  if (hasApparmor) return toApparmor(f, line, message, journalTime);
  const isSeccompRecord = type === '1326' || type === 'SECCOMP' || f.__record === 'SECCOMP';
  if (!f.syscall || (!isSeccompRecord && (f.code === undefined || f.sig === undefined))) return null;
  return toSeccomp(f, line, message, journalTime);
}

function fromJournalJson(line: string): Denial | null {
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof entry !== 'object' || entry === null) return null;
  const e = entry as Record<string, unknown>;
  let message: string | null = null;
  if (typeof e.MESSAGE === 'string') message = e.MESSAGE;
  else if (Array.isArray(e.MESSAGE) && e.MESSAGE.every((b) => typeof b === 'number')) {
    message = decodeUtf8(new Uint8Array(e.MESSAGE as number[]));
  }
  if (message === null) return null;
  let journalTime: string | null = null;
  const usec = e.__REALTIME_TIMESTAMP ?? e._SOURCE_REALTIME_TIMESTAMP;
  if (typeof usec === 'string' && /^\d{10,20}$/.test(usec)) {
    const d = new Date(Math.floor(Number(usec) / 1000));
    if (Number.isFinite(d.getTime())) journalTime = d.toISOString();
  }
  return parseMessage(line, message, journalTime);
}

// ---------------------------------------------------------------------------------------------
// repeated denials

/**
 * A log repeats the same denial many times with only its time and serial changed (28,000 denial lines of a
 * day's log had 3,700 distinct texts). Lines of the kernel's own shape,
 * `PREFIX audit: type=NNNN audit(SECONDS.MS:SERIAL): REST` with no `=` in PREFIX (a time, a host name, `kernel:`),
 * are read once per distinct (type, REST): every field then comes from REST and the type, and the time from
 * the audit stamp, so a repeat is the first one's denial with its own time and raw line.
 */
const shapes = new Map<string, Map<string, Denial | null>>();
let shapeCount = 0;
const SHAPE_LIMIT = 50_000;

function fromKernelShape(line: string): Denial | null | undefined {
  // Found with one-character searches: an indexOf of a longer word costs more to set up than it saves here.
  const open = line.indexOf('(') + 1; // the prefix has no parentheses: audit( is the first
  if (open < 18 || !line.startsWith(' audit', open - 7)) return undefined;
  let i = open - 8; // the last digit of the type
  while (i > 0 && line.charCodeAt(i) >= 48 && line.charCodeAt(i) <= 57) i--;
  const typeStart = i + 1;
  if (typeStart === open - 7 || !line.startsWith('audit: type=', typeStart - 12)) return undefined;
  if (line.lastIndexOf('=', typeStart - 13) !== -1) return undefined;
  const close = line.indexOf(')', open);
  if (close === -1 || line.charCodeAt(close + 1) !== 58 /* : */) return undefined;
  // a second audit(…) in the rest would set the time instead (timeOf reads the last one): the slow path
  for (let q = line.indexOf('(', close); q !== -1; q = line.indexOf('(', q + 1)) {
    if (line.startsWith('audit', q - 5)) return undefined;
  }
  const time = auditEpochTime(line, open, close);
  if (time === null) return undefined;
  const type = line.slice(typeStart, open - 7);
  const rest = line.slice(close + 2);
  let byRest = shapes.get(type);
  if (!byRest) shapes.set(type, (byRest = new Map()));
  const template = byRest.get(rest);
  if (template === undefined) {
    const first = parseMessage(line, line, null);
    if (shapeCount >= SHAPE_LIMIT) {
      shapes.clear();
      shapes.set(type, (byRest = new Map()));
      shapeCount = 0;
    }
    // kept apart from the denial handed out: callers may change theirs
    byRest.set(rest, first && copyDenial(first, first.time, first.raw));
    shapeCount++;
    return first;
  }
  return template && copyDenial(template, time, line);
}

function parseLine(line: string, mayBe: boolean): Denial | null {
  const first = line.charCodeAt(0);
  if (first === 123 /* { */ && line.includes('"MESSAGE"')) return fromJournalJson(line);
  if (!mayBe && !mayBeDenial(line)) return null;
  const repeated = fromKernelShape(line);
  return repeated !== undefined ? repeated : parseMessage(line, line, null);
}

/**
 * The lines that may hold a denial: those with a word of mayBeDenial(), or a journal JSON MESSAGE written as a
 * byte array (no word can be found in that). One regular-expression search over the whole text, as grep
 * would: the lines that cannot be denials (most of a kernel log) are never cut out, and the search restarts
 * at the next line after each hit. (Measured on a 100,000-line log: 16 ms, against 47 ms for splitting into
 * lines and testing each, and 48 ms for one indexOf search per word.)
 */
const CANDIDATE = /apparmor=|type=1326|SECCOMP| code=|"MESSAGE":\[/g;

/** Every AppArmor and seccomp denial in the text, in input order. Other lines are ignored. Never throws. */
export function parseDenials(text: string): Denial[] {
  const out: Denial[] = [];
  if (typeof text !== 'string' || text === '') return out;
  const re = new RegExp(CANDIDATE); // own lastIndex: parseDenials may be re-entered from a caller's loop
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const start = text.lastIndexOf('\n', m.index) + 1;
    let end = text.indexOf('\n', m.index);
    if (end === -1) end = text.length;
    re.lastIndex = end + 1;
    if (end - start < 12) continue;
    if (text.charCodeAt(end - 1) === 13) end--; // CRLF
    try {
      // apparmor=, type=1326 and SECCOMP settle mayBeDenial(); ` code=` and a JSON line still need it
      const d = parseLine(text.slice(start, end), m[0].length !== 6 && m[0].charCodeAt(0) !== 34);
      if (d) out.push(d);
    } catch {
      // a line we cannot read is skipped
    }
    if (re.lastIndex > text.length) break;
  }
  return out;
}

const SUPPRESSED = /kauditd_printk_skb: (\d+) callbacks suppressed/g;

/** Sum of N over `kauditd_printk_skb: N callbacks suppressed` lines: audit records the kernel dropped. */
export function countSuppressed(text: string): number {
  if (typeof text !== 'string') return 0;
  let total = 0;
  for (const m of text.matchAll(SUPPRESSED)) {
    const n = Number(m[1]);
    if (Number.isSafeInteger(n)) total += n;
  }
  return total;
}
