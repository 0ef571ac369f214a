'use client';
import { createContext, useContext, type ReactNode } from 'react';
import type { HostTimeZone } from '@/lib/contracts/time-zone';
import { BROWSER_ZONE, formatZoned, zonedTime, type TimeStyle } from '@/lib/time/zone-format';

/**
 * The zone a page shows times in: the host's, which its journalctl prints, once an answer has
 * named it (review problem 13). Below a page without one, times are the browser's, and say so.
 */
const ZoneContext = createContext<HostTimeZone>(BROWSER_ZONE);

export function HostZoneProvider({ zone, children }: { zone: HostTimeZone | null | undefined; children: ReactNode }) {
  return <ZoneContext.Provider value={zone ?? BROWSER_ZONE}>{children}</ZoneContext.Provider>;
}

export function useHostZone(): HostTimeZone {
  return useContext(ZoneContext);
}

/** "14:03:05 CET (host time)" in a <time> element, the exact moment in its title. */
export function HostTime({ at, style = 'datetime', testId, whose = true }: { at: string; style?: TimeStyle; testId?: string; /** false: a neighbour already says whose clock */ whose?: boolean }) {
  const zone = useHostZone();
  const t = zonedTime(at, zone, style);
  return (
    <time dateTime={at} title={zone.kind === 'unknown' ? `The host's zone is unknown (${zone.reason}): this is the browser's clock.` : new Date(at).toISOString()} data-testid={testId}>
      {t.text} {t.zone}
      {whose ? <span className="text-slate-500 dark:text-slate-400"> ({t.whose})</span> : null}
    </time>
  );
}

/** Plain text, for titles and copied text. */
export function useFormatHostTime(): (at: string, style?: TimeStyle) => string {
  const zone = useHostZone();
  return (at, style = 'datetime') => formatZoned(at, zone, style);
}
