/**
 * Which interfaces would allow what a denial shows, reconstructed the way snappy-debug suggests plugs
 * (shared reference §4.3/§4.4) from snapd 2.76.3's plug-side policy (policy.json, see POLICY-PROVENANCE.md).
 *
 * PURE module. The policy's 1317 file globs are compiled once, on first use, and indexed by the first path
 * segment they can match (suggest-policy.ts); answers are memoised (suggest-memo.ts) because logs repeat the same denial many times.
 * D-Bus, unix socket and mount denials are matched against their own generated tables (suggest-dbus.ts,
 * suggest-unix.ts, suggest-mount.ts).
 *
 * - candidates: interfaces an ordinary snap may plug whose rules grant the access (what snappy-debug lists).
 * - privileged: super-privileged interfaces (allow-installation: false), browser-support, and
 *   attribute variants (home with read: all, …) that grant it too.
 * - hints: snappy-debug's non-interface advice, in its wording.
 *
 * Matching: a file denial is granted by an interface when the union of the permissions of that interface's
 * rules whose glob matches the path covers every denied access letter (`owner` rules only when
 * fsuid == ouid). Capabilities by name, network by exact family and type, seccomp by syscall name.
 */

import type { Denial } from './parse';
import { suggestDbus } from './suggest-dbus';
import { denialMemo } from './suggest-memo';
import { suggestMount } from './suggest-mount';
import { suggestUnix } from './suggest-unix';
import { covers, ownerAllows } from './glob';
import { compilePolicy, ruleRegex, type Compiled, type FileRule, type Grant } from './suggest-policy';

export interface Suggestion {
  candidates: string[];
  privileged: string[];
  hints: string[];
}

// ---------------------------------------------------------------------------------------------
// hints, in snappy-debug's words (reference §4.3)

export const HINTS = {
  readElsewhere:
    'adjust program to read necessary files from $SNAP, $SNAP_DATA, $SNAP_COMMON, $SNAP_USER_DATA or $SNAP_USER_COMMON',
  writeElsewhere: 'adjust program to write to $SNAP_DATA, $SNAP_COMMON, $SNAP_USER_DATA or $SNAP_USER_COMMON',
  useSnapData: 'adjust program to use $SNAP_DATA',
  useRunShm: 'adjust program to use /run/shm/snap.$SNAP_NAME.*',
  useRunSnap: 'adjust program to use /run/snap.$SNAP_NAME.*',
  layouts: 'adjust snap to use snap layouts (https://forum.snapcraft.io/t/snap-layouts/7207)',
  doNothing: 'do nothing if program otherwise works properly',
  systemFiles:
    "add 'system-files (see https://forum.snapcraft.io/t/the-system-files-interface for acceptance criteria)' to 'plugs'",
  personalFiles:
    "add 'personal-files (see https://forum.snapcraft.io/t/the-personal-files-interface for acceptance criteria)' to 'plugs'",
  notRequireCap: (cap: string) => `adjust program to not require 'CAP_${cap.toUpperCase()}' (see 'man 7 capabilities')`,
  notAccess: (glob: string) => `adjust program to not access '${glob}'`,
} as const;

// ---------------------------------------------------------------------------------------------
// rules that policy.json does not carry (see POLICY-PROVENANCE.md)

/** network and network-bind `#include <abstractions/nameservice>`, which allows these (snapd network.go,
 *  network_bind.go); the generated table only has rules written in the interfaces themselves. */
const NAMESERVICE_SOCKETS = new Set(['inet stream', 'inet dgram', 'inet6 stream', 'inet6 dgram']);
const NAMESERVICE_INTERFACES = ['network', 'network-bind'];

/** ptrace and signal rules of snapd's interfaces: system-observe has `ptrace (read),`; process-control has a
 *  bare `signal,` (interfaces/builtin/system_observe.go, process_control.go). */
const PTRACE_READ: Grant = { candidates: ['system-observe'], also: [] };
const SIGNAL_SEND: Grant = { candidates: ['process-control'], also: [] };
// ---------------------------------------------------------------------------------------------
// helpers

function sorted(set: Set<string>): string[] {
  return [...set].sort();
}

function fromGrants(grants: (Grant | undefined)[]): { candidates: string[]; privileged: string[] } {
  const candidates = new Set<string>();
  const privileged = new Set<string>();
  for (const g of grants) {
    if (!g) continue;
    for (const c of g.candidates) candidates.add(c);
    for (const a of g.also) privileged.add(a);
  }
  for (const c of candidates) privileged.delete(c);
  return { candidates: sorted(candidates), privileged: sorted(privileged) };
}

const READ_LETTERS = new Set(['r', 'm', 'x']);
const PROC_PID = /^\/proc\/(\d+)(\/task\/\d+)?(\/.*)?$/;

/** the glob snappy-debug prints for a /proc/PID path: /proc/123/task/456/stat → @{PROC}/@{pid}/task/@{tid}/stat */
function procGlob(path: string): string | null {
  const m = PROC_PID.exec(path);
  if (!m) return null;
  return `@{PROC}/@{pid}${m[2] ? '/task/@{tid}' : ''}${m[3] ?? ''}`;
}

