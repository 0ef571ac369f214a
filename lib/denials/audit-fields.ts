/**
 * The key=value scanner of parse.ts: one left-to-right pass over a log line collects the fields it reads into
 * one fixed shape (Fields), decoding the kernel's hex-encoded untrusted strings on the way.
 */

/** the fields this module reads; one fixed shape, so the scanner allocates nothing for the rest */
export class Fields {
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
/** UTF-8 bytes → text, with one decoder for the module's lifetime */
export function decodeUtf8(bytes: Uint8Array): string {
  utf8 ??= new TextDecoder('utf-8');
  return utf8.decode(bytes);
}

export function decodeHex(hex: string): string {
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
export function scan(s: string, from: number, to: number, f: Fields, depth: number): void {
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

/** a field as an integer; null when absent, empty or not a safe integer */
export function int(v: string | undefined): number | null {
  if (v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : null;
}

/** a field as text; null when absent or empty */
export function str(v: string | undefined): string | null {
  return v === undefined || v === '' ? null : v;
}
