import type { HostTimeZone } from '../contracts/time-zone';

/** Whether this JavaScript engine knows the zone: a name it does not know cannot be shown. */
export function knownZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * `timedatectl show -p Timezone --value` prints the bare value and a newline (systemd's
 * bus_print_property_value: `Europe/Berlin\n`). An empty value (timedated found no /etc/localtime)
 * or a name Intl does not know gives null, and the caller asks `date`.
 */
export function parseTimedatectlZone(stdout: string): HostTimeZone | null {
  const name = stdout.trim();
  if (!name || /\s/.test(name) || !knownZone(name)) return null;
  return { kind: 'iana', name, source: 'timedatectl' };
}

/**
 * `date '+%Z %z'` (coreutils): the zone's abbreviation, a space and the numeric offset, e.g.
 * `CET +0100`, `UTC +0000`, `IST +0530`; zones without an abbreviation print the offset twice
 * (`+03 +0300`, tzdata's numeric names).
 */
export function parseDateZone(stdout: string): HostTimeZone | null {
  const m = /^(\S+) ([+-])(\d{2})(\d{2})$/.exec(stdout.trim());
  if (!m) return null;
  const [, abbreviation, sign, hh, mm] = m;
  const minutes = Number(hh) * 60 + Number(mm);
  if (minutes > 14 * 60 || Number(mm) >= 60) return null;
  return { kind: 'offset', abbreviation: abbreviation!, offsetMinutes: sign === '-' ? -minutes : minutes, source: 'date' };
}
