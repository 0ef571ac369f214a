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
 */

import syscallData from './syscalls.json';

export interface Denial {
  kind: 'apparmor' | 'seccomp';
  /** ISO 8601 (UTC) when the line carries an absolute time (audit(epoch), journal JSON, ISO prefix with offset),
   *  otherwise the time text of the prefix as printed (`Jun  2 23:11:13`, `[ 2367.637333]`), or null */
  time: string | null;
  /** the snap's instance name, from a `snap.NAME.APP` / `snap.NAME.hook.H` subject or `exe="/snap/NAME/REV/…"` */
  snap: string | null;
  app: string | null;
  hook: string | null;
  /** raw subject: profile= / label= / subj= */
  profile: string | null;
  operation: string | null;
  /** name= of file-like AppArmor operations (and the mount point of mount operations), hex decoded */
  path: string | null;
  /** denied_mask (else requested_mask, mask=, denied=) split into letters (`wc` → w, c) or words (`send receive`) */
  access: string[];
  capability: string | null;
  family: string | null;
  sockType: string | null;
  /** peer= (ptrace, signal, unix) or peer_label= (D-Bus) */
  peer: string | null;
  syscall: string | null;
  syscallNumber: number | null;
  /** libseccomp architecture name (x86_64, x86, aarch64, arm, ppc64le, s390x, riscv64, …) or the raw arch= */
  arch: string | null;
  /** "denied" | "allowed" | "killed" for AppArmor; the seccomp action for seccomp (errno, log, kill_process, …) */
  action: string | null;
  raw: string;
  pid: number | null;
  comm: string | null;
  exe: string | null;
  fsuid: number | null;
  ouid: number | null;
  /** extra: AppArmor policy namespace (namespace=), set when the denial comes from inside a container */
  namespace: string | null;
  /** extra: class= (file, cap, net, ptrace, signal, mount, dbus, namespace…) */
  class: string | null;
  /** extra: info= (`failed perms check`, `failed flags match`…) */
  info: string | null;
  /** extra: signal= of signal denials */
  signal: string | null;
  /** extra: D-Bus details */
  dbus: { bus: string | null; path: string | null; interface: string | null; member: string | null; name: string | null } | null;
  /** extra: mount details */
  mount: { fstype: string | null; srcname: string | null; flags: string | null } | null;
  /** extra: a unix socket's own address and its peer's (addr=, peer_addr=; `@…` is an abstract socket), when logged */
  unix?: { addr: string | null; peerAddr: string | null };
}

/** the fields this module reads; one fixed shape, so the scanner allocates nothing for the rest */
class Fields {
  apparmor: string | undefined = undefined;
  operation: string | undefined = undefined;
  profile: string | undefined = undefined;
  label: string | undefined = undefined;
  subj: string | undefined = undefined;
  name: string | undefined = undefined;
  requested_mask: string | undefined = undefined;
  denied_mask: string | undefined = undefined;
  mask: string | undefined = undefined;
  denied: string | undefined = undefined;
  requested: string | undefined = undefined;
  capname: string | undefined = undefined;
  family: string | undefined = undefined;
  sock_type: string | undefined = undefined;
  peer: string | undefined = undefined;
  peer_label: string | undefined = undefined;
  signal: string | undefined = undefined;
  pid: string | undefined = undefined;
  comm: string | undefined = undefined;
  exe: string | undefined = undefined;
  fsuid: string | undefined = undefined;
  ouid: string | undefined = undefined;
  namespace: string | undefined = undefined;
  class: string | undefined = undefined;
  info: string | undefined = undefined;
  bus: string | undefined = undefined;
  path: string | undefined = undefined;
  interface: string | undefined = undefined;
  member: string | undefined = undefined;
  fstype: string | undefined = undefined;
  srcname: string | undefined = undefined;
  flags: string | undefined = undefined;
  addr: string | undefined = undefined;
  peer_addr: string | undefined = undefined;
  arch: string | undefined = undefined;
  syscall: string | undefined = undefined;
  compat: string | undefined = undefined;
  code: string | undefined = undefined;
  sig: string | undefined = undefined;
  type: string | undefined = undefined;
  SYSCALL: string | undefined = undefined;
  __audit: string | undefined = undefined;
  __record: string | undefined = undefined;
  __sysname: string | undefined = undefined;
}
type FieldName = keyof Fields;
/** key length → the wanted keys of that length (plus msg), to recognise a key without slicing it out */
const WANTED_BY_LENGTH = new Map<number, string[]>();
for (const key of [...Object.keys(new Fields()).filter((k) => !k.startsWith('__')), 'msg']) {
  const list = WANTED_BY_LENGTH.get(key.length);
  if (list) list.push(key);
  else WANTED_BY_LENGTH.set(key.length, [key]);
}

