/** One AppArmor or seccomp denial as read from a log line (parse.ts), and the two ways one is made. */

export interface Denial {
  kind: 'apparmor' | 'seccomp';
  /** ISO 8601 (UTC) when the line carries an absolute time (audit(epoch), journal JSON, ISO prefix with offset),
   *  otherwise the time text of the prefix as printed (`Jun  2 23:11:13`, `[ 2367.637333]`), or null */
  time: string | null;
  /** the snap's instance name, from a `snap.NAME.APP` / `snap.NAME.hook.H` subject or `exe="/snap/NAME/REV/…"` */
  snap: string | null;
  app: string | null;
  hook: string | null;
  /** raw subject: profile= / label= / subj= */
  profile: string | null;
  operation: string | null;
  /** name= of file-like AppArmor operations (and the mount point of mount operations), hex decoded */
  path: string | null;
  /** denied_mask (else requested_mask, mask=, denied=) split into letters (`wc` → w, c) or words (`send receive`) */
  access: string[];
  capability: string | null;
  family: string | null;
  sockType: string | null;
  /** peer= (ptrace, signal, unix) or peer_label= (D-Bus) */
  peer: string | null;
  syscall: string | null;
  syscallNumber: number | null;
  /** libseccomp architecture name (x86_64, x86, aarch64, arm, ppc64le, s390x, riscv64, …) or the raw arch= */
  arch: string | null;
  /** "denied" | "allowed" | "killed" for AppArmor; the seccomp action for seccomp (errno, log, kill_process, …) */
  action: string | null;
  raw: string;
  pid: number | null;
  comm: string | null;
  exe: string | null;
  fsuid: number | null;
  ouid: number | null;
  /** extra: AppArmor policy namespace (namespace=), set when the denial comes from inside a container */
  namespace: string | null;
  /** extra: class= (file, cap, net, ptrace, signal, mount, dbus, namespace…) */
  class: string | null;
  /** extra: info= (`failed perms check`, `failed flags match`…) */
  info: string | null;
  /** extra: signal= of signal denials */
  signal: string | null;
  /** extra: D-Bus details */
  dbus: { bus: string | null; path: string | null; interface: string | null; member: string | null; name: string | null } | null;
  /** extra: mount details */
  mount: { fstype: string | null; srcname: string | null; flags: string | null } | null;
  /** extra: a unix socket's own address and its peer's (addr=, peer_addr=; `@…` is an abstract socket), when logged */
  unix?: { addr: string | null; peerAddr: string | null };
}

export function emptyDenial(kind: Denial['kind'], raw: string): Denial {
  return {
    kind,
    time: null,
    snap: null,
    app: null,
    hook: null,
    profile: null,
    operation: null,
    path: null,
    access: [],
    capability: null,
    family: null,
    sockType: null,
    peer: null,
    syscall: null,
    syscallNumber: null,
    arch: null,
    action: null,
    raw,
    pid: null,
    comm: null,
    exe: null,
    fsuid: null,
    ouid: null,
    namespace: null,
    class: null,
    info: null,
    signal: null,
    dbus: null,
    mount: null,
  };
}

/** A copy with its own time, raw line and arrays/objects. Written out field by field: a literal of one fixed
 *  shape is faster than a spread, and TypeScript insists that a new Denial field is copied here too. */
export function copyDenial(t: Denial, time: string | null, raw: string): Denial {
  return {
    kind: t.kind,
    time,
    snap: t.snap,
    app: t.app,
    hook: t.hook,
    profile: t.profile,
    operation: t.operation,
    path: t.path,
    access: t.access.slice(),
    capability: t.capability,
    family: t.family,
    sockType: t.sockType,
    peer: t.peer,
    syscall: t.syscall,
    syscallNumber: t.syscallNumber,
    arch: t.arch,
    action: t.action,
    raw,
    pid: t.pid,
    comm: t.comm,
    exe: t.exe,
    fsuid: t.fsuid,
    ouid: t.ouid,
    namespace: t.namespace,
    class: t.class,
    info: t.info,
    signal: t.signal,
    dbus: t.dbus && { ...t.dbus },
    mount: t.mount && { ...t.mount },
    ...(t.unix ? { unix: { ...t.unix } } : {}),
  };
}