function fileHints(path: string, access: readonly string[], granted: boolean): string[] {
  const proc = procGlob(path);
  if (proc) return [HINTS.notAccess(proc)];
  if (granted) return [];
  const hints: string[] = [];
  const onlyRead = access.length > 0 && access.every((a) => READ_LETTERS.has(a));
  const segment = path.split('/')[1] ?? '';
  if (segment === 'run' || path.startsWith('/var/run/')) {
    hints.push(HINTS.useSnapData, HINTS.useRunShm, HINTS.useRunSnap, HINTS.layouts);
    return hints;
  }
  hints.push(onlyRead ? HINTS.readElsewhere : HINTS.writeElsewhere);
  if (['etc', 'usr', 'var', 'opt', 'srv', 'lib', 'lib32', 'lib64', 'bin', 'sbin'].includes(segment)) {
    hints.push(HINTS.layouts, HINTS.systemFiles);
  } else if (segment === 'home' || segment === 'root') {
    // the home interface leaves out hidden files and directories; personal-files is the way to them
    const inHome = segment === 'root' ? path.slice('/root/'.length) : path.split('/').slice(3).join('/');
    if (inHome.startsWith('.')) hints.push(HINTS.personalFiles);
  }
  return hints;
}

function suggestFile(d: Denial, c: Compiled): Suggestion {
  const path = d.path ?? '';
  const parts = path.split('/');
  const level = c.bySegment.get(parts[1] ?? '');
  const second = parts.length > 3 ? (parts[2] ?? '') : '';
  const lists: readonly FileRule[][] = [level?.get(second) ?? [], level?.get('*') ?? [], c.anySegment];
  // union of granted letters per interface, separately for candidate rules and for all rules
  const asCandidate = new Map<string, Set<string>>();
  const asAny = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, iface: string, granted: Set<string>) => {
    const have = map.get(iface);
    if (have) for (const g of granted) have.add(g);
    else map.set(iface, new Set(granted));
  };
  // a rule listed under two keys is seen twice; the union does not mind
  for (const list of lists) {
    for (const rule of list) {
      if (!ownerAllows(rule.owner, d.fsuid, d.ouid)) continue;
      if (!ruleRegex(rule, d).test(path)) continue;
      for (const iface of rule.candidates) {
        add(asCandidate, iface, rule.granted);
        add(asAny, iface, rule.granted);
      }
      for (const iface of rule.also) add(asAny, iface, rule.granted);
    }
  }
  const candidates = new Set<string>();
  const privileged = new Set<string>();
  for (const [iface, granted] of asCandidate) if (covers(granted, d.access)) candidates.add(iface);
  for (const [iface, granted] of asAny) if (!candidates.has(iface) && covers(granted, d.access)) privileged.add(iface);
  return {
    candidates: sorted(candidates),
    privileged: sorted(privileged),
    hints: fileHints(path, d.access, candidates.size > 0),
  };
}

function suggestNetwork(d: Denial, c: Compiled): Suggestion {
  const family = d.family ?? '';
  const key = d.sockType ? `${family} ${d.sockType}` : family;
  const grants: Grant[] = [];
  const exact = c.network.get(key);
  if (exact) grants.push(exact);
  if (NAMESERVICE_SOCKETS.has(key)) grants.push({ candidates: NAMESERVICE_INTERFACES, also: [] });
  return { ...fromGrants(grants), hints: [] };
}

function suggestApparmor(d: Denial, c: Compiled): Suggestion {
  const op = d.operation ?? '';
  if (d.capability !== null) {
    return {
      ...fromGrants([c.capabilities.get(d.capability)]),
      hints: [HINTS.notRequireCap(d.capability), HINTS.doNothing],
    };
  }
  if (op === 'ptrace') {
    const reads = d.access.length > 0 && d.access.every((a) => a === 'read');
    return { ...fromGrants(reads ? [PTRACE_READ] : []), hints: [HINTS.doNothing] };
  }
  if (op === 'signal') {
    const sends = d.access.includes('send') || d.access.length === 0;
    return { ...fromGrants(sends ? [SIGNAL_SEND] : []), hints: [HINTS.doNothing] };
  }
  // unix sockets are mediated by unix rules (unix-policy.json); policy.json has no `network unix` rule
  if (d.family === 'unix') return { ...suggestUnix(d), hints: [] };
  if (d.family !== null) return suggestNetwork(d, c);
  if (d.dbus !== null) return { ...suggestDbus(d), hints: [] };
  if (d.mount !== null) return { ...suggestMount(d), hints: [] };
  if (d.path !== null) return suggestFile(d, c);
  return { candidates: [], privileged: [], hints: [] };
}

function suggestSeccomp(d: Denial, c: Compiled): Suggestion {
  if (d.syscall === null) return { candidates: [], privileged: [], hints: [] };
  const found = fromGrants([c.syscalls.get(d.syscall)]);
  return { ...found, hints: found.candidates.length === 0 ? [HINTS.doNothing] : [] };
}

// ---------------------------------------------------------------------------------------------
// answers

const memo = denialMemo<Suggestion>();

function copy(s: Suggestion): Suggestion {
  return { candidates: [...s.candidates], privileged: [...s.privileged], hints: [...s.hints] };
}

/**
 * The interfaces whose policy allows what the denial shows, and snappy-debug's other advice.
 * Never throws; a denial it cannot judge gets empty lists.
 */
export function suggestInterfaces(d: Denial): Suggestion {
  try {
    const hit = memo.get(d);
    if (hit) return copy(hit);
    const c = compilePolicy();
    const s = d.kind === 'seccomp' ? suggestSeccomp(d, c) : suggestApparmor(d, c);
    memo.set(d, s);
    return copy(s);
  } catch {
    return { candidates: [], privileged: [], hints: [] };
  }
}

/** snappy-debug's plug line for a list of interfaces: "add 'x' to 'plugs'" / "add one of 'a, b' to 'plugs'". */
export function plugAdvice(interfaces: readonly string[]): string | null {
  if (interfaces.length === 0) return null;
  if (interfaces.length === 1) return `add '${interfaces[0]}' to 'plugs'`;
  return `add one of '${interfaces.join(', ')}' to 'plugs'`;
}
