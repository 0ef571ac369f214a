'use strict';
/**
 * The demo host's `journalctl`: the kernel part of the journal (the demo's
 * journal holds kernel messages only), printed like systemd 255's journalctl.
 *
 * Semantics follow src/journal/journalctl.c and src/shared/logs-show.c:
 * - options are parsed like getopt_long (permuted, "--opt=value" or
 *   "--opt value", short options bundled, unique prefixes of long options),
 *   with glibc's error messages; journalctl then exits 1;
 * - --cursor/--after-cursor/--since are exclusive; --after-cursor shows the
 *   entries after the cursor's entry (nothing when it is the last one);
 *   --since shows the first N entries from that time when -n is given;
 *   -n N alone the last N; -g with -n implies --reverse;
 * - -o json/json-pretty/json-seq/json-sse/cat imply -q: no "-- No entries --";
 * - --show-cursor prints "-- cursor: …" after the entries, in every mode.
 * The json fields' order is systemd's hashmap order in reality (it varies);
 * here it is fixed.
 */

const fs = require('node:fs');
const { now } = require('./timefmt.js');
const { mix, strHash } = require('./prng.js');

const PROG = 'journalctl';

class JournalError extends Error {
  constructor(message, exit) {
    super(message);
    this.exit = exit === undefined ? 1 : exit;
  }
}

// --------------------------------------------------------------- getopt_long

const LONG = {
  help: ['no', 'h'], 'no-pager': ['no', 'no-pager'], 'pager-end': ['no', 'e'], follow: ['no', 'f'], output: ['req', 'o'],
  all: ['no', 'a'], full: ['no', 'l'], 'no-full': ['no', 'no-full'], lines: ['opt', 'n'], 'no-tail': ['no', 'no-tail'],
  quiet: ['no', 'q'], merge: ['no', 'm'], boot: ['opt', 'b'], 'this-boot': ['no', 'this-boot'], dmesg: ['no', 'k'],
  system: ['no', 'system'], user: ['no', 'user'], identifier: ['req', 't'], priority: ['req', 'p'], grep: ['req', 'g'],
  'case-sensitive': ['opt', 'case-sensitive'], cursor: ['req', 'c'], 'cursor-file': ['req', 'cursor-file'],
  'after-cursor': ['req', 'after-cursor'], 'show-cursor': ['no', 'show-cursor'], since: ['req', 'S'], until: ['req', 'U'],
  unit: ['req', 'u'], catalog: ['no', 'x'], reverse: ['no', 'r'], utc: ['no', 'utc'], 'no-hostname': ['no', 'no-hostname'],
};
const SHORT = { h: 'no', e: 'no', f: 'no', o: 'req', a: 'no', l: 'no', n: 'opt', q: 'no', m: 'no', b: 'opt', k: 'no', p: 'req', g: 'req', c: 'req', S: 'req', U: 'req', t: 'req', u: 'req', x: 'no', r: 'no' };

/**
 * journalctl's own look-ahead for options with an optional argument given as
 * the next word ("-n 5", "-b -1"): taken when it parses.
 */
const LOOKAHEAD = {
  n: (w) => w === 'all' || /^\d+$/.test(w),
  b: (w) => /^(all|[+-]?\d+|[0-9a-f]{32}([+-]\d+)?)$/.test(w),
};

