import 'server-only';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { settings, type Settings } from '../config';
import { HostError, classifyFailure, toolErrorMessage } from './errors';

/**
 * The only place in the dashboard that starts processes.
 *
 * - argument arrays through spawn(), never a shell;
 * - an allow-list of binaries;
 * - LC_ALL=C so the tools print the formats the parsers know;
 * - a timeout and an output cap per command;
 * - typed errors (HostError);
 * - reads: identical concurrent calls share one process, and results live for
 *   a moment in a small cache; mutations run one at a time and clear that cache.
 */

export const ALLOWED_BINARIES = ['snap', 'microk8s', 'journalctl', 'dmesg'] as const;
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
  /** Reads only: a check that runs when the command is really about to start (not for cached or shared results). */
  beforeRun?: () => Promise<void>;
}

export const READ_TIMEOUT_MS = 15_000;
export const MUTATION_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_OUTPUT = 16 * 1024 * 1024;
// Long enough that a burst of identical requests (which the server answers one after
// another) is served by one process, short enough that the page is never stale for long.
const READ_CACHE_TTL_MS = 2_000;

function describe(bin: string, args: readonly string[]): string {
  return [bin, ...args].join(' ');
}

function childEnv(cfg: Settings): NodeJS.ProcessEnv {
  // Only what the tools need: no secrets of ours (session keys, tokens) leak into children.
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: process.env.HOME,
    USER: process.env.USER,
    LC_ALL: 'C',
    LANG: 'C',
  };
  if (cfg.hostMode === 'demo') {
    env.PATH = `${cfg.demoBinDir}${path.delimiter}${env.PATH}`;
    env.CONFINEMENT_DASHBOARD_DEMO_STATE = cfg.demoStateFile;
    for (const key of Object.keys(process.env)) {
      // The simulated host's own knobs (e.g. DEMO_SCALE, DEMO_SNAP_DENY_MUTATIONS).
      if (key.startsWith('DEMO_')) env[key] = process.env[key];
    }
  }
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  // ProcessEnv (as augmented by Next) demands NODE_ENV; children do not need it.
  return env as NodeJS.ProcessEnv;
}

/**
 * One state per process, on globalThis: Next bundles route handlers and pages
 * separately, and each bundle would otherwise get its own cache and its own
 * mutation queue (a connect from the API would not clear the pages' cache, and
 * two bundles could run mutations at once).
 */
interface HostState {
  started: number;
  inFlight: Map<string, Promise<CommandResult>>;
  readCache: Map<string, { expires: number; result: CommandResult }>;
  generation: number;
  mutationQueue: Promise<unknown>;
}
const HOST_STATE = Symbol.for('confinement-dashboard.host-state');
function hostState(): HostState {
  const holder = globalThis as { [HOST_STATE]?: HostState };
  holder[HOST_STATE] ??= { started: 0, inFlight: new Map(), readCache: new Map(), generation: 0, mutationQueue: Promise.resolve() };
  return holder[HOST_STATE];
}

/** How many processes this module has started (coalescing tests and benchmarks read it). */
export function commandsStarted(): number {
  return hostState().started;
}

