import { describe, expect, it } from 'vitest';
import { formatZoned, zoneCaption, zonedTime } from './zone-format';
import { parseDateZone, parseTimedatectlZone } from './parse-zone';
import type { HostTimeZone } from '../contracts/time-zone';

// The machine running these tests is in UTC; every expected text below is a wall clock elsewhere,
// worked out by hand from the zones' rules (Berlin: UTC+1 in winter, UTC+2 from the last Sunday of
// March; Kolkata: UTC+5:30 all year), so a formatter that ignored the zone would fail.
const BERLIN: HostTimeZone = { kind: 'iana', name: 'Europe/Berlin', source: 'timedatectl' };
const WINTER = '2026-12-03T13:03:05.000Z'; // 14:03:05 in Berlin
const SUMMER = '2026-07-01T22:30:00.000Z'; // 00:30 on 2 July in Berlin

describe('times in the host zone', () => {
  it('shows the wall clock of the host zone, named, with the daylight-saving change', () => {
    expect(formatZoned(WINTER, BERLIN, 'time', 'en-GB')).toBe('14:03 CET (host time)');
    expect(formatZoned(WINTER, BERLIN, 'seconds', 'en-GB')).toBe('14:03:05 CET (host time)');
    expect(formatZoned(SUMMER, BERLIN, 'time', 'en-GB')).toBe('00:30 CEST (host time)');
    // the date is the host's too: past midnight there, not yet here
    expect(zonedTime(SUMMER, BERLIN, 'axis', 'en-GB').text).toBe('2 Jul, 00:30');
    expect(zonedTime(WINTER, BERLIN, 'datetime', 'en-GB').text).toBe('3 Dec 2026, 14:03:05');
  });

  it('uses American abbreviations where English has them, and the offset where it has none', () => {
    expect(formatZoned(WINTER, { kind: 'iana', name: 'America/New_York', source: 'timedatectl' }, 'time', 'en-GB')).toBe('08:03 EST (host time)');
    expect(formatZoned(WINTER, { kind: 'iana', name: 'Asia/Tokyo', source: 'timedatectl' }, 'time', 'en-GB')).toBe('22:03 GMT+9 (host time)');
  });

  it("a host without timedatectl: date's offset applied, named by its abbreviation or, numeric, by the offset", () => {
    expect(formatZoned(WINTER, { kind: 'offset', abbreviation: 'IST', offsetMinutes: 330, source: 'date' }, 'time', 'en-GB')).toBe('18:33 IST (host time)');
    expect(formatZoned(WINTER, { kind: 'offset', abbreviation: '+04', offsetMinutes: 240, source: 'date' }, 'time', 'en-GB')).toBe('17:03 UTC+04:00 (host time)');
    expect(formatZoned(WINTER, { kind: 'offset', abbreviation: 'NST', offsetMinutes: -210, source: 'date' }, 'time', 'en-GB')).toBe('09:33 NST (host time)');
  });

  it('an unknown host zone says it is browser time', () => {
    const t = zonedTime(WINTER, { kind: 'unknown', reason: 'x' }, 'time', 'en-GB');
    expect(t.whose).toBe('browser time');
    // this machine's zone, whatever it is: what the runtime itself says the wall clock is
    const here = new Date(WINTER);
    expect(t.text).toBe(`${String(here.getHours()).padStart(2, '0')}:${String(here.getMinutes()).padStart(2, '0')}`);
    expect(zoneCaption(WINTER, BERLIN)).toBe('CET (host time)');
  });
});

describe("reading the host's zone", () => {
  it('takes timedatectl\'s bare value, and refuses empty or unknown names', () => {
    expect(parseTimedatectlZone('Europe/Berlin\n')).toEqual(BERLIN);
    expect(parseTimedatectlZone('Etc/UTC\n')).toEqual({ kind: 'iana', name: 'Etc/UTC', source: 'timedatectl' });
    expect(parseTimedatectlZone('\n')).toBeNull();
    expect(parseTimedatectlZone('Mars/Olympus_Mons\n')).toBeNull();
    expect(parseTimedatectlZone('Timezone=Europe/Berlin\n')).toBeNull();
  });

  it("takes date '+%Z %z' (abbreviation and offset), and refuses anything else", () => {
    expect(parseDateZone('CET +0100\n')).toEqual({ kind: 'offset', abbreviation: 'CET', offsetMinutes: 60, source: 'date' });
    expect(parseDateZone('NST -0330\n')).toEqual({ kind: 'offset', abbreviation: 'NST', offsetMinutes: -210, source: 'date' });
    expect(parseDateZone('+04 +0400\n')).toEqual({ kind: 'offset', abbreviation: '+04', offsetMinutes: 240, source: 'date' });
    expect(parseDateZone('CET\n')).toBeNull();
    expect(parseDateZone('CET +0175\n')).toBeNull();
    expect(parseDateZone('Thu Dec  3 14:03:05 CET 2026\n')).toBeNull();
  });
});
