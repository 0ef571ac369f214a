import { HostError } from './errors';
import type { HostErrorCode } from './problems';
import { sshPathOption } from './ssh-quote';

/**
 * The `ssh` client's argv for one remote command, and what its failures mean.
 * Pure: the unit tests check every option, the fleet suite (test/fleet) runs
 * them against real sshd instances.
 */

export interface SshTarget {
  /** `user@host`, `host`, or an alias from the ssh config (already checked). */
  destination: string;
  port?: number;
  identityFile?: string;
  /** The only file host keys are checked against (the system-wide list is not consulted). */
  knownHostsFile: string;
  /** The control socket of this node's one shared connection. */
  controlPath: string;
  connectTimeoutMs: number;
  /** How long the shared connection outlives its last command. */
  controlPersistS: number;
  /** `ssh -F`: an ssh config file instead of ~/.ssh/config (aliases are read from it). */
  sshConfigFile?: string;
}

const opt = (name: string, value: string | number) => ['-o', `${name}=${value}`];

/**
 * Options given on the command line win over any ssh config (first value
 * wins), so an admin's `StrictHostKeyChecking no` in ~/.ssh/config cannot
 * loosen them; what they do not set (HostName, User, Port, ProxyJump of an
 * alias) still comes from the config.
 */
export function sshArgv(t: SshTarget, remoteCommand: string): string[] {
  return [
    ...(t.sshConfigFile ? ['-F', sshPathOption('sshConfigFile', t.sshConfigFile)] : []),
    // Never a prompt: a password or passphrase question would hang the page.
    ...opt('BatchMode', 'yes'),
    // Unknown or changed host keys fail; nothing is ever written to known_hosts.
    ...opt('StrictHostKeyChecking', 'yes'),
    ...opt('UserKnownHostsFile', sshPathOption('knownHostsFile', t.knownHostsFile)),
    ...opt('GlobalKnownHostsFile', '/dev/null'),
    ...opt('UpdateHostKeys', 'no'),
    ...opt('CheckHostIP', 'no'),
    // One connection per node: the first command becomes its master, the rest ride on it.
    ...opt('ControlMaster', 'auto'),
    ...opt('ControlPath', sshPathOption('controlDir', t.controlPath)),
    ...opt('ControlPersist', `${t.controlPersistS}s`),
    ...opt('ConnectTimeout', Math.max(1, Math.ceil(t.connectTimeoutMs / 1000))),
    // A node that vanishes without closing the connection is noticed within ~30 s.
    ...opt('ServerAliveInterval', 10),
    ...opt('ServerAliveCountMax', 3),
    // Errors only (the host-key and auth messages are errors); no "Warning: Permanently added".
    ...opt('LogLevel', 'ERROR'),
    ...opt('RequestTTY', 'no'),
    ...opt('ForwardAgent', 'no'),
    ...opt('ForwardX11', 'no'),
    ...opt('ClearAllForwardings', 'yes'),
    ...opt('PermitLocalCommand', 'no'),
    ...(t.identityFile ? [...opt('IdentityFile', sshPathOption('identityFile', t.identityFile)), ...opt('IdentitiesOnly', 'yes')] : []),
    ...(t.port ? ['-p', String(t.port)] : []),
    // `--`: the destination can never be read as an option.
    '--',
    t.destination,
    remoteCommand,
  ];
}

/** `ssh -O exit`: ends the node's shared connection (config changed, host removed, tests). */
export function sshControlArgv(t: SshTarget, command: 'exit' | 'check'): string[] {
  return [
    ...(t.sshConfigFile ? ['-F', sshPathOption('sshConfigFile', t.sshConfigFile)] : []),
    ...opt('ControlPath', sshPathOption('controlDir', t.controlPath)),
    ...opt('LogLevel', 'ERROR'),
    ...(t.port ? ['-p', String(t.port)] : []),
    '-O',
    command,
    '--',
    t.destination,
  ];
}

