/**
 * The host's time zone, as its own tools report it: what `journalctl` and `dmesg -T` print local
 * times in. Carried by the answers whose times the pages show, so a page can show times as the
 * admin reads them on the host (review problem 13).
 */
export type HostTimeZone =
  /** `timedatectl show -p Timezone --value`: an IANA name, rules for every date included. */
  | { kind: 'iana'; name: string; source: 'timedatectl' }
  /**
   * No systemd (or timedated could not answer): `date '+%Z %z'`, the abbreviation and UTC offset in
   * force now. Applied to every time shown, so a time from before a daylight-saving change is off by its hour.
   */
  | { kind: 'offset'; abbreviation: string; offsetMinutes: number; source: 'date' }
  /** Neither answered: pages say they show browser time. */
  | { kind: 'unknown'; reason: string };