function getopt(argv) {
  const opts = [];
  const positionals = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const given = eq < 0 ? a.slice(2) : a.slice(2, eq);
      let name = Object.prototype.hasOwnProperty.call(LONG, given) ? given : null;
      if (!name) {
        const candidates = Object.keys(LONG).filter((n) => n.startsWith(given));
        if (candidates.length === 1) name = candidates[0];
      }
      if (!name) throw new JournalError(`${PROG}: unrecognized option '--${given}'`);
      const [has, id] = LONG[name];
      let value = eq < 0 ? undefined : a.slice(eq + 1);
      if (has === 'no' && value !== undefined) throw new JournalError(`${PROG}: option '--${name}' doesn't allow an argument`);
      if (has === 'req' && value === undefined) {
        if (i + 1 >= argv.length) throw new JournalError(`${PROG}: option '--${name}' requires an argument`);
        value = argv[++i];
      }
      if (has === 'opt' && value === undefined && LOOKAHEAD[id] && i + 1 < argv.length && LOOKAHEAD[id](argv[i + 1])) value = argv[++i];
      opts.push({ id, value, bare: value === undefined });
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        const has = SHORT[c];
        if (!has) throw new JournalError(`${PROG}: invalid option -- '${c}'`);
        if (has === 'no') {
          opts.push({ id: c });
          continue;
        }
        let value = a.slice(j + 1) || undefined;
        if (has === 'req' && value === undefined) {
          if (i + 1 >= argv.length) throw new JournalError(`${PROG}: option requires an argument -- '${c}'`);
          value = argv[++i];
        }
        if (has === 'opt' && value === undefined && LOOKAHEAD[c] && i + 1 < argv.length && LOOKAHEAD[c](argv[i + 1])) value = argv[++i];
        opts.push({ id: c, value });
        break;
      }
      continue;
    }
    positionals.push(a);
  }
  return { opts, positionals };
}

// --------------------------------------------------------------- time parsing (parse_timestamp)

const UNITS = [
  [/^(us|usec|µs|μs)$/, 1e-3], [/^(ms|msec)$/, 1], [/^(s|sec|second|seconds)$/, 1e3], [/^(m|min|minute|minutes)$/, 60e3],
  [/^(h|hr|hour|hours)$/, 3600e3], [/^(d|day|days)$/, 86400e3], [/^(w|week|weeks)$/, 604800e3],
  [/^(M|month|months)$/, 2629800e3], [/^(y|year|years)$/, 31557600e3],
];

/** parse_sec: "1h 30min", "90", "2d" → ms, or null */
function parseSpan(text) {
  const s = text.trim();
  if (!s) return null;
  let total = 0;
  const re = /(\d+(?:\.\d+)?)\s*([a-zA-Zµμ]*)\s*/y;
  let pos = 0;
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) return null;
    const n = Number(m[1]);
    let factor = 1e3;
    if (m[2]) {
      const u = UNITS.find(([r]) => r.test(m[2]));
      if (!u) return null;
      factor = u[1];
    }
    total += n * factor;
    pos = re.lastIndex;
  }
  return total;
}

function startOfDay(ms, utc) {
  const d = new Date(ms);
  if (utc) return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** parse_timestamp subset → ms since the epoch, or null */
function parseTimestamp(text, nowMs) {
  let t = text.trim();
  if (t === 'now') return nowMs;
  if (t === 'today') return startOfDay(nowMs);
  if (t === 'yesterday') return startOfDay(nowMs) - 86400e3;
  if (t === 'tomorrow') return startOfDay(nowMs) + 86400e3;
  if (/^@\d+(\.\d+)?$/.test(t)) return Math.floor(Number(t.slice(1)) * 1000);
  if (t[0] === '-' || t[0] === '+') {
    const span = parseSpan(t.slice(1));
    return span === null ? null : t[0] === '-' ? nowMs - span : nowMs + span;
  }
  let m = /^(.*\S)\s+ago$/.exec(t);
  if (m) {
    const span = parseSpan(m[1]);
    return span === null ? null : nowMs - span;
  }
  m = /^(.*\S)\s+left$/.exec(t);
  if (m) {
    const span = parseSpan(m[1]);
    return span === null ? null : nowMs + span;
  }
  let utc = false;
  let offsetMin = null;
  const tz = /^(.*?)(?:\s+(UTC|GMT|Z)|(Z)|([+-])(\d\d):?(\d\d))$/.exec(t);
  if (tz && /\d/.test(tz[1])) {
    t = tz[1];
    if (tz[2] || tz[3]) utc = true;
    else offsetMin = (tz[4] === '-' ? -1 : 1) * (Number(tz[5]) * 60 + Number(tz[6]));
  }
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?$/.exec(t);
  let parts;
  if (m) parts = [Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] || 0), Number(m[5] || 0), Number(m[6] || 0), m[7] ? Number(m[7].padEnd(6, '0')) / 1000 : 0];
  else {
    m = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(t);
    if (!m) return null;
    const d = new Date(nowMs);
    parts = utc || offsetMin !== null ? [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()] : [d.getFullYear(), d.getMonth(), d.getDate()];
    parts.push(Number(m[1]), Number(m[2]), Number(m[3] || 0), 0);
  }
  if (parts[1] > 11 || parts[2] < 1 || parts[2] > 31 || parts[3] > 23 || parts[4] > 59 || parts[5] > 60) return null;
  if (utc || offsetMin !== null) return Date.UTC(...parts.slice(0, 6)) + parts[6] - (offsetMin || 0) * 60e3;
  return new Date(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], 0).getTime() + parts[6];
}