function wantedKey(s: string, start: number, end: number): string | null {
  const list = WANTED_BY_LENGTH.get(end - start);
  if (list) for (const k of list) if (s.startsWith(k, start)) return k;
  return null;
}

// ---------------------------------------------------------------------------------------------
// syscall tables (generated by scripts/gen-syscalls.mjs from libseccomp's scmp_sys_resolver)

const SYSCALL_TABLES = (syscallData as unknown as { tables: Record<string, Record<string, string>> }).tables;

/** AUDIT_ARCH_* values (linux/audit.h) → libseccomp architecture names */
const AUDIT_ARCH: Record<string, string> = {
  c000003e: 'x86_64',
  '40000003': 'x86',
  c00000b7: 'aarch64',
  '40000028': 'arm',
  c0000015: 'ppc64le',
  '80000015': 'ppc64',
  '14': 'ppc',
  '80000016': 's390x',
  '16': 's390',
  c00000f3: 'riscv64',
};

/** names `ausearch -i` and the auditd enrichment print, and common aliases */
const ARCH_NAMES: Record<string, string> = {
  x86_64: 'x86_64',
  amd64: 'x86_64',
  x86: 'x86',
  i386: 'x86',
  i486: 'x86',
  i586: 'x86',
  i686: 'x86',
  aarch64: 'aarch64',
  arm64: 'aarch64',
  arm: 'arm',
  armeb: 'arm',
  armhf: 'arm',
  armv7l: 'arm',
  ppc64le: 'ppc64le',
  ppc64el: 'ppc64le',
  ppc64: 'ppc64',
  ppc: 'ppc',
  s390x: 's390x',
  s390: 's390',
  riscv64: 'riscv64',
};

/** the 32-bit ABI a 64-bit kernel runs when compat=1 */
const COMPAT_ARCH: Record<string, string> = { x86_64: 'x86', aarch64: 'arm', ppc64: 'ppc', ppc64le: 'ppc', s390x: 's390' };

/** seccomp return actions (SECCOMP_RET_ACTION_FULL, linux/seccomp.h); the kernel logs code=action only */
const SECCOMP_ACTIONS: Record<number, string> = {
  0x80000000: 'kill_process',
  0x00000000: 'kill_thread',
  0x00030000: 'trap',
  0x00050000: 'errno',
  0x7fc00000: 'user_notif',
  0x7ff00000: 'trace',
  0x7ffc0000: 'log',
  0x7fff0000: 'allow',
};

export function resolveSyscall(arch: string | null, nr: number | null): string | null {
  if (arch === null || nr === null) return null;
  return SYSCALL_TABLES[arch]?.[String(nr)] ?? null;
}

// ---------------------------------------------------------------------------------------------
// the key=value scanner

/** string fields the kernel may print hex-encoded (audit_log_untrustedstring) */
const HEX_FIELDS = new Set([
  'name',
  'addr',
  'peer_addr',
  'comm',
  'exe',
  'profile',
  'label',
  'peer',
  'peer_label',
  'target',
  'srcname',
  'subj',
  'namespace',
  'info',
  'path',
  'interface',
  'member',
  'cwd',
  'fstype',
]);

const HEX_RE = /^(?:[0-9A-F]{2})+$/;

let utf8: TextDecoder | null = null;
function decodeHex(hex: string): string {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.substr(i * 2, 2), 16);
  utf8 ??= new TextDecoder('utf-8');
  // abstract socket names and some paths end in NUL padding
  return utf8.decode(bytes).replace(/\0+$/, '');
}

function isKeyChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || // a-z
    (c >= 65 && c <= 90) || // A-Z
    (c >= 48 && c <= 57) || // 0-9
    c === 95 || // _
    c === 45 // -
  );
}

function setField(f: Fields, key: string, value: string, quoted: boolean): void {
  if (key === 'msg') {
    if (value.startsWith('audit(')) f.__audit = value;
    return;
  }
  if (!quoted && value.length >= 2 && HEX_FIELDS.has(key) && HEX_RE.test(value)) value = decodeHex(value);
  f[key as FieldName] = value;
}

const SNAPPY_DEBUG_SYSCALL = /^(\d+)\(([a-z0-9_]+)\)$/;

function bareToken(tok: string, f: Fields): void {
  if (tok.startsWith('audit(')) {
    f.__audit = tok;
  } else if (tok === 'AVC' || tok === 'SECCOMP' || tok === 'USER_AVC') {
    f.__record ??= tok;
  } else if (tok.charCodeAt(0) >= 48 && tok.charCodeAt(0) <= 57 && tok.endsWith(')')) {
    const m = SNAPPY_DEBUG_SYSCALL.exec(tok);
    if (m?.[1] && m[2]) {
      f.syscall ??= m[1];
      f.__sysname = m[2];
    }
  }
}

