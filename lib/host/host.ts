/**
 * A host the dashboard looks after: the only door to its processes and files.
 *
 * Everything above lib/host/ asks a Host — never `child_process`, `node:fs` on
 * host paths, the snapd socket or the host mode — so a new kind of host (over
 * SSH, say) is one new implementation of this interface.
 */

// timedatectl and date: the host's time zone, which its journal's local times are in (lib/time/host-zone.ts).
export const ALLOWED_BINARIES = ['snap', 'microk8s', 'journalctl', 'dmesg', 'hostname', 'timedatectl', 'date'] as const;
export type HostBinary = (typeof ALLOWED_BINARIES)[number];

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  durationMs: number;
}

export interface RunOptions {
  timeoutMs?: number;
  maxOutputBytes?: number;
  /** Prefix with `sudo -n` (sudo mode, connect/disconnect only). */
  sudo?: boolean;
  /** Resolve instead of throwing on these non-zero exit codes. */
  okExitCodes?: number[];
  stdin?: string;
  /**
   * Mutations only: called with each piece of output as it arrives (stdout and
   * stderr, in arrival order, decoded as UTF-8) for commands that run for minutes.
   * The whole output still comes back in the result.
   */
  onOutput?: (text: string) => void;
  /** Reads only: a check that runs when the command is really about to start (not for cached or shared results). */
  beforeRun?: () => Promise<void>;
}

export type MutationRunner = (bin: HostBinary, args: readonly string[], options?: RunOptions) => Promise<CommandResult>;

export type HostTransport = 'local' | 'demo' | 'ssh';

/**
 * What the account the host's commands run as may do, as the host itself says
 * (lib/snap/privilege.ts decides what that means for the pages).
 */
export interface PrivilegeProbe {
  /** The account's name on the host (`id -un`), null when unknown. */
  user: string | null;
  /** The commands run as root (uid 0). */
  root: boolean;
  /**
   * Sudo mode only (null otherwise): `sudo -n -l` allows both `snap connect x:y`
   * and `snap disconnect x:y` without a password.
   */
  sudoRule: boolean | null;
  /** sudo's own words when it refused (first line), else null. */
  sudoDetail: string | null;
}

export interface HostCapabilities {
  transport: HostTransport;
  /** The simulated demo host: nothing on the machine changes. */
  simulated: boolean;
  /** `snap connect`/`disconnect` run through `sudo -n`. */
  sudo: boolean;
}

/** A slice of a growing file, read from where the previous read stopped. */
export interface FileTail {
  /** Whole lines only; the rest comes next time. */
  text: string;
  /** Where the next read starts; opaque to callers. */
  cursor: string;
  /** The cursor no longer fitted (rotated or truncated file): this slice starts over. */
  reset: boolean;
}

export interface Host {
  /** Stable id, used in URLs and stores (`local`, `demo`). */
  readonly id: string;
  /** What the admin calls it in the dashboard. */
  readonly name: string;
  readonly capabilities: HostCapabilities;

  /** The machine's own hostname (as `hostname` prints it). */
  hostname(): Promise<string>;

  /** A read: identical concurrent calls share one process, results are cached briefly. */
  read(bin: HostBinary, args: readonly string[], options?: RunOptions): Promise<CommandResult>;
  /** A command whose result must not be shared or cached (reads by cursor). */
  run(bin: HostBinary, args: readonly string[], options?: RunOptions): Promise<CommandResult>;
  /** A state-changing action: one at a time per host, cached reads dropped before and after. */
  mutate<T>(action: (run: MutationRunner) => Promise<T>): Promise<T>;
  /** Drops every cached read (the host may have changed). */
  invalidateReads(): void;
  /** Processes this host has started (coalescing tests and benchmarks read it). */
  commandsStarted(): number;

  /** Reads what a file gained since `cursor` (absolute path on the host). */
  readFileTail(path: string, cursor: string | null, maxBytes: number): Promise<FileTail>;
  /** Names in a directory (absolute path on the host). */
  listDir(path: string): Promise<string[]>;
  /** A small text file (absolute path on the host). */
  readSmallFile(path: string, maxBytes?: number): Promise<string>;

  /** Who the commands run as, and (in sudo mode) whether sudo allows snap connect/disconnect. Not cached here. */
  probePrivilege(): Promise<PrivilegeProbe>;

  /** Throws HostError `snapd-unreachable` at once when snapd cannot be there. */
  probeSnapd(): Promise<void>;
  /** The cgroup line of a live process, or null (gone, or not knowable on this host). */
  cgroupOf(pid: number): Promise<string | null>;
}
