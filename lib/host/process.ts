import 'server-only';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { ALLOWED_BINARIES, type CommandResult, type HostBinary, type RunOptions } from './host';
import { HostError, classifyFailure, toolErrorMessage } from './errors';

/**
 * The only place in the dashboard that starts processes: argument arrays
 * through spawn(), never a shell; an allow-list of binaries; a timeout and an
 * output cap per command; typed errors (HostError).
 */

export const READ_TIMEOUT_MS = 15_000;
export const MUTATION_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_OUTPUT = 16 * 1024 * 1024;

export function describeCommand(bin: string, args: readonly string[]): string {
  return [bin, ...args].join(' ');
}

/** Refuses what must never reach spawn(): a binary off the list, a NUL byte in an argument. */
export function checkCommand(bin: HostBinary, args: readonly string[]): HostError | null {
  if (!ALLOWED_BINARIES.includes(bin)) {
    return new HostError({ code: 'command-failed', command: bin, message: `binary "${bin}" is not allowed` });
  }
  for (const arg of args) {
    if (typeof arg !== 'string' || arg.includes('\0')) {
      return new HostError({ code: 'command-failed', command: bin, message: 'invalid argument' });
    }
  }
  return null;
}

/**
 * Where snapd puts the commands of installed snaps (`microk8s`). It is not on
 * every PATH: a service started outside systemd's snapd environment generator,
 * sudo's secure_path on non-Ubuntu hosts, a plain non-login shell.
 */
export const SNAP_BIN_DIR = '/snap/bin';
/** The allow-listed binaries that are snap apps, so live in /snap/bin. */
export const SNAP_APPS: readonly HostBinary[] = ['microk8s'];

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The program to start for `bin`: the name itself when PATH has it (spawn
 * searches PATH the same way), else a snap app's `/snap/bin/NAME`. Only for
 * plain runs: through sudo, `snap` goes by sudo's own path and a snap app by its /snap/bin path.
 */
export function resolveBinary(bin: HostBinary, env: NodeJS.ProcessEnv, snapBinDir = SNAP_BIN_DIR): string {
  if (!SNAP_APPS.includes(bin)) return bin;
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && path.isAbsolute(dir) && executable(path.join(dir, bin))) return bin;
  }
  const inSnapBin = path.join(snapBinDir, bin);
  return executable(inSnapBin) ? inSnapBin : bin;
}

/** Runs one allow-listed binary with `env` as its whole environment. Throws HostError on any failure. */
export function spawnCommand(bin: HostBinary, args: readonly string[], env: NodeJS.ProcessEnv, options: RunOptions = {}): Promise<CommandResult> {
  const refused = checkCommand(bin, args);
  if (refused) return Promise.reject(refused);
  const file = options.sudo ? 'sudo' : resolveBinary(bin, env);
  // Through sudo a snap app goes by its full path: sudo's secure_path lacks /snap/bin outside
  // Ubuntu, and the README's sudoers line names /snap/bin/microk8s exactly.
  const argv = options.sudo ? ['-n', '--', SNAP_APPS.includes(bin) ? path.join(SNAP_BIN_DIR, bin) : bin, ...args] : [...args];
  // Only the text: the raw bytes are for callers that count them (SshHost's file reads).
  return spawnProcess({ file, argv, env, command: describeCommand(bin, args) }, options).then(
    ({ stdoutBytes, ...result }) => {
      void stdoutBytes;
      return result;
    },
    (e: unknown) => {
      // Say where a snap app was looked for: its snap may be installed while the command is not on PATH.
      if (e instanceof HostError && e.code === 'not-installed' && !options.sudo && SNAP_APPS.includes(bin)) {
        throw new HostError({ code: 'not-installed', command: e.command, message: `${bin} was not found on PATH or in ${SNAP_BIN_DIR}` });
      }
      throw e;
    },
  );
}

/** The example endpoint sudo is asked about: any plug matches the sudoers line's `*`. */
export const SUDO_PROBE_ENDPOINT = 'x:y';