const LEVELS = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];
function levelOf(s) {
  if (/^[0-7]$/.test(s)) return Number(s);
  const i = LEVELS.indexOf(s);
  return i;
}

// --------------------------------------------------------------- options → query

function parseArgs(argv, nowMs) {
  const { opts, positionals } = getopt(argv);
  const q = {
    output: 'short', quiet: false, lines: null, linesDefault: true, reverse: false, follow: false, boot: false, bootArg: null,
    dmesg: false, since: null, until: null, cursor: null, afterCursor: null, cursorFile: null, showCursor: false,
    priorities: 0xff, grep: null, caseSensitive: null, utc: false, noHostname: false, merge: false, user: false,
    identifiers: [], units: [], matches: [], help: false, noTail: false,
  };
  for (const o of opts) {
    switch (o.id) {
      case 'h':
        q.help = true;
        break;
      case 'o': {
        const modes = ['short', 'short-precise', 'short-iso', 'short-iso-precise', 'short-monotonic', 'short-unix', 'cat', 'json', 'json-pretty', 'json-seq', 'json-sse'];
        if (!modes.includes(o.value)) throw new JournalError(`Unknown output format '${o.value}'.`);
        q.output = o.value;
        if (['json', 'json-pretty', 'json-seq', 'json-sse', 'cat'].includes(o.value)) q.quiet = true;
        break;
      }
      case 'n': {
        const v = o.value;
        if (v === undefined) q.lines = 10;
        else if (v === 'all') q.lines = -1;
        else if (/^\d+$/.test(v)) q.lines = Number(v);
        else throw new JournalError(`Failed to parse lines '${v}'`);
        q.linesDefault = false;
        break;
      }
      case 'b': {
        q.boot = true;
        const v = o.value;
        if (v !== undefined) {
          if (!/^(all|[+-]?\d+|[0-9a-f]{32}([+-]\d+)?)$/.test(v)) throw new JournalError(`Failed to parse boot descriptor '${v}'`);
          q.bootArg = v;
          if (v === 'all') q.boot = false;
        }
        break;
      }
      case 'this-boot':
        q.boot = true;
        break;
      case 'k':
        q.boot = true;
        q.dmesg = true;
        break;
      case 'e':
        if (q.linesDefault) q.lines = 1000;
        q.boot = true;
        break;
      case 'f':
        q.follow = true;
        break;
      case 'q':
        q.quiet = true;
        break;
      case 'm':
        q.merge = true;
        break;
      case 'r':
        q.reverse = true;
        break;
      case 'S':
      case 'U': {
        const t = parseTimestamp(o.value, nowMs);
        if (t === null) throw new JournalError(`Failed to parse timestamp: ${o.value}`);
        if (o.id === 'S') q.since = t;
        else q.until = t;
        break;
      }
      case 'c':
        q.cursor = o.value;
        break;
      case 'after-cursor':
        q.afterCursor = o.value;
        break;
      case 'cursor-file':
        q.cursorFile = o.value;
        break;
      case 'show-cursor':
        q.showCursor = true;
        break;
      case 'p': {
        const dots = o.value.indexOf('..');
        if (dots >= 0) {
          const from = levelOf(o.value.slice(0, dots));
          const to = levelOf(o.value.slice(dots + 2));
          if (from < 0 || to < 0) throw new JournalError(`Failed to parse log level range ${o.value}`);
          q.priorities = 0;
          for (let i = Math.min(from, to); i <= Math.max(from, to); i++) q.priorities |= 1 << i;
        } else {
          const p = levelOf(o.value);
          if (p < 0) throw new JournalError(`Unknown log level ${o.value}`);
          q.priorities = 0;
          for (let i = 0; i <= p; i++) q.priorities |= 1 << i;
        }
        break;
      }
      case 'g':
        q.grep = o.value;
        break;
      case 'case-sensitive':
        q.caseSensitive = o.value === undefined ? true : /^(1|yes|y|true|t|on)$/.test(o.value);
        break;
      case 't':
        q.identifiers.push(o.value);
        break;
      case 'u':
        q.units.push(o.value);
        break;
      case 'utc':
        q.utc = true;
        break;
      case 'no-hostname':
        q.noHostname = true;
        break;
      case 'user':
        q.user = true;
        break;
      case 'no-tail':
        q.noTail = true;
        break;
      default:
        break; // --no-pager, --system, -a, -l, --no-full, -x: nothing to do here
    }
  }
  if (q.noTail) q.lines = -1;
  if (q.follow && q.since === null && q.linesDefault) q.lines = 10;
  if (q.follow && !q.merge) q.boot = true;
  if (q.since !== null && q.until !== null && q.since > q.until) throw new JournalError('--since= must be before --until=.');
  if (!!q.cursor + !!q.afterCursor + (q.since !== null) > 1) throw new JournalError('Please specify only one of --since=, --cursor=, and --after-cursor=.');
  if (q.follow && q.reverse) throw new JournalError('Please specify either --reverse= or --follow=, not both.');
  if (q.boot && q.merge) throw new JournalError('Using --boot or --list-boots with --merge is not supported.');
  if (q.grep !== null && q.lines !== null && q.lines >= 0 && !q.follow) q.reverse = true;
  for (const p of positionals) {
    const m = /^([A-Z0-9_]+)=(.*)$/s.exec(p);
    q.matches.push(m ? [m[1], m[2]] : ['_EXE', p]);
  }
  return q;
}

