import type { FileTail } from './host';

/**
 * The node's files, read with fixed `sh` scripts (POSIX sh and GNU
 * coreutils' stat/tail/head): the path and numbers arrive as positional
 * arguments, never as script text. The answers follow LocalHost's: the same
 * `inode:offset` cursor, whole lines only, and Node-style errors (ENOENT,
 * EACCES…) for a missing or unreadable file, so callers treat both hosts alike.
 */

// Exit statuses the scripts use to say why a file cannot be read (sysexits-like, unused by the tools).
const ERRNO_BY_EXIT: Readonly<Record<number, string>> = { 66: 'ENOENT', 67: 'ENOTDIR', 68: 'EISDIR', 77: 'EACCES' };
export const FILE_SCRIPT_EXITS = Object.keys(ERRNO_BY_EXIT).map(Number);

const CHECK_FILE = '[ -e "$1" ] || exit 66; [ -d "$1" ] && exit 68; [ -r "$1" ] || exit 77;';

/**
 * $1 path, $2 cursor inode ('' for none), $3 cursor offset, $4 max bytes, $5 1 when a cursor
 * was given. Prints `inode:offset:reset` and a newline, then at most $4 bytes from offset.
 * The file is opened once (fd 3), so stat and tail see the same file even if it is rotated
 * in between; `head -c` stops at the size stat saw, so a growing file cannot overrun.
 */
export const TAIL_SCRIPT = `${CHECK_FILE}
exec 3<"$1"
st=$(stat -L -c %i:%s /dev/fd/3) || exit 1
ino=\${st%%:*}; size=\${st#*:}; off=$3; reset=0
if [ "$ino" != "$2" ] || [ "$off" -gt "$size" ]; then
  reset=$5
  if [ "$size" -gt "$4" ]; then off=$((size - $4)); else off=0; fi
fi
len=$((size - off)); if [ "$len" -gt "$4" ]; then len=$4; fi
printf '%s:%s:%s\\n' "$ino" "$off" "$reset"
if [ "$len" -gt 0 ]; then tail -c +$((off + 1)) <&3 | head -c "$len"; fi`;

/** $1 directory: every name in it (dot files too, not . and ..), each ended by a NUL byte. */
export const LIST_SCRIPT = `[ -e "$1" ] || exit 66; [ -d "$1" ] || exit 67; [ -r "$1" ] || exit 77
cd "$1" 2>/dev/null || exit 77
for f in * .*; do
  case $f in .|..) continue ;; esac
  if [ -e "$f" ] || [ -h "$f" ]; then printf '%s\\0' "$f"; fi
done`;

/** $1 file, $2 bytes: its first $2 bytes. */
export const READ_SCRIPT = `${CHECK_FILE}
exec head -c "$2" "$1"`;

/** $1 socket path: exit 0 when a socket is there. */
export const SOCKET_SCRIPT = 'test -S "$1"';

/** $1 pid (digits only, checked before): the process's cgroup lines. */
export const CGROUP_SCRIPT = 'exec cat "/proc/$1/cgroup" 2>/dev/null';

export function checkHostPath(path: string): string {
  if (!path.startsWith('/') || path.includes('\0')) throw new Error(`not an absolute path: ${JSON.stringify(path)}`);
  return path;
}

/** The arguments of TAIL_SCRIPT for a cursor as LocalHost writes it (`inode:offset`). */
export function tailArgs(path: string, cursor: string | null, maxBytes: number): string[] {
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) throw new Error(`bad maxBytes: ${maxBytes}`);
  const m = /^(\d+):(\d+)$/.exec(cursor ?? '');
  // A cursor that is not ours matches no file: read the tail, reporting a reset as LocalHost does.
  return [checkHostPath(path), m?.[1] ?? '', m?.[2] ?? '0', String(maxBytes), cursor ? '1' : '0'];
}

export function parseTail(out: Buffer): FileTail {
  const nl = out.indexOf(0x0a);
  const header = /^(\d+):(\d+):([01])$/.exec(out.subarray(0, Math.max(0, nl)).toString('latin1'));
  if (nl < 0 || !header) throw new Error('unexpected answer from the file read on the node');
  const body = out.subarray(nl + 1);
  // Whole lines only, cut on bytes (a UTF-8 character is never split).
  const end = body.lastIndexOf(0x0a) + 1;
  return { text: body.subarray(0, end).toString('utf8'), cursor: `${header[1]}:${Number(header[2]) + end}`, reset: header[3] === '1' };
}

export function parseList(out: Buffer): string[] {
  return out
    .toString('utf8')
    .split('\0')
    .filter((n) => n !== '');
}

/** The Node-style error LocalHost would have thrown for this exit status, or null. */
export function fileError(exitCode: number, path: string): NodeJS.ErrnoException | null {
  const code = ERRNO_BY_EXIT[exitCode];
  if (!code) return null;
  const e: NodeJS.ErrnoException = new Error(`${code}: cannot read ${path} on the node`);
  e.code = code;
  e.path = path;
  return e;
}
