import 'server-only';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { CommandCache } from './command-cache';
import { HostError, isHostError } from './errors';
import type { CommandResult, FileTail, Host, HostBinary, HostCapabilities, MutationRunner, PrivilegeProbe, RunOptions } from './host';
import { MUTATION_TIMEOUT_MS, READ_TIMEOUT_MS, checkCommand, describeCommand, spawnProcess } from './process';
import { Semaphore } from './semaphore';
import { SharedConnection } from './ssh-connection';
import { CGROUP_SCRIPT, FILE_SCRIPT_EXITS, LIST_SCRIPT, READ_SCRIPT, SOCKET_SCRIPT, TAIL_SCRIPT, checkHostPath, fileError, parseList, parseTail, tailArgs } from './ssh-files';
import { checkDestination, remoteCommandLine, remoteScript, sshPathOption } from './ssh-quote';
import { isConnectionFailure, remoteFailure, sshArgv, sshControlArgv, sshFailure, type SshTarget } from './ssh-transport';
import { SNAPD_SOCKET } from './snapd-probe';
import { PRIVILEGE_SCRIPT, parsePrivilegeScript } from './ssh-privilege';

export interface SshHostOptions {
  id: string;
  name: string;
  /** `user@host`, `host`, or an alias from the ssh config (which ssh honours: HostName, User, Port, ProxyJump…). */
  destination: string;
  port?: number;
  identityFile?: string;
  /** Host keys are checked against this file only; unknown or changed keys fail (never written to it). */
  knownHostsFile: string;
  /** Where the control sockets live (the dashboard's state dir); created, or narrowed, to mode 0700. */
  controlDir: string;
  /** Run `snap connect`/`disconnect` through the node's `sudo -n`. */
  sudo: boolean;
  connectTimeoutMs?: number;
  /** Per read; a mutation gets mutationTimeoutMs. Time spent waiting for a slot counts. */
  commandTimeoutMs?: number;
  mutationTimeoutMs?: number;
  /** How long the node's connection stays open after its last command (s). */
  controlPersistS?: number;
  /** `ssh -F FILE` instead of ~/.ssh/config. */
  sshConfigFile?: string;
  /** The snapd socket on the node that probeSnapd tests; null: no probe (a simulated node's snap answers at once). */
  snapdSocket?: string | null;
  /** Commands in flight to this node at once. */
  perHostLimit?: number;
  /** Shared by all nodes (default: one per process, SSH_PROCESS_LIMIT). */
  sharedLimit?: Semaphore;
  /** Tests only: a stand-in for the `ssh` client. */
  sshCommand?: string;
}

/** ssh processes at once across all nodes: enough for a fleet page, few enough for a small server. */
export const SSH_PROCESS_LIMIT = 16;
const SHARED_KEY = Symbol.for('confinement-dashboard.ssh-slots');
function sharedSlots(): Semaphore {
  const holder = globalThis as { [SHARED_KEY]?: Semaphore };
  return (holder[SHARED_KEY] ??= new Semaphore(SSH_PROCESS_LIMIT));
}

const HOSTNAME_TTL_MS = 60_000;
const MAX_SMALL_FILE = 1024 * 1024;
// sockaddr_un holds 108 bytes; ssh first binds PATH plus a 17-character random suffix.
const MAX_CONTROL_PATH = 90;

/** A node reached with the system `ssh` client: one shared connection, commands as quoted argv. */
export class SshHost implements Host {
  readonly id: string;
  readonly name: string;
  readonly capabilities: HostCapabilities;
  /** The node's control socket (tests and benchmarks count the connections behind it). */
  readonly controlPath: string;
  private readonly target: SshTarget;
  private readonly label: string;
  private readonly cache = new CommandCache();
  private readonly slots: Semaphore;
  private readonly shared: Semaphore;
  private started = 0;
  private knownHostname: { value: string; expires: number } | null = null;
  private readonly connection: SharedConnection;