/** Runs one allow-listed binary. Throws HostError on any failure. */
export function runCommand(bin: HostBinary, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
  if (!ALLOWED_BINARIES.includes(bin)) {
    return Promise.reject(new HostError({ code: 'command-failed', command: bin, message: `binary "${bin}" is not allowed` }));
  }
  for (const arg of args) {
    if (typeof arg !== 'string' || arg.includes('\0')) {
      return Promise.reject(new HostError({ code: 'command-failed', command: bin, message: 'invalid argument' }));
    }
  }
  const cfg = settings();
  const timeoutMs = options.timeoutMs ?? READ_TIMEOUT_MS;
  const maxOutput = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  const file = options.sudo ? 'sudo' : bin;
  const argv = options.sudo ? ['-n', '--', bin, ...args] : [...args];
  const command = describe(bin, args);
  const started = performance.now();
  hostState().started++;

  return new Promise((resolve, reject) => {
    let settled = false;
    const stdoutChunks: Buffer[] = [];
    const stderrChunks: Buffer[] = [];
    let outputBytes = 0;

    const child = spawn(file, argv, {
      env: childEnv(cfg),
      shell: false,
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      detached: false,
    });

    const fail = (err: HostError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    };

    const timer = setTimeout(() => {
      fail(new HostError({ code: 'timeout', command, message: `${command} did not finish within ${Math.round(timeoutMs / 1000)} s` }));
    }, timeoutMs);

    const collect = (chunks: Buffer[]) => (chunk: Buffer) => {
      outputBytes += chunk.length;
      if (outputBytes > maxOutput) {
        fail(new HostError({ code: 'output-too-large', command, message: `${command} printed more than ${maxOutput} bytes` }));
        return;
      }
      chunks.push(chunk);
    };
    child.stdout?.on('data', collect(stdoutChunks));
    child.stderr?.on('data', collect(stderrChunks));
    if (options.stdin !== undefined) child.stdin?.end(options.stdin);

    child.on('error', (err: NodeJS.ErrnoException) => {
      const code = err.code === 'ENOENT' ? 'not-installed' : err.code === 'EACCES' ? 'access-denied' : 'command-failed';
      fail(new HostError({
        code,
        command,
        message: code === 'not-installed' ? `${file} is not installed (not found on PATH)` : `cannot run ${file}: ${err.message}`,
      }));
    });

    child.on('close', (exitCode, signal) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const stdout = Buffer.concat(stdoutChunks).toString('utf8');
      const stderr = Buffer.concat(stderrChunks).toString('utf8');
      const result: CommandResult = { stdout, stderr, exitCode: exitCode ?? -1, durationMs: performance.now() - started };
      if (exitCode === 0 || (exitCode !== null && options.okExitCodes?.includes(exitCode))) {
        resolve(result);
        return;
      }
      // Tools other than snap (sudo: "a password is required") have no `error:` prefix: keep their first words.
      const toolMessage = toolErrorMessage(stderr) ?? (stderr.trim() ? stderr.trim().split('\n').slice(0, 3).join(' ').slice(0, 500) : null);
      const code = classifyFailure(stderr);
      reject(new HostError({
        code,
        command,
        exitCode,
        toolMessage,
        stdout,
        stderr,
        message: toolMessage ?? (signal ? `${command} was killed by ${signal}` : `${command} exited with status ${exitCode}`),
      }));
    });
  });
}



function keyOf(bin: HostBinary, args: readonly string[]): string {
  return JSON.stringify([bin, ...args]);
}

/**
 * A read: concurrent identical calls share one process, and a result is reused
 * for READ_CACHE_TTL_MS unless a mutation ran in between.
 */
export function readCommand(bin: HostBinary, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
  const { readCache, inFlight } = hostState();
  const key = keyOf(bin, args);
  const cached = readCache.get(key);
  if (cached && cached.expires > Date.now()) return Promise.resolve(cached.result);
  const pending = inFlight.get(key);
  if (pending) return pending;

  const startedIn = hostState().generation;
  const promise = (options.beforeRun ? options.beforeRun() : Promise.resolve())
    .then(() => runCommand(bin, args, options))
    .then((result) => {
      // A mutation that started meanwhile may have made this result stale.
      if (startedIn === hostState().generation) readCache.set(key, { result, expires: Date.now() + READ_CACHE_TTL_MS });
      return result;
    })
    .finally(() => {
      if (inFlight.get(key) === promise) inFlight.delete(key);
    });
  inFlight.set(key, promise);
  return promise;
}

/** Drops every cached read (after a mutation, or when the host may have changed). */
export function invalidateReads(): void {
  const state = hostState();
  state.generation++;
  state.readCache.clear();
  state.inFlight.clear();
}

export type MutationRunner = (bin: HostBinary, args: readonly string[], options?: RunOptions) => Promise<CommandResult>;

/**
 * Runs one state-changing action (possibly several commands, e.g. `snap
 * connect --no-wait` then `snap watch`) with the mutation lock held: actions
 * run one at a time, and every cached read is dropped before and after.
 */
export function withMutation<T>(action: (run: MutationRunner) => Promise<T>): Promise<T> {
  const run: MutationRunner = (bin, args, options = {}) =>
    runCommand(bin, args, { timeoutMs: MUTATION_TIMEOUT_MS, ...options });
  const state = hostState();
  const result = state.mutationQueue.then(() => {
    invalidateReads();
    return action(run);
  }).finally(invalidateReads);
  // A failed action must not block the ones queued after it.
  state.mutationQueue = result.catch(() => undefined);
  return result;
}