// --------------------------------------------------------------- entries

function hostCtx(state) {
  const k = state.kernel;
  return { bootId: k.bootId, machineId: k.machineId, seqnumId: k.seqnumId, hostname: k.hostname, bootUs: Date.parse(k.bootTime) * 1000 };
}

function xorHash(e) {
  const a = mix(e.seq, strHash(e.msg));
  const b = mix(a, e.rt % 4294967296, e.prio);
  return (a.toString(16) + b.toString(16).padStart(8, '0')).replace(/^0+(?=.)/, '');
}

function cursorOf(ctx, e) {
  const mono = e.rt - ctx.bootUs;
  return `s=${ctx.seqnumId};i=${e.seq.toString(16)};b=${ctx.bootId};m=${mono.toString(16)};t=${e.rt.toString(16)};x=${xorHash(e)}`;
}

/** sd_journal_seek_cursor: → { seq } | { rt } | { mono } ; throws EINVAL */
function parseCursor(text, ctx) {
  const fields = {};
  for (const part of String(text).split(';')) {
    if (part.length < 2 || part[1] !== '=') throw new JournalError('Failed to seek to cursor: Invalid argument');
    const v = part.slice(2);
    switch (part[0]) {
      case 's':
      case 'b':
        if (!/^[0-9a-f]{32}$/.test(v)) throw new JournalError('Failed to seek to cursor: Invalid argument');
        fields[part[0]] = v;
        break;
      case 'i':
      case 'm':
      case 't':
      case 'x':
        if (!/^[0-9a-f]+$/.test(v)) throw new JournalError('Failed to seek to cursor: Invalid argument');
        fields[part[0]] = Number.parseInt(v, 16);
        break;
      default:
        break;
    }
  }
  if (fields.s !== undefined && fields.i !== undefined && fields.s === ctx.seqnumId) return { seq: fields.i };
  if (fields.b !== undefined && fields.m !== undefined && fields.b === ctx.bootId) return { mono: fields.m };
  if (fields.t !== undefined) return { rt: fields.t };
  if ((fields.s !== undefined && fields.i !== undefined) || (fields.b !== undefined && fields.m !== undefined)) return { none: true };
  throw new JournalError('Failed to seek to cursor: Invalid argument');
}

