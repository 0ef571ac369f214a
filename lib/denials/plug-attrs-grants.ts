/**
 * docker-support, mount-control and kubernetes-support: plugs whose attributes decide what they grant. PURE module.
 * kubernetes-support's `flavor` is judged with kubernetes-flavors.ts (its header says how).
 *
 * The policy table (policy.json) cannot say it: docker-support's privileged variant is listed as docker-support
 * (its rules are merged with the base ones), and mount-control's rules are generated per plug from its `mount`
 * attribute. Sources: canonical/snapd 2.68 and 2.76.3, interfaces/builtin/docker_support.go and mount_control.go.
 *
 * docker-support (AppArmorConnectedPlug, SecCompConnectedPlug): every plug gets dockerSupportConnectedPlugAppArmor
 * (among others `capability,`, `mount,`, `umount,`, `pivot_root,`, `@{PROC}/** r,`) and its seccomp list; a plug
 * with `privileged-containers: true` also gets dockerSupportPrivilegedAppArmor — `/dev/** mrwkl,`,
 * `@{PROC}/** mrwkl,`, `/** rwlix,` (all but snap-confine), `change_profile unsafe /**`, `signal (send)` and
 * `ptrace (read, trace)` to `peer=unconfined` — and dockerSupportPrivilegedSecComp, `@unrestricted`. The
 * interface is super-privileged: its base declaration says `allow-installation: false` for plugs, so only a
 * store snap-declaration lets a snap that plugs it be installed.
 *
 * mount-control (AppArmorConnectedPlug): for each entry of the plug's `mount` list,
 *   mount fstype=(TYPES) options=(KERNEL-OPTIONS) "WHAT" -> "WHERE{,/}",
 *   umount "WHERE{,/}",
 * with `$SNAP_COMMON`/`$SNAP_DATA` at the start of WHERE expanded, TYPES the entry's `type` list (or
 * defaultFSTypes), no fstype at all when the options include `bind`, WHAT replaced by `*:**` for nfs and `//**`
 * for cifs, and only allowedKernelMountOptions kept in `options=(…)`, which AppArmor matches exactly (apparmor.d(5)
 * "Mount rules": `options=` is an exact set, `options in` a subset). Its base declaration too says
 * `allow-installation: false` for plugs (super-privileged).
 */

import type { Denial } from './parse';
import type { AttrValue, Attrs } from './file-attrs';
import policyData from './policy.json';
import { compileGlob, covers, grantedAccess, ownerAllows, usesSnapVariables } from './glob';
import { describeFlavors, FLAVORS, flavorBreadth, grantingFlavors } from './kubernetes-flavors';
import { homeVerdict } from './home-read-all';
import { unreadFilesVerdict } from './file-attrs';

/** Interfaces whose plugs' attributes the denial verdicts read (file-attrs.ts for the files ones). */
export const VERDICT_ATTR_INTERFACES = ['personal-files', 'system-files', 'kubernetes-support', 'docker-support', 'mount-control', 'home'] as const;

/**
 * What a plug's attributes say about a denial. `decided: false`: they do not matter for it (the interface's
 * fixed rules, i.e. the policy table, decide). `grants: 'unknown'`: they matter but were not read.
 */
export type AttrVerdict =
  | { decided: false }
  | { decided: true; grants: true; detail: string[]; flavor?: string }
  /** `because`: why the attribute is not the admin's to add (default: the interface is super-privileged); `condition`: the
   *  unread plug allows it only if… (default: "it is NEEDS") */
  | { decided: true; grants: false | 'unknown'; needs: string; because?: string; condition?: string }
  /** no plug of the interface allows it, whatever its attributes: `why` says so once for all of them */
  | { decided: true; grants: false; why: string };

// ------------------------------------------------------------------------------------------- docker-support

/** The rules of dockerSupportPrivilegedAppArmor that policy.json lists under docker-support with the base ones. */
const PRIVILEGED_FILE_RULES = new Set(['/dev/** mrwkl', '@{PROC}/** mrwkl']);
/** `/** rwlix` with snap-confine excluded (InsertAAREExclusionPatterns of docker_support.go). */
const SNAP_CONFINE = compileGlob('/snap/{snapd,core}/*/usr/lib/snapd/snap-confine');
const PRIVILEGED_FILES = [
  { re: compileGlob('/dev/**'), perms: 'mrwkl' },
  { re: compileGlob('@{PROC}/**'), perms: 'mrwkl' },
];

