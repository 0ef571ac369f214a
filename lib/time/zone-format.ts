import type { HostTimeZone } from '../contracts/time-zone';

/** How much of a time to show: a clock, a clock to the second, a full date and time, or an axis tick. */
export type TimeStyle = 'time' | 'seconds' | 'datetime' | 'axis';

const STYLES: Record<TimeStyle, Intl.DateTimeFormatOptions> = {
  time: { hour: '2-digit', minute: '2-digit' },
  seconds: { hour: '2-digit', minute: '2-digit', second: '2-digit' },
  datetime: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' },
  axis: { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' },
};

export interface ZonedTime {
  /** The date and time, in the zone. */
  text: string;
  /** The zone's short name at that time ("CET", "CEST", "GMT+9", "UTC+05:30"). */
  zone: string;
  /** Whose clock it is: the host's (as its journalctl prints) or, when the host's is unknown, the browser's. */
  whose: 'host time' | 'browser time';
}

/** 24-hour clocks: journalctl and dmesg print 14:03, and "2:03 PM" beside it reads as a different time. */
function formatter(locale: string | undefined, style: TimeStyle, timeZone: string | undefined): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, { ...STYLES[style], hourCycle: 'h23', timeZone });
}

/**
 * A zone's short name at a moment. English names first: en-US knows the American abbreviations
 * ("EST"), en-GB the European ones ("CET"); other zones get Intl's "GMT+9".
 */
function zoneName(ms: number, timeZone: string | undefined): string {
  let fallback = '';
  for (const locale of ['en-US', 'en-GB']) {
    const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }).formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? '';
    if (part && !/^GMT[+-]/.test(part)) return part;
    fallback ||= part;
  }
  return fallback || 'UTC';
}

function offsetName(abbreviation: string, minutes: number): string {
  // tzdata's numeric abbreviations (`+04`) say less than the offset itself
  if (/^[A-Za-z]+$/.test(abbreviation)) return abbreviation;
  const m = Math.abs(minutes);
  return `UTC${minutes < 0 ? '-' : '+'}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** A moment shown in the host's zone, or in the browser's when the host's is unknown (and said so). */
export function zonedTime(at: string | number | Date, zone: HostTimeZone, style: TimeStyle, locale?: string): ZonedTime {
  const ms = typeof at === 'number' ? at : new Date(at).getTime();
  switch (zone.kind) {
    case 'iana':
      return { text: formatter(locale, style, zone.name).format(ms), zone: zoneName(ms, zone.name), whose: 'host time' };
    case 'offset':
      // A fixed offset: the wall clock is UTC shifted by it.
      return { text: formatter(locale, style, 'UTC').format(ms + zone.offsetMinutes * 60_000), zone: offsetName(zone.abbreviation, zone.offsetMinutes), whose: 'host time' };
    case 'unknown':
      return { text: formatter(locale, style, undefined).format(ms), zone: zoneName(ms, undefined), whose: 'browser time' };
  }
}

/** "14:03 CET (host time)". */
export function formatZoned(at: string | number | Date, zone: HostTimeZone, style: TimeStyle, locale?: string): string {
  const t = zonedTime(at, zone, style, locale);
  return `${t.text} ${t.zone} (${t.whose})`;
}

/** For a caption: "CET (host time)", or "UTC (browser time)", the zone at `at`. */
export function zoneCaption(at: string | number | Date, zone: HostTimeZone): string {
  const t = zonedTime(at, zone, 'time', 'en-GB');
  return `${t.zone} (${t.whose})`;
}

/** A page before its first answer, or an answer from a server that did not say: the browser's clock. */
export const BROWSER_ZONE: HostTimeZone = { kind: 'unknown', reason: 'not known yet' };