  constructor(private readonly options: SshHostOptions) {
    this.id = options.id;
    this.name = options.name;
    this.capabilities = { transport: 'ssh', simulated: false, sudo: options.sudo };
    checkDestination(options.destination);
    if (options.port !== undefined && !(Number.isInteger(options.port) && options.port > 0 && options.port < 65536)) {
      throw new Error(`not a TCP port: ${options.port}`);
    }
    for (const [what, p] of [['controlDir', options.controlDir], ['knownHostsFile', options.knownHostsFile]] as const) sshPathOption(what, p);
    // Named by what defines the connection: a changed destination, port or key gets a new one.
    const key = createHash('sha256').update(JSON.stringify([options.destination, options.port, options.identityFile, options.sshConfigFile, options.knownHostsFile])).digest('hex');
    this.controlPath = path.join(options.controlDir, `cm-${key.slice(0, 20)}`);
    if (Buffer.byteLength(this.controlPath) > MAX_CONTROL_PATH) {
      throw new Error(`controlDir is too long for a unix socket path (${this.controlPath}); use a shorter state directory`);
    }
    this.target = {
      destination: options.destination,
      port: options.port,
      identityFile: options.identityFile,
      knownHostsFile: options.knownHostsFile,
      controlPath: this.controlPath,
      connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
      controlPersistS: options.controlPersistS ?? 60,
      sshConfigFile: options.sshConfigFile,
    };
    sshArgv(this.target, 'true'); // every path option checked now, not at the first command
    this.label = `${options.name} (${options.destination}${options.port ? `:${options.port}` : ''})`;
    this.slots = new Semaphore(options.perHostLimit ?? 4);
    this.connection = new SharedConnection(options.controlDir, this.controlPath);
    this.shared = options.sharedLimit ?? sharedSlots();
  }

  async hostname(): Promise<string> {
    if (this.knownHostname && this.knownHostname.expires > Date.now()) return this.knownHostname.value;
    const value = (await this.read('hostname', [])).stdout.trim().split('\n')[0] ?? '';
    if (!value) throw new HostError({ code: 'command-failed', command: 'hostname', message: `${this.label}: hostname printed nothing` });
    this.knownHostname = { value, expires: Date.now() + HOSTNAME_TTL_MS };
    return value;
  }

  run(bin: HostBinary, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
    const refused = checkCommand(bin, args);
    if (refused) return Promise.reject(refused);
    const sudo = options.sudo === true;
    return this.runOnNode(remoteCommandLine(bin, args, sudo), describeCommand(bin, args), options, bin).then(({ stdoutBytes, ...r }) => {
      void stdoutBytes;
      return r;
    });
  }

  read(bin: HostBinary, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
    return this.cache.read(JSON.stringify([bin, ...args]), async () => {
      if (options.beforeRun) await options.beforeRun();
      return this.run(bin, args, options);
    });
  }

  mutate<T>(action: (run: MutationRunner) => Promise<T>): Promise<T> {
    const timeoutMs = this.options.mutationTimeoutMs ?? MUTATION_TIMEOUT_MS;
    const run: MutationRunner = (bin, args, options = {}) => this.run(bin, args, { timeoutMs, ...options });
    return this.cache.mutate(run, action);
  }

  invalidateReads(): void {
    this.cache.invalidate();
  }

  /** ssh processes started for this node (commands, file reads and probes alike). */
  commandsStarted(): number {
    return this.started;
  }

  async readFileTail(file: string, cursor: string | null, maxBytes: number): Promise<FileTail> {
    const r = await this.script(`tail ${file}`, TAIL_SCRIPT, tailArgs(file, cursor, maxBytes), maxBytes + 4096);
    return parseTail(r);
  }

  async listDir(dir: string): Promise<string[]> {
    return parseList(await this.script(`ls ${dir}`, LIST_SCRIPT, [checkHostPath(dir)]));
  }

  async readSmallFile(file: string, maxBytes = MAX_SMALL_FILE): Promise<string> {
    const out = await this.script(`cat ${file}`, READ_SCRIPT, [checkHostPath(file), String(maxBytes + 1)], maxBytes + 1);
    if (out.length > maxBytes) throw new HostError({ code: 'output-too-large', command: `read ${file}`, message: `${file} is larger than ${maxBytes} bytes` });
    return out.toString('utf8');
  }

  /** The SSH user on the node: `id -u`, and in sudo mode the node's `sudo -n -l` for snap connect/disconnect. */
  async probePrivilege(): Promise<PrivilegeProbe> {
    const r = await this.runOnNode(remoteScript(PRIVILEGE_SCRIPT, [this.options.sudo ? '1' : '0']), 'id -u; sudo -n -l snap connect', {});
    return parsePrivilegeScript(r.stdout, this.options.sudo);
  }

  /**
   * Over SSH a probe costs one round trip on the shared connection (~10–20 ms),
   * far less than the 25 s `snap` retries for when snapd is down. `test -S`
   * sees the socket file, which systemd removes when snapd.socket stops.
   */
  async probeSnapd(): Promise<void> {
    const socket = this.options.snapdSocket === undefined ? SNAPD_SOCKET : this.options.snapdSocket;
    if (socket === null) return;
    const r = await this.runOnNode(remoteScript(SOCKET_SCRIPT, [socket]), `test -S ${socket}`, { okExitCodes: [1] });
    if (r.exitCode === 0) return;
    const message = `cannot communicate with server: dial unix ${socket}: connect: no such file or directory`;
    throw new HostError({ code: 'snapd-unreachable', command: 'snap', message, toolMessage: message });
  }