function atOrAfter(pos, e, ctx) {
  if (pos.none) return false;
  if (pos.seq !== undefined) return e.seq >= pos.seq;
  if (pos.mono !== undefined) return e.rt - ctx.bootUs >= pos.mono;
  return e.rt >= pos.rt;
}

const FIELD_VALUE = {
  _TRANSPORT: () => 'kernel',
  SYSLOG_IDENTIFIER: () => 'kernel',
  SYSLOG_FACILITY: () => '0',
  _RUNTIME_SCOPE: () => 'system',
  PRIORITY: (e) => String(e.prio),
  MESSAGE: (e) => e.msg,
  _SOURCE_MONOTONIC_TIMESTAMP: (e) => String(e.src),
};

function matcher(q, ctx) {
  const byField = new Map();
  for (const [f, v] of q.matches) {
    if (!byField.has(f)) byField.set(f, []);
    byField.get(f).push(v);
  }
  for (const id of q.identifiers) {
    if (!byField.has('SYSLOG_IDENTIFIER')) byField.set('SYSLOG_IDENTIFIER', []);
    byField.get('SYSLOG_IDENTIFIER').push(id);
  }
  if (q.units.length) byField.set('_SYSTEMD_UNIT', q.units); // kernel messages have no unit
  const statics = { _BOOT_ID: ctx.bootId, _MACHINE_ID: ctx.machineId, _HOSTNAME: ctx.hostname };
  let grep = null;
  if (q.grep !== null) {
    const sensitive = q.caseSensitive !== null ? q.caseSensitive : /[A-Z]/.test(q.grep);
    try {
      grep = new RegExp(q.grep, sensitive ? 'u' : 'iu');
    } catch {
      throw new JournalError(`Bad pattern "${q.grep}"`);
    }
  }
  let bootOk = true;
  if (q.bootArg !== null && q.bootArg !== 'all') {
    const m = /^([0-9a-f]{32})?([+-]?\d+)?$/.exec(q.bootArg);
    const id = m && m[1];
    const off = m && m[2] ? Number(m[2]) : 0;
    bootOk = id ? id === ctx.bootId && off === 0 : off === 0;
  }
  return (e) => {
    if (!bootOk || q.user) return false;
    if (!(q.priorities & (1 << e.prio))) return false;
    for (const [f, values] of byField) {
      const get = FIELD_VALUE[f];
      const v = get ? get(e) : statics[f];
      if (v === undefined || !values.includes(v)) return false;
    }
    if (grep && !grep.test(e.msg)) return false;
    return true;
  };
}

// --------------------------------------------------------------- output

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n) => (n < 10 ? '0' + n : String(n));
const p6 = (n) => String(n).padStart(6, '0');

