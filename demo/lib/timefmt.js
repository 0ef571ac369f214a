'use strict';
/**
 * Times as the snap CLI prints them.
 *
 * - default: timeutil.Human (snapd timeutil/human.go): the day difference is
 *   floor((noon(then) - noon(now)) / 24h) in local time, then
 *   "today at 15:04 MST", "yesterday at ...", "N days ago, at ...",
 *   "tomorrow at ...", "in N days, at ...";
 * - --abs-time: RFC 3339 in UTC without fractions ("2026-11-22T10:52:38Z").
 *
 * "now" is the real clock unless DEMO_SNAP_NOW (an ISO date) pins it.
 * The zone abbreviation comes from Intl; for UTC it is "UTC" like Go's.
 * Zones that Intl only names "GMT+1" are printed as Go prints zones without
 * an abbreviation ("+01").
 */

function now() {
  const pinned = process.env.DEMO_SNAP_NOW;
  if (pinned) {
    const t = Date.parse(pinned);
    if (!Number.isNaN(t)) return t;
  }
  return Date.now();
}

function pad2(n) {
  return n < 10 ? '0' + n : String(n);
}

function rfc3339(ms) {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

let zoneCache = null;
function zoneAbbrev(date) {
  const offset = date.getTimezoneOffset();
  const tz = process.env.TZ;
  if (offset === 0 && (tz === undefined || tz === '' || /^:?(Etc\/)?(UTC|UCT|Zulu|Universal)$/i.test(tz) || tz === 'UTC0')) {
    // An unset TZ with a UTC /etc/localtime is the common server case.
    if (tz !== undefined && tz !== '') return 'UTC';
    try {
      const n = require('node:fs').readlinkSync('/etc/localtime');
      if (/(UTC|UCT|Universal|Zulu)$/.test(n)) return 'UTC';
    } catch (e) {
      if (e && e.code === 'ENOENT') return 'UTC'; // no /etc/localtime: Go uses UTC
    }
  }
  const key = String(offset) + '|' + date.getFullYear() + '-' + date.getMonth();
  if (zoneCache && zoneCache.key === key) return zoneCache.value;
  let value = null;
  for (const locale of ['en-US', 'en-GB']) {
    try {
      const part = new Intl.DateTimeFormat(locale, { timeZoneName: 'short' })
        .formatToParts(date)
        .find((p) => p.type === 'timeZoneName');
      if (part && !/^(GMT|UTC)[+-]/.test(part.value)) {
        value = part.value;
        break;
      }
    } catch {
      /* no Intl data */
    }
  }
  if (!value) {
    const o = -offset;
    const sign = o >= 0 ? '+' : '-';
    const abs = Math.abs(o);
    value = sign + pad2(Math.floor(abs / 60)) + (abs % 60 ? pad2(abs % 60) : '');
  }
  zoneCache = { key, value };
  return value;
}

function clock(date) {
  return pad2(date.getHours()) + ':' + pad2(date.getMinutes()) + ' ' + zoneAbbrev(date);
}

function noon(date) {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate(), 12, 0, 0, 0).getTime();
}

function human(ms, nowMs) {
  const then = new Date(ms);
  const cur = new Date(nowMs === undefined ? now() : nowMs);
  const d = Math.floor((noon(then) - noon(cur)) / 3600000 / 24);
  if (d < -1) return `${-d} days ago, at ${clock(then)}`;
  if (d === -1) return `yesterday at ${clock(then)}`;
  if (d === 0) return `today at ${clock(then)}`;
  if (d === 1) return `tomorrow at ${clock(then)}`;
  return `in ${d} days, at ${clock(then)}`;
}

/** Formats an ISO time string for a table cell. */
function cell(iso, absTime) {
  if (!iso) return '-';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '-';
  return absTime ? rfc3339(ms) : human(ms);
}

module.exports = { now, human, rfc3339, cell };
