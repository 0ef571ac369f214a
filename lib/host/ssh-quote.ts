import type { HostBinary } from './host';

/**
 * ssh sends ONE string to the node, which the SSH user's login shell parses
 * (`$SHELL -c STRING`): the argument arrays the rest of the host layer uses
 * become a command line here, and nowhere else. Every argument is quoted so
 * that a POSIX shell (sh, dash, bash, zsh) hands it to the program byte for
 * byte: inside single quotes nothing is special except the single quote
 * itself, which is written as '\'' (close, escaped quote, reopen).
 */

// Words made only of these need no quotes in any POSIX shell (no glob, tilde,
// expansion, assignment `=`, zsh `=cmd`, brace or history character).
const PLAIN = /^[A-Za-z0-9_@%+,./:-]+$/;

export function shellQuote(arg: string): string {
  if (arg.includes('\0')) throw new Error('a NUL byte cannot be passed in an argument');
  if (PLAIN.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * What runs before the command on the node: the C locale (the parsers read
 * English), and /snap/bin after the user's own PATH (a non-interactive SSH
 * session often lacks it, and `microk8s` lives there). `export` rather than a
 * prefix assignment: the latter is not passed on through `exec` by every shell.
 */
export const REMOTE_PRELUDE = 'export LC_ALL=C LANG=C PATH="${PATH:-/usr/bin:/bin}:/snap/bin";';

/** `snap connect a:b` as a node's shell must read it; through `sudo -n` when asked. */
export function remoteCommandLine(bin: HostBinary, args: readonly string[], sudo = false): string {
  const argv = sudo ? ['sudo', '-n', '--', bin, ...args] : [bin, ...args];
  return `${REMOTE_PRELUDE} exec ${argv.map(shellQuote).join(' ')}`;
}

/**
 * A fixed script of ours run by the node's /bin/sh with quoted positional
 * arguments (`sh -c SCRIPT sh ARG...`): values never become script text. The
 * system's own tools come first on its PATH (the scripts need coreutils'
 * stat, tail and head, whatever the SSH user's PATH holds).
 */
export function remoteScript(script: string, args: readonly string[]): string {
  const body = `PATH=/usr/bin:/bin:$PATH\n${script}`;
  return `${REMOTE_PRELUDE} exec /bin/sh -c ${shellQuote(body)} sh ${args.map(shellQuote).join(' ')}`.trimEnd();
}

/**
 * ssh's own option values (`-o IdentityFile=…`) are split at whitespace and
 * quotes and expand `%` tokens and `~`: only plain absolute paths are passed,
 * with `%` written as `%%`.
 */
export function sshPathOption(what: string, value: string): string {
  if (!value.startsWith('/') || /[\s"'\\\0]/.test(value)) {
    throw new Error(`${what} must be an absolute path without spaces, quotes or backslashes: ${JSON.stringify(value)}`);
  }
  return value.replace(/%/g, '%%');
}

/**
 * `user@host`, `host` or an alias from ~/.ssh/config. Never starting with `-`
 * (it would be read as an option, e.g. -oProxyCommand=…), no `ssh://` URL,
 * no whitespace or shell characters.
 */
const DESTINATION = /^(?:[A-Za-z0-9_][A-Za-z0-9._-]*@)?[A-Za-z0-9_:[][A-Za-z0-9._:%[\]-]*$/;

export function checkDestination(destination: string): string {
  if (!DESTINATION.test(destination) || destination.length > 255) {
    throw new Error(`not an SSH destination (user@host, host or an ~/.ssh/config alias): ${JSON.stringify(destination)}`);
  }
  return destination;
}
