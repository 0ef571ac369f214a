import type { Denial } from './parse';

/**
 * The memo of suggestInterfaces: answers per distinct access, because a log repeats the same denial many times.
 * It is looked up without building a key string for the common case (that cost as much as the lookup saved):
 * seccomp by syscall name, AppArmor by snap, then by what was accessed (path, else capability, family or
 * operation), then a short list of entries compared field by field. Everything a suggestion depends on is
 * compared: two denials that share an entry get the same answer.
 */

const MEMO_LIMIT = 20_000;

interface Entry<T> {
  path: string | null;
  operation: string | null;
  access: readonly string[];
  owner: boolean;
  capability: string | null;
  family: string | null;
  sockType: string | null;
  /** the fields of a D-Bus message, a unix socket's addresses or a mount's type, source and flags, with the peer */
  detail: string | null;
  snap: string | null;
  value: T;
}

/** what D-Bus, unix and mount suggestions depend on beyond the common fields */
export function detailKey(d: Denial): string | null {
  if (d.dbus) return JSON.stringify(['dbus', d.dbus.bus, d.dbus.path, d.dbus.interface, d.dbus.member, d.dbus.name, d.peer]);
  if (d.family === 'unix') return JSON.stringify(['unix', d.unix?.addr ?? null, d.unix?.peerAddr ?? null, d.peer]);
  if (d.mount) return JSON.stringify(['mount', d.mount.fstype, d.mount.srcname, d.mount.flags]);
  return null;
}

const primaryOf = (d: Denial) => d.path ?? d.capability ?? d.family ?? d.operation ?? '';
const ownerOf = (d: Denial) => d.fsuid !== null && d.fsuid === d.ouid;

function sameAccess(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export interface DenialMemo<T> {
  get(d: Denial): T | undefined;
  set(d: Denial, value: T): void;
}

export function denialMemo<T>(): DenialMemo<T> {
  let size = 0;
  const seccomp = new Map<string, T>();
  const apparmor = new Map<string, Map<string, Entry<T>[]>>();

  // detail last: it builds a string, and only for D-Bus, unix and mount denials
  const matches = (e: Entry<T>, d: Denial) =>
    e.path === d.path &&
    e.operation === d.operation &&
    e.owner === ownerOf(d) &&
    e.capability === d.capability &&
    e.family === d.family &&
    e.sockType === d.sockType &&
    e.snap === d.snap &&
    sameAccess(e.access, d.access) &&
    e.detail === detailKey(d);

  return {
    get(d) {
      if (d.kind === 'seccomp') return seccomp.get(d.syscall ?? '');
      const list = apparmor.get(d.snap ?? '')?.get(primaryOf(d));
      if (list) for (const e of list) if (matches(e, d)) return e.value;
      return undefined;
    },
    set(d, value) {
      if (size >= MEMO_LIMIT) {
        seccomp.clear();
        apparmor.clear();
        size = 0;
      }
      size++;
      if (d.kind === 'seccomp') {
        seccomp.set(d.syscall ?? '', value);
        return;
      }
      const entry: Entry<T> = {
        path: d.path,
        operation: d.operation,
        access: [...d.access],
        owner: ownerOf(d),
        capability: d.capability,
        family: d.family,
        sockType: d.sockType,
        detail: detailKey(d),
        snap: d.snap,
        value,
      };
      let bySnap = apparmor.get(d.snap ?? '');
      if (!bySnap) apparmor.set(d.snap ?? '', (bySnap = new Map()));
      const key = primaryOf(d);
      const list = bySnap.get(key);
      if (list) list.push(entry);
      else bySnap.set(key, [entry]);
    },
  };
}