function timeParts(ms, utc) {
  const d = new Date(ms);
  if (utc) return { Y: d.getUTCFullYear(), M: d.getUTCMonth(), D: d.getUTCDate(), h: d.getUTCHours(), m: d.getUTCMinutes(), s: d.getUTCSeconds(), off: 0 };
  return { Y: d.getFullYear(), M: d.getMonth(), D: d.getDate(), h: d.getHours(), m: d.getMinutes(), s: d.getSeconds(), off: -d.getTimezoneOffset() };
}

function zoneZ(off) {
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return sign + p2(Math.floor(a / 60)) + p2(a % 60);
}

function formatter(q, ctx) {
  const host = q.noHostname ? '' : ' ' + ctx.hostname;
  const tail = (e) => `${host} kernel: ${e.msg}\n`;
  const stamp = {
    short: (e) => {
      const t = timeParts(Math.floor(e.rt / 1000), q.utc);
      return `${MONTHS[t.M]} ${p2(t.D)} ${p2(t.h)}:${p2(t.m)}:${p2(t.s)}`;
    },
    'short-iso': (e) => {
      const t = timeParts(Math.floor(e.rt / 1000), q.utc);
      return `${t.Y}-${p2(t.M + 1)}-${p2(t.D)}T${p2(t.h)}:${p2(t.m)}:${p2(t.s)}${zoneZ(t.off)}`;
    },
  };
  switch (q.output) {
    case 'short':
      return (e) => stamp.short(e) + tail(e);
    case 'short-precise':
      return (e) => `${stamp.short(e)}.${p6(e.rt % 1000000)}` + tail(e);
    case 'short-iso':
      return (e) => stamp['short-iso'](e) + tail(e);
    case 'short-iso-precise':
      return (e) => {
        const s = stamp['short-iso'](e);
        return `${s.slice(0, 19)}.${p6(e.rt % 1000000)}${s.slice(19)}` + tail(e);
      };
    case 'short-monotonic':
      return (e) => `[${String(Math.floor(e.src / 1000000)).padStart(5, ' ')}.${p6(e.src % 1000000)}]` + tail(e);
    case 'short-unix':
      return (e) => `${Math.floor(e.rt / 1000000)}.${p6(e.rt % 1000000)}` + tail(e);
    case 'cat':
      return (e) => e.msg + '\n';
    default: {
      const pretty = q.output === 'json-pretty';
      const pre = q.output === 'json-seq' ? '\x1e' : q.output === 'json-sse' ? 'data: ' : '';
      const post = q.output === 'json-sse' ? '\n\n' : '\n';
      return (e) => {
        const f = [
          ['__CURSOR', cursorOf(ctx, e)],
          ['__REALTIME_TIMESTAMP', String(e.rt)],
          ['__MONOTONIC_TIMESTAMP', String(e.rt - ctx.bootUs)],
          ['_BOOT_ID', ctx.bootId],
          ['__SEQNUM', String(e.seq)],
          ['__SEQNUM_ID', ctx.seqnumId],
          ['_SOURCE_MONOTONIC_TIMESTAMP', String(e.src)],
          ['_TRANSPORT', 'kernel'],
          ['PRIORITY', String(e.prio)],
          ['SYSLOG_FACILITY', '0'],
          ['SYSLOG_IDENTIFIER', 'kernel'],
          ['MESSAGE', e.msg],
          ['_MACHINE_ID', ctx.machineId],
          ['_HOSTNAME', ctx.hostname],
          ['_RUNTIME_SCOPE', 'system'],
        ];
        if (pretty) return '{\n' + f.map(([k, v]) => `\t"${k}" : ${JSON.stringify(v)}`).join(',\n') + '\n}\n';
        let s = '{';
        for (let i = 0; i < f.length; i++) s += (i ? ',"' : '"') + f[i][0] + '":' + (f[i][0] === 'MESSAGE' ? JSON.stringify(f[i][1]) : '"' + f[i][1] + '"');
        return pre + s + '}' + post;
      };
    }
  }
}

