/**
 * The time of a denial: the audit(EPOCH.MS:SERIAL) stamp when there is one, else the journal's time, else the
 * time text of the line's prefix as printed (syslog, dmesg, dmesg -T, ISO 8601, a GUI log viewer's clock).
 */

import type { Fields } from './audit-fields';

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
export function auditEpochTime(s: string, open: number, close: number): string | null {
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

/** the time of a scanned record: its audit stamp, the journal time, ausearch -i local time, the prefix */
export function timeOf(f: Fields, line: string, message: string, journalTime: string | null): string | null {
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