const CONNECTION_CODES: ReadonlySet<HostErrorCode> = new Set(['host-key-unknown', 'host-key-changed', 'unreachable', 'auth-failed', 'ssh-failed']);

/** A failure of the connection itself: every other command to that node would fail the same way now. */
export function isConnectionFailure(e: HostError): boolean {
  return CONNECTION_CODES.has(e.code);
}

const firstLine = (stderr: string, pattern: RegExp) =>
  stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => pattern.test(l)) ?? stderr.trim().split(/\r?\n/)[0]?.trim() ?? '';

/**
 * ssh exits 255 for its own failures (and passes the remote exit status on
 * otherwise). The remote command could exit 255 too, so only ssh's own words
 * decide; null: not ssh's failure.
 */
export function sshFailure(node: string, knownHostsFile: string, command: string, exitCode: number | null, stderr: string): HostError | null {
  if (exitCode !== 255) return null;
  const make = (code: HostErrorCode, message: string, line: string | null) => new HostError({ code, command, exitCode, message, toolMessage: line, stderr });
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for .* has changed/.test(stderr)) {
    const fingerprint = /SHA256:[A-Za-z0-9+/=]+/.exec(stderr)?.[0];
    const line = firstLine(stderr, /has changed/);
    return make('host-key-changed', `${node}: its SSH host key has changed since it was recorded in ${knownHostsFile} — connection refused${fingerprint ? ` (the node now shows ${fingerprint})` : ''}`, line);
  }
  if (/host key is known for|Host key verification failed/.test(stderr)) {
    const line = firstLine(stderr, /host key is known for|verification failed/);
    return make('host-key-unknown', `${node}: its SSH host key is not in ${knownHostsFile}, and an unknown key is never accepted (${line})`, line);
  }
  if (/Permission denied \(|Too many authentication failures|no mutual signature|Authentication failed/.test(stderr)) {
    const line = firstLine(stderr, /Permission denied|authentication|signature/i);
    return make('auth-failed', `${node}: the node refused the dashboard's SSH key (${line})`, line);
  }
  const unreachable = /Connection refused|No route to host|Network is unreachable|timed out|Could not resolve hostname|Name or service not known|Temporary failure in name resolution|Connection closed by|closed by remote host|Connection reset|kex_exchange_identification|Broken pipe|connect to host/i;
  if (unreachable.test(stderr)) {
    const line = firstLine(stderr, unreachable);
    return make('unreachable', `${node}: cannot connect over SSH (${line})`, line);
  }
  if (/^ssh:|Bad configuration option|ControlPath|control socket|mux_client|command-line|Bad port|unix_listener/im.test(stderr)) {
    const line = firstLine(stderr, /./);
    return make('ssh-failed', `${node}: ssh failed (${line})`, line);
  }
  // No words: a lost connection (ssh says so only at a log level we do not show) or the
  // remote command's own exit 255. SshHost tells them apart by asking the connection.
  return null;
}

/** What the node's shell and sudo say when they cannot run a command; null: the tool's own failure. */
export function remoteFailure(node: string, command: string, bin: string, sudo: boolean, exitCode: number | null, stderr: string): HostError | null {
  const base = { command, exitCode, stderr };
  // dash: "exec: snap: not found", bash: "exec: snap: not found"; sudo: "sudo: snap: command not found".
  if ((exitCode === 127 && /not found/.test(stderr)) || (sudo && /^sudo: .*command not found/m.test(stderr))) {
    const missing = sudo && /sudo: not found|exec: sudo:/.test(stderr) ? 'sudo' : bin;
    return new HostError({ ...base, code: 'not-installed', message: `${node}: ${missing} is not installed (not found on PATH)`, toolMessage: stderr.trim().split('\n')[0] ?? null });
  }
  if (sudo && /a password is required|a terminal is required|is not in the sudoers|not allowed to execute|may not run sudo/.test(stderr)) {
    const line = firstLine(stderr, /^sudo:/);
    return new HostError({ ...base, code: 'sudo-refused', message: `${node}: sudo refused ${command} (${line})`, toolMessage: line });
  }
  return null;
}