  async cgroupOf(pid: number): Promise<string | null> {
    if (!Number.isInteger(pid) || pid <= 0) return null;
    try {
      const r = await this.runOnNode(remoteScript(CGROUP_SCRIPT, [String(pid)]), `cat /proc/${pid}/cgroup`, { okExitCodes: [1] });
      return r.exitCode === 0 ? r.stdout : null;
    } catch {
      return null; // not knowable now (the node is away): the denial stays unattributed
    }
  }

  /** Ends the node's shared connection (its sessions are closed by sshd). */
  async close(): Promise<void> {
    if (!(await this.connection.live())) return;
    await spawnProcess({ file: this.sshCommand(), argv: sshControlArgv(this.target, 'exit'), env: this.sshEnv(), command: 'ssh -O exit' }, { timeoutMs: 5_000 }).catch(() => undefined);
  }

  private sshCommand(): string {
    return this.options.sshCommand ?? 'ssh';
  }

  private async script(what: string, script: string, args: string[], maxOutputBytes?: number): Promise<Buffer> {
    const r = await this.runOnNode(remoteScript(script, args), what, { okExitCodes: FILE_SCRIPT_EXITS, maxOutputBytes });
    const err = fileError(r.exitCode, args[0] ?? '');
    if (err) throw err;
    return r.stdoutBytes;
  }

  /** Only what ssh needs: its agent, home (keys, config), our locale; none of our own secrets. */
  private sshEnv(): NodeJS.ProcessEnv {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin', LC_ALL: 'C', LANG: 'C' };
    for (const key of ['HOME', 'USER', 'LOGNAME', 'SSH_AUTH_SOCK']) {
      const value = process.env[key];
      if (value) env[key] = value;
    }
    return env as NodeJS.ProcessEnv;
  }

  private timeoutError(command: string, ms: number): HostError {
    return new HostError({ code: 'timeout', command, message: `${this.label}: ${command} did not finish within ${Math.round(ms / 1000)} s` });
  }

  /** One command on the node (ssh spawned with an argument array; the remote line is quoted by ssh-quote.ts): a slot of this node, then (after its first connection) a shared slot. */
  private async runOnNode(remote: string, command: string, options: RunOptions, bin?: string): Promise<CommandResult & { stdoutBytes: Buffer }> {
    const budget = options.timeoutMs ?? this.options.commandTimeoutMs ?? READ_TIMEOUT_MS;
    const deadline = Date.now() + budget;
    const left = () => deadline - Date.now();
    await this.connection.ensureControlDir();
    const releaseNode = await this.slots.acquire(left(), () => this.timeoutError(command, budget));
    let connected: ((failure: HostError | null) => void) | null = null;
    let releaseShared: (() => void) | null = null;
    let failure: HostError | null = null;
    try {
      connected = await this.connection.turn(command, left(), () => this.timeoutError(command, budget));
      releaseShared = await this.shared.acquire(left(), () => this.timeoutError(command, budget));
      this.started++;
      return await spawnProcess(
        {
          file: this.sshCommand(),
          argv: sshArgv(this.target, remote),
          env: this.sshEnv(),
          command,
          explainFailure: ({ exitCode, stderr }) =>
            sshFailure(this.label, this.options.knownHostsFile, command, exitCode, stderr) ??
            (bin ? remoteFailure(this.label, command, bin, options.sudo === true, exitCode, stderr) : null),
        },
        { ...options, timeoutMs: Math.max(1, left()) },
      );
    } catch (caught) {
      const e = await this.lostConnection(caught, command);
      if (isHostError(e) && isConnectionFailure(e)) failure = e;
      // spawnProcess names the command only; the page must also know which node.
      if (isHostError(e) && e.code === 'timeout') throw this.timeoutError(command, budget);
      throw e;
    } finally {
      // Whatever happened, those waiting for this first connection may go on.
      connected?.(failure);
      releaseShared?.();
      releaseNode();
    }
  }

  /**
   * ssh exits 255 without a word when the connection drops under a command
   * (the master knows why, and its messages go nowhere). If the shared
   * connection is gone too, that is what happened; if it still answers, the
   * 255 was the remote command's own.
   */
  private async lostConnection(e: unknown, command: string): Promise<unknown> {
    if (!isHostError(e) || e.exitCode !== 255 || e.stderr.trim()) return e;
    // The master may still be closing when its client has already exited: look twice.
    if (await this.connection.live()) {
      await new Promise((r) => setTimeout(r, 150));
      if (await this.connection.live()) return e;
    }
    return new HostError({ code: 'unreachable', command, exitCode: 255, message: `${this.label}: cannot connect over SSH (the connection was lost during ${command})`, stderr: e.stderr });
  }
}