interface Rule {
  re: RegExp;
  perms: string;
  owner: boolean;
}
let dockerBase: { files: Rule[]; syscalls: Set<string> } | null = null;
function dockerBaseRules() {
  if (dockerBase) return dockerBase;
  const has = (r: { candidates: string[]; alsoGrantedBy: string[] }) => r.candidates.includes('docker-support') || r.alsoGrantedBy.includes('docker-support');
  const files = policyData.files
    // the @{SNAP_NAME} rules are Ubuntu Core's /system-data paths (dockerSupportConnectedPlugAppArmorCore)
    .filter((r) => has(r) && !PRIVILEGED_FILE_RULES.has(`${r.pattern} ${r.perms}`) && !usesSnapVariables(r.pattern))
    .map((r) => ({ re: compileGlob(r.pattern), perms: r.perms, owner: r.owner }));
  dockerBase = { files, syscalls: new Set(policyData.syscalls.filter(has).map((s) => s.syscall)) };
  return dockerBase;
}

/** Which docker-support plugs allow the denial: every one ('base'), only a privileged one, or none (null). */
export function dockerSupportLevel(d: Denial): 'base' | 'privileged' | null {
  if (d.kind === 'seccomp') {
    if (d.syscall === null) return null;
    return dockerBaseRules().syscalls.has(d.syscall) ? 'base' : 'privileged'; // @unrestricted allows any syscall
  }
  if (d.capability !== null) return 'base'; // `capability,`
  if (d.mount !== null) return d.operation === 'mount' || d.operation === 'umount' || d.operation === 'pivotroot' || d.operation === 'remount' ? 'base' : null;
  if (d.operation === 'signal' || d.operation === 'ptrace') return d.peer === 'unconfined' ? 'privileged' : null;
  if (d.family !== null || d.dbus !== null || d.path === null) return null;
  const base = new Set<string>();
  for (const r of dockerBaseRules().files) if (ownerAllows(r.owner, d.fsuid, d.ouid) && r.re.test(d.path)) for (const g of grantedAccess(r.perms)) base.add(g);
  if (covers(base, d.access)) return 'base';
  const all = new Set(base);
  for (const r of PRIVILEGED_FILES) if (r.re.test(d.path)) for (const g of grantedAccess(r.perms)) all.add(g);
  if (!SNAP_CONFINE.test(d.path)) for (const g of grantedAccess('rwlix')) all.add(g);
  return covers(all, d.access) ? 'privileged' : null;
}

const PRIVILEGED_NEEDS =
  "a docker-support plug with 'privileged-containers: true' (the privileged variant: /dev/**, /proc/**, any file, " +
  'unconfined children, unrestricted seccomp — device ownership)';

function dockerVerdict(attrs: Attrs | undefined, d: Denial): AttrVerdict {
  if (dockerSupportLevel(d) !== 'privileged') return { decided: false };
  if (!attrs) return { decided: true, grants: 'unknown', needs: PRIVILEGED_NEEDS };
  // `snap interface --attrs` prints the value as text (attrs-parse.ts): "true"
  const v = attrs['privileged-containers'];
  if (v === true || v === 'true') return { decided: true, grants: true, detail: ['privileged-containers: true'] };
  return { decided: true, grants: false, needs: PRIVILEGED_NEEDS };
}

// -------------------------------------------------------------------------------------------- mount-control

/** mount_control.go allowedKernelMountOptions: the only options that reach the AppArmor rule. */
const KERNEL_OPTIONS = new Set([
  'async', 'atime', 'bind', 'diratime', 'dirsync', 'iversion', 'lazytime', 'noatime', 'nodev', 'nodiratime', 'noexec',
  'noiversion', 'nolazytime', 'nomand', 'norelatime', 'nostrictatime', 'nosuid', 'nouser', 'relatime', 'ro', 'rw',
  'strictatime', 'sync',
]);
/** mount_control.go defaultFSTypes: the types of an entry without `type`. */
const DEFAULT_FS_TYPES = ['aufs', 'autofs', 'btrfs', 'ext2', 'ext3', 'ext4', 'hfs', 'iso9660', 'jfs', 'msdos', 'ntfs', 'ramfs', 'reiserfs', 'squashfs', 'tmpfs', 'ubifs', 'udf', 'ufs', 'vfat', 'xfs', 'zfs'];

interface MountEntry {
  what: string;
  where: string;
  types: string[];
  options: string[];
}