class Out {
  constructor() {
    this.buf = '';
  }
  write(s) {
    this.buf += s;
    if (this.buf.length > 1 << 20) this.flush();
  }
  flush() {
    if (this.buf) process.stdout.write(this.buf);
    this.buf = '';
  }
}

// --------------------------------------------------------------- permissions

function deniedMode() {
  const v = (process.env.DEMO_JOURNAL_DENIED || '').toLowerCase();
  if (v === '' || v === '0' || v === 'false' || v === 'no') return null;
  return v === 'nofiles' ? 'nofiles' : 'user';
}

// Ubuntu's /var/log/journal carries an ACL for group adm, so the long hint names both groups
const HINT =
  'Hint: You are currently not seeing messages from other users and the system.\n' +
  "      Users in groups 'adm', 'systemd-journal' can see all messages.\n" +
  '      Pass -q to turn off this notice.\n';

// --------------------------------------------------------------- main

const HELP = `journalctl [OPTIONS...] [MATCHES...]

Query the journal.

The demo host's journalctl holds the kernel log only and simulates:
  -k --dmesg, -b --boot, -o --output=short|short-precise|short-iso|
  short-iso-precise|short-monotonic|short-unix|cat|json|json-pretty|json-seq|
  json-sse, -n --lines, -r --reverse, -S --since, -U --until, -c --cursor,
  --after-cursor, --cursor-file, --show-cursor, -p --priority, -g --grep,
  --case-sensitive, -t --identifier, -u --unit, -f --follow, -q --quiet,
  --no-pager, --utc, --no-hostname, FIELD=VALUE matches.
`;

function select(state, stateFile, q, ctx, nowMs, out, fmt) {
  const kernel = require('./kernel.js');
  const match = matcher(q, ctx);
  let seekPos = null;
  let after = false;
  if (q.cursorFile) {
    try {
      const text = fs.readFileSync(q.cursorFile, 'utf8').split('\n')[0];
      if (text) {
        q.afterCursor = text;
        q.cursor = null;
      }
    } catch (e) {
      if (!e || e.code !== 'ENOENT') throw new JournalError(`Failed to read cursor file ${q.cursorFile}: ${e.message}`);
    }
  }
  if (q.cursor || q.afterCursor) {
    seekPos = parseCursor(q.cursor || q.afterCursor, ctx);
    after = !!q.afterCursor;
  }
  const limit = q.lines === null ? -1 : q.lines;
  const shown = [];
  let lastMatching = null;
  let seekEntry = null;
  const emit = (e) => shown.push(e);

  if (seekPos) {
    // sd_journal_seek_cursor + sd_journal_next_skip(1 + after): only matching entries count
    let steps = 0;
    kernel.forEachEntry(state, stateFile, nowMs, (e) => {
      if (!atOrAfter(seekPos, e, ctx) || !match(e)) return true;
      steps++;
      if (steps === 1) seekEntry = e;
      if (steps <= (after ? 1 : 0)) return true;
      if (q.until !== null && e.rt > q.until * 1000) return false;
      if (limit >= 0 && shown.length >= limit) return false;
      emit(e);
      return true;
    });
  } else if (q.since !== null && !q.reverse) {
    kernel.forEachEntry(state, stateFile, nowMs, (e) => {
      if (e.rt < q.since * 1000 || !match(e)) return true;
      if (q.until !== null && e.rt > q.until * 1000) return false;
      if (limit >= 0 && shown.length >= limit) return false;
      emit(e);
      return true;
    });
  } else if (q.reverse) {
    // newest first: keep the newest `limit` matching entries within the bounds
    const ring = [];
    kernel.forEachEntry(state, stateFile, nowMs, (e) => {
      if (!match(e)) return true;
      if (q.until !== null && e.rt > q.until * 1000) return false;
      if (q.since !== null && e.rt < q.since * 1000) return true;
      ring.push(e);
      if (limit >= 0 && ring.length > limit) ring.shift();
      return true;
    });
    for (let i = ring.length - 1; i >= 0; i--) emit(ring[i]);
  } else if (limit >= 0) {
    // seek to the tail, step back `limit` matching entries, then forward (stopping at --until)
    const ring = [];
    kernel.forEachEntry(state, stateFile, nowMs, (e) => {
      if (!match(e)) return true;
      lastMatching = e;
      if (limit === 0) return true;
      ring.push(e);
      if (ring.length > limit) ring.shift();
      return true;
    });
    for (const e of ring) {
      if (q.until !== null && e.rt > q.until * 1000) break;
      emit(e);
    }
  } else {
    kernel.forEachEntry(state, stateFile, nowMs, (e) => {
      if (!match(e)) return true;
      if (q.until !== null && e.rt > q.until * 1000) return false;
      emit(e);
      return true;
    });
  }
  for (const e of shown) out.write(fmt(e));
  const position = shown.length ? shown[shown.length - 1] : seekEntry || lastMatching;
  return { shown: shown.length, position };
}

