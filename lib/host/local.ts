import 'server-only';
import fs from 'node:fs/promises';
import os from 'node:os';
import { CommandCache } from './command-cache';
import { HostError } from './errors';
import type { CommandResult, FileTail, Host, HostBinary, HostCapabilities, MutationRunner, PrivilegeProbe, RunOptions } from './host';
import { MUTATION_TIMEOUT_MS, checkCommand, spawnCommand, sudoAllowsSnapChanges } from './process';
import { probeSnapdSocket } from './snapd-probe';

export interface LocalHostOptions {
  id: string;
  name: string;
  /** Run `snap connect`/`disconnect` through `sudo -n`. */
  sudo: boolean;
  /** The snapd socket the probe connects to. */
  snapdSocket: string;
}

// The hostname changes about never; asking once a minute keeps it true without a process per page.
const HOSTNAME_TTL_MS = 60_000;
const MAX_SMALL_FILE = 1024 * 1024;

/** The machine the dashboard runs on: its real `snap`, files and snapd socket. */
export class LocalHost implements Host {
  readonly id: string;
  readonly name: string;
  readonly capabilities: HostCapabilities;
  protected readonly cache = new CommandCache();
  private started = 0;
  private knownHostname: { value: string; expires: number } | null = null;
  private readonly snapdSocket: string;

  constructor(options: LocalHostOptions) {
    this.id = options.id;
    this.name = options.name;
    this.snapdSocket = options.snapdSocket;
    this.capabilities = this.capabilitiesFor(options);
  }

  protected capabilitiesFor(options: LocalHostOptions): HostCapabilities {
    return { transport: 'local', simulated: false, sudo: options.sudo };
  }

  /** Only what the tools need: no secrets of ours (session keys, tokens) leak into children. */
  protected childEnv(): NodeJS.ProcessEnv {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin', LC_ALL: 'C', LANG: 'C' };
    if (process.env.HOME) env.HOME = process.env.HOME;
    if (process.env.USER) env.USER = process.env.USER;
    // ProcessEnv (as augmented by Next) demands NODE_ENV; children do not need it.
    return env as NodeJS.ProcessEnv;
  }

  /** Where a host path lives on this machine (the simulated host keeps its tree elsewhere). */
  protected hostPath(path: string): string {
    return path;
  }

  /** The kernel's node name, which is what `hostname` prints; no process needed on this machine. */
  protected async readHostname(): Promise<string> {
    return os.hostname();
  }

  async hostname(): Promise<string> {
    if (this.knownHostname && this.knownHostname.expires > Date.now()) return this.knownHostname.value;
    const value = (await this.readHostname()).trim();
    if (!value) throw new HostError({ code: 'command-failed', command: 'hostname', message: 'hostname printed nothing' });
    this.knownHostname = { value, expires: Date.now() + HOSTNAME_TTL_MS };
    return value;
  }

  run(bin: HostBinary, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
    const refused = checkCommand(bin, args);
    if (refused) return Promise.reject(refused);
    this.started++;
    return spawnCommand(bin, args, this.childEnv(), options);
  }

  read(bin: HostBinary, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
    return this.cache.read(JSON.stringify([bin, ...args]), async () => {
      // Checked only when a command really starts: cached and shared reads cost nothing extra.
      if (options.beforeRun) await options.beforeRun();
      return this.run(bin, args, options);
    });
  }

  mutate<T>(action: (run: MutationRunner) => Promise<T>): Promise<T> {
    const run: MutationRunner = (bin, args, options = {}) => this.run(bin, args, { timeoutMs: MUTATION_TIMEOUT_MS, ...options });
    return this.cache.mutate(run, action);
  }

  invalidateReads(): void {
    this.cache.invalidate();
  }

  commandsStarted(): number {
    return this.started;
  }

  async readFileTail(path: string, cursor: string | null, maxBytes: number): Promise<FileTail> {
    const handle = await fs.open(this.hostPath(path), 'r');
    try {
      const stat = await handle.stat();
      const [inode, offsetText] = (cursor ?? '').split(':');
      let offset = Number(offsetText);
      let reset = false;
      if (!cursor || String(stat.ino) !== inode || !Number.isFinite(offset) || offset > stat.size) {
        // First read, or the file was rotated/truncated: read its tail.
        reset = Boolean(cursor);
        offset = Math.max(0, stat.size - maxBytes);
      }
      const length = Math.min(stat.size - offset, maxBytes);
      const buf = Buffer.alloc(length);
      await handle.read(buf, 0, length, offset);
      const end = buf.lastIndexOf(0x0a) + 1;
      return { text: buf.subarray(0, end).toString('utf8'), cursor: `${stat.ino}:${offset + end}`, reset };
    } finally {
      await handle.close();
    }
  }

  listDir(path: string): Promise<string[]> {
    return fs.readdir(this.hostPath(path));
  }

  async readSmallFile(path: string, maxBytes = MAX_SMALL_FILE): Promise<string> {
    const handle = await fs.open(this.hostPath(path), 'r');
    try {
      const buf = Buffer.alloc(maxBytes + 1);
      const { bytesRead } = await handle.read(buf, 0, maxBytes + 1, 0);
      if (bytesRead > maxBytes) throw new HostError({ code: 'output-too-large', command: `read ${path}`, message: `${path} is larger than ${maxBytes} bytes` });
      return buf.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  }

  /** This process's own uid and name; in sudo mode, what `sudo -n -l` allows. */
  /** Whether this process runs as root (tests stand in for an ordinary user). */
  protected isRoot(): boolean {
    return process.getuid?.() === 0;
  }

  async probePrivilege(): Promise<PrivilegeProbe> {
    const root = this.isRoot();
    let user: string | null = null;
    try {
      user = os.userInfo().username;
    } catch {
      // a uid without a passwd entry (a container's): the name stays unknown
    }
    if (!this.capabilities.sudo || root) return { user, root, sudoRule: null, sudoDetail: null };
    const sudo = await sudoAllowsSnapChanges(this.childEnv());
    return { user, root, sudoRule: sudo.allowed, sudoDetail: sudo.detail };
  }

  async probeSnapd(): Promise<void> {
    // Not cached: a connect costs well under a millisecond, and a stale "reachable" would hide an outage.
    const error = await probeSnapdSocket(this.snapdSocket);
    if (error) throw error;
  }

  async cgroupOf(pid: number): Promise<string | null> {
    if (!Number.isInteger(pid) || pid <= 0) return null;
    try {
      return await fs.readFile(`/proc/${pid}/cgroup`, 'utf8');
    } catch {
      return null; // gone already
    }
  }
}