const strings = (v: AttrValue | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function mountEntries(attrs: Attrs): MountEntry[] {
  const list = attrs.mount;
  if (!Array.isArray(list)) return [];
  const out: MountEntry[] = [];
  for (const m of list) {
    if (m === null || typeof m !== 'object' || Array.isArray(m)) continue;
    if (typeof m.where !== 'string') continue;
    out.push({ what: typeof m.what === 'string' ? m.what : '', where: m.where, types: strings(m.type), options: strings(m.options) });
  }
  return out;
}

/**
 * The kernel's `flags="rw, nosuid, bind"` as a set. Linux security/apparmor/mount.c logs `flags=` only when some
 * flag is set and always starts with `ro` or `rw`; `rw` is the absence of MS_RDONLY, so it is dropped on both sides.
 */
function flagSet(flags: string | null | undefined): Set<string> {
  return new Set((flags ?? '').split(',').map((f) => f.trim()).filter((f) => f !== '' && f !== 'rw'));
}

/** WHERE as the rule has it: `$SNAP_COMMON`/`$SNAP_DATA` expanded (any revision: the denial's is not known here). */
function whereGlob(where: string, snap: string): string {
  const expanded = where.replace(/^\$SNAP_COMMON(?=\/|$)/, `/var/snap/${snap}/common`).replace(/^\$SNAP_DATA(?=\/|$)/, `/var/snap/${snap}/*`);
  return `${expanded.replace(/\/+$/, '')}{,/}`;
}

function describeEntry(e: MountEntry): string {
  const type = e.types.length ? ` (${e.types.join(', ')})` : '';
  const opts = e.options.length ? ` [${e.options.join(',')}]` : '';
  return `${e.what || '(share)'} → ${e.where}${type}${opts}`;
}

/** Whether one `mount` entry's rules allow the mount or umount the denial shows. */
export function mountEntryAllows(e: MountEntry, d: Denial, snap: string): boolean {
  const target = d.path ?? '';
  if (!compileGlob(whereGlob(e.where, snap)).test(target)) return false;
  if (d.operation === 'umount') return true;
  if (d.operation !== 'mount') return false; // remount, pivotroot: no mount-control rule grants them
  const isType = (t: string) => e.types.length === 1 && e.types[0] === t;
  const source = isType('nfs') ? '*:**' : isType('cifs') ? '//**' : e.what;
  if (!compileGlob(source).test(d.mount?.srcname ?? '')) return false;
  const bind = e.options.includes('bind');
  if (!bind && !(e.types.length ? e.types : DEFAULT_FS_TYPES).includes(d.mount?.fstype ?? '')) return false;
  const want = flagSet(e.options.filter((o) => KERNEL_OPTIONS.has(o)).join(','));
  const got = flagSet(d.mount?.flags);
  return want.size === got.size && [...want].every((f) => got.has(f));
}

function mountVerdict(attrs: Attrs | undefined, d: Denial): AttrVerdict {
  if (d.kind !== 'apparmor' || d.mount === null || d.snap === null) return { decided: false };
  const needs =
    `a mount-control plug whose 'mount' list has an entry for ${d.operation ?? 'mount'} of ` +
    `${d.mount.srcname ? `"${d.mount.srcname}" ` : ''}onto "${d.path ?? '?'}"` +
    `${d.mount.fstype ? `, type ${d.mount.fstype}` : ''}${d.mount.flags ? `, options exactly "${d.mount.flags}"` : ''}`;
  if (!attrs) return { decided: true, grants: 'unknown', needs };
  const allowing = mountEntries(attrs).filter((e) => mountEntryAllows(e, d, d.snap!));
  return allowing.length ? { decided: true, grants: true, detail: allowing.map(describeEntry) } : { decided: true, grants: false, needs };
}

// --------------------------------------------------------------------------------------- kubernetes-support

/**
 * A kubernetes-support plug by its flavor (kubernetes-flavors.ts). Not decided — the policy tables decide, and
 * answer.ts says the flavor's part is not known — when the flavor table has no rules of the denial's kind or the
 * flavor is one snapd does not know (BeforePreparePlug refuses to install such a snap). `named`: the interfaces
 * the policy tables name for the denial; a denial no flavor allows concerns kubernetes-support plugs only if
 * kubernetes-support is among them (then it was named for a rule of another profile).
 */
function kubernetesVerdict(attrs: Attrs | undefined, d: Denial, named: ReadonlySet<string>): AttrVerdict {
  const flavors = grantingFlavors(d);
  if (flavors === null) return { decided: false };
  const flavor = attrs === undefined ? undefined : 'flavor' in attrs ? attrs.flavor : '';
  if (flavor !== undefined && (typeof flavor !== 'string' || !FLAVORS.includes(flavor))) return { decided: false };
  if (flavors.size === 0) {
    if (!named.has('kubernetes-support')) return { decided: false };
    const elsewhere = grantingFlavors(d, true);
    const why = elsewhere?.size
      ? `kubernetes-support's rule for this is in its systemd_run child profile only, which applies to what snapd runs under ` +
        `snap.${d.snap ?? 'NAME'}.APP//systemd_run, and this was denied under ${d.profile ?? 'another profile'}`
      : "none of kubernetes-support's rules allows this";
    return { decided: true, grants: false, why };
  }
  if (flavor === undefined) {
    return flavors.size === FLAVORS.length ? { decided: true, grants: true, detail: [] } : { decided: true, grants: 'unknown', needs: describeFlavors(flavors) };
  }
  if (flavors.has(flavor)) return { decided: true, grants: true, detail: [], ...(flavor ? { flavor } : {}) };
  return { decided: true, grants: false, needs: describeFlavors(flavors) };
}

/**
 * What the plug's attributes say about this denial, for docker-support, mount-control, kubernetes-support and home
 * (home-read-all.ts) plugs, and for personal-files/system-files plugs whose attributes were not read.
 */
export function attrVerdict(iface: string, attrs: Attrs | undefined, d: Denial, named: ReadonlySet<string> = new Set()): AttrVerdict {
  if (iface === 'docker-support') return dockerVerdict(attrs, d);
  if (iface === 'mount-control') return mountVerdict(attrs, d);
  if (iface === 'kubernetes-support') return kubernetesVerdict(attrs, d, named);
  if (iface === 'home') return homeVerdict(attrs, d);
  // personal-files/system-files plugs whose attributes were read are matched by file-attrs.ts grantingPaths
  if (attrs === undefined) return unreadFilesVerdict(iface, d);
  return { decided: false };
}

// --------------------------------------------------------------------------------------- a snap's plugs

/** A row of `snap connections SNAP` (answer.ts ConnectionRow) as far as judging needs it. */
export interface PlugRow {
  interface: string;
  plug: { name: string } | null;
  slot: unknown;
}

/** answer.ts AnsweredPlug's shape. */
export interface JudgedPlug {
  plug: string;
  interface: string;
  paths?: string[];
  warning?: string;
  flavor?: string;
  /** set when its deciding attributes could not be read: it allows the denial only if MAYBE ("it is a docker-support plug with…") */
  maybe?: string;
}

/**
 * Plugs judged by their attributes in the order to offer them, the less the admin gives away the earlier:
 * mount-control (the mounts its entries name), kubernetes-support by the number of rules its flavor gets, then
 * docker-support (here only with privileged-containers: any file, unrestricted seccomp); by name within each.
 */
export function narrowestFirst(a: JudgedPlug, b: JudgedPlug): number {
  const key = (p: JudgedPlug) => (p.interface === 'kubernetes-support' ? flavorBreadth(p.flavor ?? '') : p.interface === 'docker-support' ? Number.MAX_SAFE_INTEGER : 0);
  return key(a) - key(b) || a.plug.localeCompare(b.plug);
}

/**
 * docker-support, mount-control, kubernetes-support and home plugs of the snap judged by their attributes, and
 * personal-files/system-files plugs whose attributes were not read (file-attrs.ts): those that grant the denial, those whose attributes were not read, and a line for each
 * that does not grant it. `named`: the interfaces the policy tables name for the denial.
 */
export function judgeByAttrs(d: Denial, own: readonly PlugRow[], attrs: ReadonlyMap<string, Attrs> | undefined, named: ReadonlySet<string> = new Set()) {
  const decided = new Set<string>();
  const grants = new Map<string, JudgedPlug>();
  const unsure = new Map<string, JudgedPlug>();
  const lacking: string[] = [];
  const none = new Map<string, string[]>(); // "iface\0why" → plugs no attribute would help
  const seen = new Set<string>();
  for (const row of own) {
    const name = row.plug?.name ?? '';
    if (seen.has(name)) continue;
    seen.add(name);
    const v = attrVerdict(row.interface, attrs?.get(`${d.snap}:${name}`), d, named);
    if (!v.decided) continue;
    decided.add(name);
    const plug: JudgedPlug = { plug: name, interface: row.interface };
    if (v.grants === true) {
      const flavored = v.flavor ? { ...plug, flavor: v.flavor } : plug;
      grants.set(name, row.interface === 'mount-control' ? { ...plug, paths: v.detail } : v.detail.length ? { ...plug, warning: `${name} has ${v.detail.join(', ')}` } : flavored);
    } else if ('why' in v) {
      const k = `${row.interface}\0${v.why}`;
      none.set(k, [...(none.get(k) ?? []), name]);
    } else if (v.grants === 'unknown') {
      unsure.set(name, { ...plug, maybe: v.condition ?? `it is ${v.needs}` });
    } else {
      const on = own.some((r) => r.plug?.name === name && r.slot !== null);
      const because =
        v.because ??
        `${row.interface} is super-privileged: its base declaration refuses installation (allow-installation: false), so only the store ` +
          "can grant it (snap-declaration), and the attribute is the publisher's to declare in snap.yaml";
      lacking.push(`${d.snap}:${name} (${row.interface}, ${on ? 'connected' : 'not connected'}) does not allow this: it takes ${v.needs}; ${because}`);
    }
  }
  for (const [k, names] of none) {
    const [iface, why] = k.split('\0');
    lacking.push(`${names.map((n) => `${d.snap}:${n}`).join(', ')} (${iface}) ${names.length > 1 ? 'do' : 'does'} not allow this: ${why}`);
  }
  return { decided, grants, unsure, lacking };
}