function run(argv) {
  const stateLib = require('./state.js');
  const nowMs = now();
  const q = parseArgs(argv, nowMs);
  if (q.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const denied = deniedMode();
  if (denied) {
    if (!q.quiet) process.stderr.write(HINT);
    if (denied === 'nofiles') throw new JournalError('No journal files were opened due to insufficient permissions.');
    // only the user's own journal is readable: it holds no kernel messages
    if (!q.quiet) process.stdout.write('-- No entries --\n');
    return 0;
  }
  const state = stateLib.readStateWithKernel();
  if (state.replay) throw new JournalError(stateLib.notInSnapshot('The kernel log', state));
  const stateFile = stateLib.statePath();
  const ctx = hostCtx(state);
  const fmt = formatter(q, ctx);
  const out = new Out();
  const r = select(state, stateFile, q, ctx, nowMs, out, fmt);
  let position = r.position;
  if (!q.follow) {
    if (r.shown === 0 && !q.quiet) out.write('-- No entries --\n');
  } else {
    out.flush();
    follow(q, ctx, fmt, out, position, (p) => (position = p));
    return 0;
  }
  if ((q.showCursor || q.cursorFile) && position) {
    const cursor = cursorOf(ctx, position);
    if (q.showCursor) out.write(`-- cursor: ${cursor}\n`);
    if (q.cursorFile) fs.writeFileSync(q.cursorFile, cursor);
  }
  out.flush();
  if (q.grep !== null && r.shown === 0) return 1;
  return 0;
}

/** -f: print what appears after `position`, once a second, until killed. */
function follow(q, ctx, fmt, out, position, setPosition) {
  const kernel = require('./kernel.js');
  const stateLib = require('./state.js');
  const match = matcher(q, ctx);
  let last = position ? position.seq : -1;
  const tick = () => {
    const state = stateLib.readStateWithKernel();
    kernel.forEachEntry(state, stateLib.statePath(), now(), (e) => {
      if (e.seq <= last || !match(e)) return true;
      out.write(fmt(e));
      last = e.seq;
      setPosition(e);
      return true;
    });
    out.flush();
  };
  setInterval(tick, 1000);
}

function main(argv) {
  // a reader that goes away (| head) ends us quietly, like SIGPIPE would
  process.stdout.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(0);
  });
  try {
    process.exitCode = run(argv);
  } catch (e) {
    if (e instanceof JournalError) {
      process.stderr.write(e.message + '\n');
      process.exitCode = e.exit;
      return;
    }
    process.stderr.write(`${PROG}: ${e && e.message ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}

module.exports = { main, parseTimestamp, parseSpan, parseCursor, cursorOf, getopt };