/**
 * Asks the host's sudo, without a password and without running anything,
 * whether the account may run exactly `snap connect x:y` and
 * `snap disconnect x:y` (`sudo -n -l -- snap …`: exit 0 and the command's
 * path when a rule allows it). The same `sudo -n -- snap` form the mutations use.
 */
export async function sudoAllowsSnapChanges(env: NodeJS.ProcessEnv): Promise<{ allowed: boolean; detail: string | null }> {
  for (const action of ['connect', 'disconnect']) {
    const args = ['-n', '-l', '--', 'snap', action, SUDO_PROBE_ENDPOINT];
    try {
      const r = await spawnProcess({ file: 'sudo', argv: args, env, command: describeCommand('sudo', args) }, { okExitCodes: [1], timeoutMs: 10_000 });
      if (r.exitCode !== 0) {
        const said = r.stderr.trim().split('\n')[0] ?? '';
        return { allowed: false, detail: said || `sudo -n -l does not allow snap ${action}` };
      }
    } catch (e) {
      return { allowed: false, detail: e instanceof Error ? e.message : String(e) };
    }
  }
  return { allowed: true, detail: null };
}

/** What spawnProcess starts, and how its failures are named. */
export interface ProcessSpec {
  /** The program spawn() starts: a host binary, `sudo`, or a transport such as `ssh`. */
  file: string;
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  /** The host command as errors name it (`snap list`), not the transport's argv. */
  command: string;
  /**
   * A failure the transport explains itself (ssh's exit 255: unreachable, host
   * key, auth) before the tool's own words are looked at; null: not the transport's.
   */
  explainFailure?: (failure: { exitCode: number | null; stdout: string; stderr: string }) => HostError | null;
}

/**
 * Starts one process with argument arrays, never a shell: a timeout and an
 * output cap, typed errors. Callers decide what may run (spawnCommand checks
 * the host allow-list; SshHost starts only `ssh`, with a remote command line
 * built from an allow-listed binary).
 */
export function spawnProcess(spec: ProcessSpec, options: RunOptions = {}): Promise<CommandResult & { stdoutBytes: Buffer }> {
  const timeoutMs = options.timeoutMs ?? READ_TIMEOUT_MS;
  const maxOutput = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  const { file, command } = spec;
  const started = performance.now();

  return new Promise((resolve, reject) => {
    let settled = false;
    const stdoutChunks: Buffer[] = [];
    const stderrChunks: Buffer[] = [];
    let outputBytes = 0;

    const child = spawn(file, [...spec.argv], {
      env: spec.env,
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

    const collect = (chunks: Buffer[]) => {
      // A character split across two chunks is decoded whole (for onOutput only).
      const decoder = new StringDecoder('utf8');
      return (chunk: Buffer) => {
        outputBytes += chunk.length;
        if (outputBytes > maxOutput) {
          fail(new HostError({ code: 'output-too-large', command, message: `${command} printed more than ${maxOutput} bytes` }));
          return;
        }
        chunks.push(chunk);
        if (options.onOutput) options.onOutput(decoder.write(chunk));
      };
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
      const stdoutBytes = Buffer.concat(stdoutChunks);
      const stdout = stdoutBytes.toString('utf8');
      const stderr = Buffer.concat(stderrChunks).toString('utf8');
      const result = { stdout, stderr, exitCode: exitCode ?? -1, durationMs: performance.now() - started, stdoutBytes };
      if (exitCode === 0 || (exitCode !== null && options.okExitCodes?.includes(exitCode))) {
        resolve(result);
        return;
      }
      const explained = spec.explainFailure?.({ exitCode, stdout, stderr });
      if (explained) {
        reject(explained);
        return;
      }
      // Tools other than snap (sudo: "a password is required") have no `error:` prefix: keep their first words.
      const toolMessage = toolErrorMessage(stderr) ?? (stderr.trim() ? stderr.trim().split('\n').slice(0, 3).join(' ').slice(0, 500) : null);
      reject(new HostError({
        code: classifyFailure(stderr),
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