/** scans s[from, to) for key=value pairs into f; a `msg='…'` value is scanned as a nested record */
function scan(s: string, from: number, to: number, f: Fields, depth: number): void {
  let i = from;
  while (i < to) {
    let c = s.charCodeAt(i);
    if (c <= 32) {
      i++; // space, tab, \x1d (auditd's enrichment separator), other control bytes
      continue;
    }
    const start = i;
    while (i < to && isKeyChar(s.charCodeAt(i))) i++;
    if (i > start && i < to && s.charCodeAt(i) === 61 /* = */) {
      const key = wantedKey(s, start, i);
      i++;
      c = i < to ? s.charCodeAt(i) : 0;
      if (c === 34 /* " */ || (c === 39 /* ' */ && key === 'msg')) {
        const quote = c === 34 ? '"' : "'";
        const end = s.indexOf(quote, i + 1);
        const stop = end === -1 || end > to ? to : end;
        if (quote === "'") {
          if (depth < 2) scan(s, i + 1, stop, f, depth + 1);
        } else if (key !== null) {
          setField(f, key, s.slice(i + 1, stop), true);
        }
        i = stop + 1;
      } else {
        let j = i;
        while (j < to && s.charCodeAt(j) > 32) j++;
        if (key !== null) setField(f, key, s.slice(i, j), false);
        i = j;
      }
    } else {
      while (i < to && s.charCodeAt(i) > 32) i++;
      // only a few bare tokens mean something: audit(…), AVC/SECCOMP/USER_AVC, snappy-debug's 314(name)
      const first = s.charCodeAt(start);
      if (i > start && (first === 97 /* a */ || first === 65 || first === 83 || first === 85 || (first >= 48 && first <= 57 && s.charCodeAt(i - 1) === 41))) {
        bareToken(s.slice(start, i), f);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// time

const ISO_PREFIX = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:[.,](\d+))?(Z|[+-]\d{2}:?\d{2})?/;
const SYSLOG_PREFIX = /^[A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2}(?:\.\d+)?/;
const DMESG_PREFIX = /^\[\s*[+]?\d[\d.,:]*\]/;
const DMESG_T_PREFIX = /^\[[A-Z][a-z]{2} [A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2} \d{4}\]/;
const CLOCK_PREFIX = /^\d{1,2}:\d{2}:\d{2}(?: [AP]M)?/;
const AUSEARCH_TIME = /audit\((\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}(?:\.\d+)?):\d+\)/;

// Logs come in bursts: the ISO text of a minute and of a second are made once, and each time is that second's
// text plus its milliseconds from a table (Date#toISOString for every line of a day's log cost 30 ms).
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const MILLIS_Z = Array.from({ length: 1000 }, (_, i) => `${String(i).padStart(3, '0')}Z`);
let lastMinute = NaN;
let lastMinutePrefix = '';
let lastSecond = NaN;
let lastSecondPrefix = '';

/** `YYYY-MM-DDTHH:MM:SS.` of an epoch second, or null */
function secondPrefix(seconds: number): string | null {
  if (seconds === lastSecond) return lastSecondPrefix;
  const minute = Math.floor(seconds / 60);
  if (minute !== lastMinute) {
    const d = new Date(minute * 60_000);
    if (!Number.isFinite(d.getTime())) return null;
    lastMinute = minute;
    lastMinutePrefix = d.toISOString().slice(0, 17); // YYYY-MM-DDTHH:MM:
  }
  lastSecond = seconds;
  lastSecondPrefix = `${lastMinutePrefix}${TWO_DIGITS[seconds - minute * 60]}.`;
  return lastSecondPrefix;
}

function isoFromEpoch(seconds: number, fraction: string | undefined): string | null {
  const prefix = secondPrefix(seconds);
  if (prefix === null) return null;
  const ms = fraction ? (fraction.length >= 3 ? fraction.slice(0, 3) : `${fraction}00`.slice(0, 3)) : '000';
  return `${prefix}${ms}Z`;
}

/** The time of `audit(SECONDS[.FRACTION]:SERIAL)`, the token being s[open, close) without `audit(` and `)`;
 *  null when the seconds are not a plausible epoch. Read without a regex or slices: this runs for every denial. */
function auditEpochTime(s: string, open: number, close: number): string | null {
  let seconds = 0;
  let i = open;
  for (; i < close && i < open + 12; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    seconds = seconds * 10 + (c - 48);
  }
  const sep = s.charCodeAt(i);
  if (i > open && i <= open + 11 && seconds >= 1e8 && (sep === 58 /* : */ || sep === 46) /* . */) {
    if (sep === 58) {
      const prefix = secondPrefix(seconds);
      return prefix === null ? null : `${prefix}000Z`;
    }
    // up to three fraction digits, then more digits, then the colon
    let ms = 0;
    let j = i + 1;
    for (; j < close; j++) {
      const c = s.charCodeAt(j);
      if (c < 48 || c > 57) break;
      if (j < i + 4) ms = ms * 10 + (c - 48);
    }
    const digits = j - i - 1;
    if (digits > 0 && s.charCodeAt(j) === 58) {
      for (let k = digits; k < 3; k++) ms *= 10; // "5" is 500 ms
      const prefix = secondPrefix(seconds);
      return prefix === null ? null : `${prefix}${MILLIS_Z[ms]}`;
    }
  }
  return auditEpochTimeSlow(s, open, close);
}

/** The same, for whatever the fast reading above does not cover (Number() semantics, as before). */
function auditEpochTimeSlow(s: string, open: number, close: number): string | null {
  const dot = s.indexOf('.', open);
  const colon = s.indexOf(':', open);
  if (colon === -1 || colon > close) return null;
  const secondsEnd = dot !== -1 && dot < colon ? dot : colon;
  const seconds = secondsEnd > open && secondsEnd <= open + 11 ? Number(s.slice(open, secondsEnd)) : NaN;
  if (!Number.isSafeInteger(seconds) || seconds < 1e8) return null;
  return isoFromEpoch(seconds, secondsEnd === dot ? s.slice(dot + 1, colon) : undefined);
}

function timeFromPrefix(prefix: string): string | null {
  const p = prefix.replace(/^<\d+>/, '').trimStart();
  if (p === '') return null;
  const iso = ISO_PREFIX.exec(p);
  if (iso) {
    const [whole, date, clock, frac, zone] = iso;
    if (zone) {
      const z = zone === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
      const ms = frac ? `.${frac.slice(0, 3).padEnd(3, '0')}` : '';
      const d = new Date(`${date}T${clock}${ms}${z}`);
      if (Number.isFinite(d.getTime())) return d.toISOString();
    }
    return whole.replace(' ', 'T');
  }
  for (const re of [SYSLOG_PREFIX, DMESG_T_PREFIX, DMESG_PREFIX, CLOCK_PREFIX]) {
    const m = re.exec(p);
    if (m) return m[0];
  }
  return null; // a prefix without a time we know (`dbus-daemon[4258]:`, `kernel:`)
}

/** where the audit payload starts, for telling the time prefix apart */
function payloadStart(line: string): number {
  let best = line.length;
  for (const marker of ['audit:', 'audit[', 'audit(', 'type=', 'apparmor=', 'AVC ', 'SECCOMP ', 'USER_AVC ', 'Log: ', 'auid=']) {
    const at = line.indexOf(marker);
    if (at !== -1 && at < best) best = at;
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// subjects

const SNAP_NAME_RE = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:_[a-z0-9]{1,10})?$/;
const APP_NAME_RE = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const SNAP_EXE_RE = /^(?:\/var\/lib\/snapd)?\/snap\/([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:_[a-z0-9]{1,10})?)\/(?:x?\d+|current)\/(.*)$/;

/** " (enforce)" as dbus-daemon appends it; child profiles after "//" */
function cleanLabel(label: string): string {
  let l = label.replace(/ \((?:enforce|complain|kill|prompt|unconfined|mixed)\)$/, '');
  const child = l.indexOf('//');
  if (child > 0) l = l.slice(0, child);
  return l;
}

type Subject = { snap: string; app: string | null; hook: string | null };
const subjectCache = new Map<string, Subject | null>();

/** `snap.NAME.APP` / `snap.NAME.hook.HOOK` (with dbus-daemon's " (enforce)" or a child profile) → its parts */
export function parseSnapSubject(label: string | null): Subject | null {
  if (!label) return null;
  const cached = subjectCache.get(label);
  if (cached !== undefined) return cached;
  const subject = readSnapSubject(label);
  if (subjectCache.size > 5000) subjectCache.clear();
  subjectCache.set(label, subject);
  return subject;
}

function readSnapSubject(label: string): Subject | null {
  const l = cleanLabel(label);
  if (!l.startsWith('snap.')) return null;
  const rest = l.slice(5);
  const dot = rest.indexOf('.');
  if (dot <= 0) return null;
  const snap = rest.slice(0, dot);
  const tail = rest.slice(dot + 1);
  if (!SNAP_NAME_RE.test(snap)) return null;
  if (tail.startsWith('hook.')) {
    const hook = tail.slice(5);
    return APP_NAME_RE.test(hook) ? { snap, app: null, hook } : null;
  }
  return APP_NAME_RE.test(tail) ? { snap, app: tail, hook: null } : null;
}

function snapFromExe(exe: string | null): string | null {
  if (!exe) return null;
  const m = SNAP_EXE_RE.exec(exe);
  if (!m?.[1]) return null;
  // snapd's own helpers run from the snapd/core snap; they are not the snap being confined
  if ((m[1] === 'snapd' || m[1] === 'core') && (m[2] ?? '').startsWith('usr/lib/snapd/')) return null;
  return m[1];
}

// ---------------------------------------------------------------------------------------------
// masks and numbers

const WORD_MASKS = new Set([
  'read',
  'trace',
  'readby',
  'tracedby',
  'send',
  'receive',
  'create',
  'bind',
  'listen',
  'accept',
  'connect',
  'getattr',
  'setattr',
  'getopt',
  'setopt',
  'shutdown',
  'eavesdrop',
  'userns_create',
]);
const LETTER_MASK = /^[A-Za-z:]{1,16}$/;

const maskCache = new Map<string, string[]>();
function splitMask(v: string | undefined): string[] {
  if (!v) return [];
  const cached = maskCache.get(v);
  if (cached) return [...cached];
  const parts = readMask(v);
  if (maskCache.size > 1000) maskCache.clear();
  maskCache.set(v, parts);
  return [...parts];
}

function readMask(v: string): string[] {
  const parts = v.split(/[\s,]+/).filter(Boolean);
  const only = parts[0];
  if (parts.length === 1 && only !== undefined && !WORD_MASKS.has(only) && LETTER_MASK.test(only)) {
    const letters: string[] = [];
    for (const ch of only) if (ch !== ':' && !letters.includes(ch)) letters.push(ch);
    return letters;
  }
  return parts;
}

function int(v: string | undefined): number | null {
  if (v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : null;
}

function str(v: string | undefined): string | null {
  return v === undefined || v === '' ? null : v;
}

function seccompAction(code: string | undefined): string | null {
  if (!code) return null;
  const hex = /^0x([0-9a-fA-F]{1,8})/.exec(code);
  if (hex?.[1]) {
    const action = (parseInt(hex[1], 16) & 0xffff0000) >>> 0;
    return SECCOMP_ACTIONS[action] ?? `0x${action.toString(16)}`;
  }
  return /^[a-z][a-z_-]*$/.test(code) ? code.replace(/-/g, '_') : null;
}

// ---------------------------------------------------------------------------------------------
// records

const FILE_OPERATIONS = new Set([
  'open',
  'mknod',
  'mkdir',
  'rmdir',
  'unlink',
  'link',
  'symlink',
  'rename_src',
  'rename_dest',
  'chmod',
  'chown',
  'getattr',
  'setattr',
  'truncate',
  'exec',
  'file_mmap',
  'file_perm',
  'file_lock',
  'file_inherit',
  'file_receive',
  'inode_permission',
]);
const MOUNT_OPERATIONS = new Set(['mount', 'umount', 'remount', 'pivotroot']);

const AA_ACTIONS: Record<string, string> = { DENIED: 'denied', ALLOWED: 'allowed', KILLED: 'killed' };

function emptyDenial(kind: Denial['kind'], raw: string): Denial {
  return {
    kind,
    time: null,
    snap: null,
    app: null,
    hook: null,
    profile: null,
    operation: null,
    path: null,
    access: [],
    capability: null,
    family: null,
    sockType: null,
    peer: null,
    syscall: null,
    syscallNumber: null,
    arch: null,
    action: null,
    raw,
    pid: null,
    comm: null,
    exe: null,
    fsuid: null,
    ouid: null,
    namespace: null,
    class: null,
    info: null,
    signal: null,
    dbus: null,
    mount: null,
  };
}

function timeOf(f: Fields, line: string, message: string, journalTime: string | null): string | null {
  const audit = f.__audit;
  if (audit !== undefined) {
    // audit(1612017269.344:43): seconds, milliseconds, serial
    const iso = auditEpochTime(audit, 6, audit.length);
    if (iso) return iso;
  }
  if (journalTime) return journalTime;
  if (f.__audit) {
    // ausearch -i prints local time: msg=audit(03/04/2025 07:39:37.599:201)
    const local = AUSEARCH_TIME.exec(message);
    if (local?.[1]) return local[1];
  }
  return timeFromPrefix(message.slice(0, payloadStart(message)));
}

function toApparmor(f: Fields, line: string, message: string, journalTime: string | null): Denial | null {
  const action = AA_ACTIONS[f.apparmor ?? ''];
  if (!action) return null; // STATUS, AUDIT, HINT, ERROR: not denials
  const d = emptyDenial('apparmor', line);
  d.action = action;
  d.time = timeOf(f, line, message, journalTime);
  d.profile = str(f.profile) ?? str(f.label) ?? str(f.subj);
  d.operation = str(f.operation);
  d.class = str(f.class);
  d.info = str(f.info);
  d.namespace = str(f.namespace);
  d.capability = str(f.capname);
  d.family = str(f.family);
  d.sockType = str(f.sock_type);
  d.peer = f.peer_label !== undefined ? str(f.peer_label) : str(f.peer);
  if (d.peer) d.peer = d.peer.replace(/ \((?:enforce|complain|kill|prompt|unconfined)\)$/, '');
  d.signal = str(f.signal);
  d.pid = int(f.pid);
  d.comm = str(f.comm);
  d.fsuid = int(f.fsuid);
  d.ouid = int(f.ouid);
  d.access = splitMask(f.denied_mask ?? f.requested_mask ?? f.mask ?? f.denied ?? f.requested);

  if (d.family === 'unix') {
    // `none`: an unnamed socket; `?`: not known (user-space records)
    // An abstract name with bytes the kernel will not print raw comes as `@` and hex (a trailing NUL included).
    const address = (v: string | undefined) => {
      if (v === undefined || v === 'none' || v === '?') return null;
      if (/^@(?:[0-9A-F]{2})+$/.test(v)) return `@${decodeHex(v.slice(1))}`;
      return str(v);
    };
    const unix = { addr: address(f.addr), peerAddr: address(f.peer_addr) };
    if (unix.addr !== null || unix.peerAddr !== null) d.unix = unix;
  }

  const op = d.operation ?? '';
  const isDbus = op.startsWith('dbus') || f.bus !== undefined;
  if (isDbus) {
    d.dbus = { bus: str(f.bus), path: str(f.path), interface: str(f.interface), member: str(f.member), name: str(f.name) };
  } else {
    d.exe = str(f.exe);
    if (MOUNT_OPERATIONS.has(op) || d.class === 'mount') {
      d.path = str(f.name);
      d.mount = { fstype: str(f.fstype), srcname: str(f.srcname), flags: str(f.flags) };
    } else if (
      d.class === 'file' ||
      FILE_OPERATIONS.has(op) ||
      (f.name !== undefined && d.family === null && d.capability === null && op !== 'ptrace' && op !== 'signal')
    ) {
      d.path = str(f.name);
    }
  }

  const subject = parseSnapSubject(d.profile);
  if (subject) {
    d.snap = subject.snap;
    d.app = subject.app;
    d.hook = subject.hook;
  }
  return d;
}

function toSeccomp(f: Fields, line: string, message: string, journalTime: string | null): Denial {
  const d = emptyDenial('seccomp', line);
  d.time = timeOf(f, line, message, journalTime);
  d.profile = str(f.subj);
  d.pid = int(f.pid);
  d.comm = str(f.comm);
  d.exe = str(f.exe);
  d.action = seccompAction(f.code);

  const rawArch = (f.arch ?? '').toLowerCase();
  let arch: string | null = AUDIT_ARCH[rawArch] ?? ARCH_NAMES[rawArch] ?? (rawArch || null);
  if (f.compat === '1' && arch && COMPAT_ARCH[arch]) arch = COMPAT_ARCH[arch] ?? arch;
  d.arch = arch;

  const sc = f.syscall ?? '';
  if (/^\d+$/.test(sc)) {
    d.syscallNumber = int(sc);
    d.syscall = resolveSyscall(arch, d.syscallNumber) ?? str(f.__sysname) ?? str(f.SYSCALL);
  } else if (/^[a-z0-9_]+$/.test(sc)) {
    d.syscall = sc; // ausearch -i already resolved it
  }

  const subject = parseSnapSubject(d.profile);
  if (subject) {
    d.snap = subject.snap;
    d.app = subject.app;
    d.hook = subject.hook;
  } else if (d.profile === null) {
    // no AppArmor label (AppArmor off): the executable's path may still name the snap
    d.snap = snapFromExe(d.exe);
  }
  return d;
}

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
    utf8 ??= new TextDecoder('utf-8');
    message = utf8.decode(new Uint8Array(e.MESSAGE as number[]));
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

/** A copy with its own time, raw line and arrays/objects. Written out field by field: a literal of one fixed
 *  shape is faster than a spread, and TypeScript insists that a new Denial field is copied here too. */
function copyDenial(t: Denial, time: string | null, raw: string): Denial {
  return {
    kind: t.kind,
    time,
    snap: t.snap,
    app: t.app,
    hook: t.hook,
    profile: t.profile,
    operation: t.operation,
    path: t.path,
    access: t.access.slice(),
    capability: t.capability,
    family: t.family,
    sockType: t.sockType,
    peer: t.peer,
    syscall: t.syscall,
    syscallNumber: t.syscallNumber,
    arch: t.arch,
    action: t.action,
    raw,
    pid: t.pid,
    comm: t.comm,
    exe: t.exe,
    fsuid: t.fsuid,
    ouid: t.ouid,
    namespace: t.namespace,
    class: t.class,
    info: t.info,
    signal: t.signal,
    dbus: t.dbus && { ...t.dbus },
    mount: t.mount && { ...t.mount },
    ...(t.unix ? { unix: { ...t.unix } } : {}),
  };
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
