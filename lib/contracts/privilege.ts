/**
 * Whether the dashboard can change connections on a host (part of GET /api/system):
 *  - `root`: its commands run as root there;
 *  - `sudo`: sudo mode, and the host's `sudo -n -l` allows exactly `snap connect`/`snap disconnect`;
 *  - `read-only`: neither; connect/disconnect are refused (403) without running anything.
 */
export type Privilege = 'root' | 'sudo' | 'read-only';

export interface PrivilegeInfo {
  privilege: Privilege;
  /** Why, in words (sudo's own words included when it refused). */
  reason: string;
  /** The account the commands run as on the host, when known. */
  user: string | null;
  /** Read-only: the one sudoers line that would allow connect/disconnect for that account. */
  sudoersLine: string | null;
  /** Read-only: what to do after adding it (restart in sudo mode, or nothing but a re-check). */
  restartCommand: string | null;
  /** ISO time of the check. */
  checkedAt: string;
}

/** What an admin would type to make the same change by hand. */
export function manualCommand(action: 'connect' | 'disconnect', plug: string, slot?: string): string {
  return `sudo snap ${action} ${plug}${slot ? ` ${slot}` : ''}`;
}
