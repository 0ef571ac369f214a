/**
 * Plain-language explanations of snap interfaces, for an admin deciding whether
 * to click "Connect". Pure (no I/O); the table itself is interface-info.json.
 *
 * Sources (facts are taken from these, not from memory):
 * - `grants`: snapd 2.76.3 plug-side policy as tabulated in
 *   lib/denials/policy.json (the vendored copy of the shared reference's denial-policy.json) (AppArmor file rules,
 *   capabilities, network rules, seccomp syscalls of `interfaces/builtin/*.go`).
 *   Interfaces whose plug side is D-Bus rules or paths taken from plug/slot
 *   attributes, which that table does not list (dbus, content, personal-files,
 *   system-files, serial-port, gpio, spi, hidraw, password-manager-service,
 *   upower-observe, shutdown, ...), are described from snapd's own summary
 *   (`snap interface --all`,
 *   test/fixtures/snapd-lab/11-snap-interface-all.stdout) and the
 *   attribute checks compiled into snapd (e.g. kernel-module-load "name"/"load"/
 *   "options", mount-control "where").
 * - `superPrivileged`: the plug-side base declaration (`allow-installation: false`)
 *   read from the snapd 2.57.6 binary of the lab host (/usr/lib/snapd/snapd,
 *   Debian 12), cross-checked with snap-reference.md §4.4 and with
 *   denial-policy.json (2.76.3), where "candidates" are exactly the interfaces an
 *   ordinary snap may plug. Interfaces newer than 2.57.6 (nvidia-drivers-support)
 *   follow denial-policy.json only.
 * - `autoConnect`: the same base declaration (`deny-auto-connection`), confirmed by
 *   the lab's fresh install of the strict MicroK8s snap
 *   (transcripts/cli/05-snap-connections-all.stdout: only home, network,
 *   network-bind and opengl connected by themselves, on a classic host).
 * - MicroK8s plug list: snap-reference.md §5.3 (canonical/microk8s 1.31-strict).
 *
 * A store snap-declaration can grant installation or auto-connection to one snap
 * in particular; these fields describe snapd's defaults for any snap.
 */

import ENTRIES_DATA from './interface-info.json';

/** `unknown`: the interface has no curated explanation here; only snapd's summary is known (review problem 10). */
export type InterfaceRisk = 'low' | 'medium' | 'high' | 'critical' | 'unknown';

export interface InterfaceInfo {
  name: string;
  /** Short human title, e.g. "Read system logs". */
  title: string;
  /** One or two plain sentences: what connecting lets the snap do. */
  grants: string;
  /**
   * critical = equivalent to root / escapes confinement; high = broad control of
   * the host; medium = reads sensitive host state; low = benign.
   */
  risk: InterfaceRisk;
  /** Why this risk level, one sentence. */
  riskReason: string;
  /** snapd's base declaration forbids the plug for ordinary store snaps (`allow-installation: false`). */
  superPrivileged: boolean;
  /**
   * snapd's base declaration lets it connect by itself (no `deny-auto-connection`),
   * judged for a classic (non Ubuntu Core) system and default plug attributes;
   * see `autoConnectCondition` when that depends on the system or attributes.
   */
  autoConnect: boolean;
  /** When auto-connection depends on the system or on plug attributes, the rule in words. */
  autoConnectCondition?: string;
  /**
   * true only for the fallback `describeInterface` builds for interfaces this
   * module does not know: the text is snapd's generic summary, not a curated
   * explanation, and risk/superPrivileged/autoConnect are guesses.
   */
  generic?: boolean;
}

type Entry = Omit<InterfaceInfo, 'name' | 'generic'>;

// The curated table is data (interface-info.json); this module only reads it. It runs on
// the server: pages receive the explanations they show, not the whole table.
const ENTRIES = ENTRIES_DATA as Record<string, Entry>;

function freezeEntry(name: string, e: Entry): InterfaceInfo {
  return Object.freeze({ name, ...e, generic: false });
}

/** Curated explanations, keyed by interface name. */
export const INTERFACE_INFO: Readonly<Record<string, InterfaceInfo>> = Object.freeze(
  Object.fromEntries(Object.entries(ENTRIES).map(([name, e]) => [name, freezeEntry(name, e)])),
);

/** The curated explanation of an interface, or null when there is none. */
export function interfaceInfo(name: string): InterfaceInfo | null {
  return Object.prototype.hasOwnProperty.call(INTERFACE_INFO, name) ? (INTERFACE_INFO[name] ?? null) : null;
}

/** "kernel-module-observe" -> "Kernel module observe". */
function titleFromName(name: string): string {
  const words = name.split('-').filter(Boolean).join(' ');
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Unknown interface';
}

/**
 * The explanation to show for an interface: the curated entry when there is one,
 * otherwise a generic one built from snapd's own summary (`generic: true`, risk
 * 'unknown' because nothing is known, and not auto-connected / not
 * super-privileged as a guess the UI should present as unknown).
 */
export function describeInterface(name: string, snapdSummary?: string): InterfaceInfo {
  const known = interfaceInfo(name);
  if (known) return known;
  const summary = snapdSummary?.trim();
  return Object.freeze({
    name,
    title: titleFromName(name),
    grants: summary
      ? `snapd's summary: ${summary.charAt(0).toUpperCase()}${summary.slice(1)}${/[.!?]$/.test(summary) ? '' : '.'}`
      : 'No description of this interface is known here, and snapd gave none.',
    risk: 'unknown',
    riskReason: 'Not in the dashboard\'s list of explained interfaces, so the risk is unknown; read the interface\'s documentation before connecting.',
    superPrivileged: false,
    autoConnect: false,
    generic: true,
  });
}
