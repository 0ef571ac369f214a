/** AppArmor records: access masks, and which fields mean what for file, mount, D-Bus, unix socket and other operations. */

import { decodeHex, int, str, type Fields } from './audit-fields';
import { timeOf } from './audit-time';
import { emptyDenial, type Denial } from './denial';
import { parseSnapSubject } from './snap-subject';

const WORD_MASKS = new Set([
  'read',
  'trace',
  'readby',
  'tracedby',
  'send',
  'receive',
  'create',
  'bind',
  'listen',
  'accept',
  'connect',
  'getattr',
  'setattr',
  'getopt',
  'setopt',
  'shutdown',
  'eavesdrop',
  'userns_create',
]);
const LETTER_MASK = /^[A-Za-z:]{1,16}$/;

const maskCache = new Map<string, string[]>();
function splitMask(v: string | undefined): string[] {
  if (!v) return [];
  const cached = maskCache.get(v);
  if (cached) return [...cached];
  const parts = readMask(v);
  if (maskCache.size > 1000) maskCache.clear();
  maskCache.set(v, parts);
  return [...parts];
}

function readMask(v: string): string[] {
  const parts = v.split(/[\s,]+/).filter(Boolean);
  const only = parts[0];
  if (parts.length === 1 && only !== undefined && !WORD_MASKS.has(only) && LETTER_MASK.test(only)) {
    const letters: string[] = [];
    for (const ch of only) if (ch !== ':' && !letters.includes(ch)) letters.push(ch);
    return letters;
  }
  return parts;
}

const FILE_OPERATIONS = new Set([
  'open',
  'mknod',
  'mkdir',
  'rmdir',
  'unlink',
  'link',
  'symlink',
  'rename_src',
  'rename_dest',
  'chmod',
  'chown',
  'getattr',
  'setattr',
  'truncate',
  'exec',
  'file_mmap',
  'file_perm',
  'file_lock',
  'file_inherit',
  'file_receive',
  'inode_permission',
]);
const MOUNT_OPERATIONS = new Set(['mount', 'umount', 'remount', 'pivotroot']);

const AA_ACTIONS: Record<string, string> = { DENIED: 'denied', ALLOWED: 'allowed', KILLED: 'killed' };

export function toApparmor(f: Fields, line: string, message: string, journalTime: string | null): Denial | null {
  const action = AA_ACTIONS[f.apparmor ?? ''];
  if (!action) return null; // STATUS, AUDIT, HINT, ERROR: not denials
  const d = emptyDenial('apparmor', line);
  d.action = action;
  d.time = timeOf(f, line, message, journalTime);
  d.profile = str(f.profile) ?? str(f.label) ?? str(f.subj);
  d.operation = str(f.operation);
  d.class = str(f.class);
  d.info = str(f.info);
  d.namespace = str(f.namespace);
  d.capability = str(f.capname);
  d.family = str(f.family);
  d.sockType = str(f.sock_type);
  d.peer = f.peer_label !== undefined ? str(f.peer_label) : str(f.peer);
  if (d.peer) d.peer = d.peer.replace(/ \((?:enforce|complain|kill|prompt|unconfined)\)$/, '');
  d.signal = str(f.signal);
  d.pid = int(f.pid);
  d.comm = str(f.comm);
  d.fsuid = int(f.fsuid);
  d.ouid = int(f.ouid);
  d.access = splitMask(f.denied_mask ?? f.requested_mask ?? f.mask ?? f.denied ?? f.requested);

  if (d.family === 'unix') {
    // `none`: an unnamed socket; `?`: not known (user-space records)
    // An abstract name with bytes the kernel will not print raw comes as `@` and hex (a trailing NUL included).
    const address = (v: string | undefined) => {
      if (v === undefined || v === 'none' || v === '?') return null;
      if (/^@(?:[0-9A-F]{2})+$/.test(v)) return `@${decodeHex(v.slice(1))}`;
      return str(v);
    };
    const unix = { addr: address(f.addr), peerAddr: address(f.peer_addr) };
    if (unix.addr !== null || unix.peerAddr !== null) d.unix = unix;
  }

  const op = d.operation ?? '';
  const isDbus = op.startsWith('dbus') || f.bus !== undefined;
  if (isDbus) {
    d.dbus = { bus: str(f.bus), path: str(f.path), interface: str(f.interface), member: str(f.member), name: str(f.name) };
  } else {
    d.exe = str(f.exe);
    if (MOUNT_OPERATIONS.has(op) || d.class === 'mount') {
      d.path = str(f.name);
      d.mount = { fstype: str(f.fstype), srcname: str(f.srcname), flags: str(f.flags) };
    } else if (
      d.class === 'file' ||
      FILE_OPERATIONS.has(op) ||
      (f.name !== undefined && d.family === null && d.capability === null && op !== 'ptrace' && op !== 'signal')
    ) {
      d.path = str(f.name);
    }
  }

  const subject = parseSnapSubject(d.profile);
  if (subject) {
    d.snap = subject.snap;
    d.app = subject.app;
    d.hook = subject.hook;
  }
  return d;
}
