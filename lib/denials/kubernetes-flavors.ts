/**
 * Which kubernetes-support plugs allow a denial, by their `flavor` attribute. PURE module.
 *
 * snapd gives a kubernetes-support plug only part of the interface's rules by its flavor
 * (interfaces/builtin/kubernetes_support.go, AppArmorConnectedPlug / SecCompConnectedPlug): no flavor gets every
 * snippet, `kubelet` the common, kubelet and autobind-unix ones, `kubeproxy` the common, kubeproxy and
 * autobind-unix ones, `autobind-unix` only its own (`unix (bind) type=dgram,` and the `bind` syscall). The policy
 * tables list all of them under the interface; kubernetes-flavors.json (scripts/gen-kubernetes-flavors.mjs,
 * POLICY-PROVENANCE.md) keeps each rule with the flavors that get it and the child profile it is written in.
 *
 * Matching is the policy tables' (suggest.ts): file rules by the union of the permissions of the rules whose glob
 * matches (glob.ts, `owner` only when fsuid == ouid), capabilities by name, network rules by exact family and
 * type, unix and mount rules with the matchers of suggest-unix.ts and suggest-mount.ts, syscalls by name. One
 * thing more: a rule of the `systemd_run` child profile (`profile systemd_run (…) { … }`, which snapd runs
 * `systemd-run` under: `Cxr -> systemd_run`) only allows what runs under that profile, which AppArmor logs as
 * `snap.NAME.APP//systemd_run`, and a rule of the snap's own profile only what runs under that.
 */

import table from './kubernetes-flavors.json';
import type { Denial } from './parse';
import type { AttrValue } from './file-attrs';
import { compileGlob, covers, grantedAccess, ownerAllows, snapGlobOptions, usesSnapVariables } from './glob';
import { unixRuleMatcher, type UnixRuleFields } from './suggest-unix';
import { mountRuleMatcher, type MountRuleFields } from './suggest-mount';

/** Where a rule is: the flavors that get it ('' = a plug without a flavor) and its child profile, if any. */
interface Placed {
  flavors: string[];
  profile?: string;
}

/** The flavors snapd accepts (BeforePreparePlug), '' — no flavor — first. */
export const FLAVORS: readonly string[] = table.flavors;

/** How many rules each flavor gets: the fewer, the narrower the plug. */
const BREADTH = new Map(FLAVORS.map((f) => [f, [table.files, table.capabilities, table.network, table.unix, table.mount, table.syscalls].flat().filter((r) => r.flavors.includes(f)).length]));

export function flavorBreadth(flavor: string): number {
  return BREADTH.get(flavor) ?? Number.MAX_SAFE_INTEGER;
}

/** The child profile a denial was logged under (`snap.x.app//systemd_run` → `systemd_run`); null: the snap's own. */
function childProfile(d: Denial): string | null {
  const i = d.profile?.indexOf('//') ?? -1;
  return i >= 0 ? d.profile!.slice(i + 2) : null;
}

/** Which rules are in the profile the denial is from; `anyProfile`: every rule (to tell why none is). */
const inProfile = (d: Denial, anyProfile: boolean) => (r: Placed) => anyProfile || (r.profile ?? null) === childProfile(d);

interface FileRule extends Placed {
  pattern: string;
  perms: string;
  owner: boolean;
  re: RegExp;
  perSnap: Map<string, RegExp> | null;
}

let files: FileRule[] | null = null;

function fileFlavors(d: Denial, path: string, anyProfile: boolean): Set<string> {
  files ??= table.files.map((r) => ({ ...r, re: compileGlob(r.pattern), perSnap: usesSnapVariables(r.pattern) ? new Map() : null }));
  const granted = new Map<string, Set<string>>();
  for (const r of files.filter(inProfile(d, anyProfile))) {
    if (!ownerAllows(r.owner, d.fsuid, d.ouid)) continue;
    let re = r.re;
    if (r.perSnap && d.snap) {
      re = r.perSnap.get(d.snap) ?? compileGlob(r.pattern, snapGlobOptions(d.snap));
      r.perSnap.set(d.snap, re);
    }
    if (!re.test(path)) continue;
    for (const f of r.flavors) {
      const have = granted.get(f) ?? new Set<string>();
      for (const g of grantedAccess(r.perms)) have.add(g);
      granted.set(f, have);
    }
  }
  return new Set([...granted].filter(([, g]) => covers(g, d.access)).map(([f]) => f));
}

const unixMatches = unixRuleMatcher(() => table.unix as (UnixRuleFields & Placed)[]);
const mountMatches = mountRuleMatcher(() => table.mount as (MountRuleFields & Placed)[]);

const flavorsOf = (rules: Placed[]) => new Set(rules.flatMap((r) => r.flavors));

/**
 * The flavors ('' = no flavor) whose rules allow the denial: an empty set when none does, null when the table
 * has no rules of the denial's kind (D-Bus, ptrace, signal: kubernetes-support's ptrace rules are left out, like
 * the policy tables leave them out) or the denial names nothing to match. `anyProfile` disregards child profiles.
 */
export function grantingFlavors(d: Denial, anyProfile = false): ReadonlySet<string> | null {
  const here = inProfile(d, anyProfile);
  if (d.kind === 'seccomp') return d.syscall === null ? null : flavorsOf(table.syscalls.filter((r) => r.syscall === d.syscall));
  if (d.capability !== null) return flavorsOf(table.capabilities.filter((r) => r.capability === d.capability && here(r)));
  if (d.operation === 'ptrace' || d.operation === 'signal' || d.dbus !== null) return null;
  if (d.family === 'unix') return flavorsOf(unixMatches(d).filter(here));
  if (d.family !== null) {
    // as suggest.ts matches network rules: "family type", or the family alone when the line has no type
    const key = d.sockType ? `${d.family} ${d.sockType}` : d.family;
    return flavorsOf(table.network.filter((r) => ('type' in r && r.type ? `${r.family} ${r.type}` : r.family) === key && here(r)));
  }
  if (d.mount !== null) return flavorsOf(mountMatches(d).filter(here));
  if (d.path !== null) return fileFlavors(d, d.path, anyProfile);
  return null;
}

/** "without a flavor or with flavor "kubelet"" for the flavors that allow a denial */
export function describeFlavors(flavors: ReadonlySet<string>): string {
  const named = FLAVORS.filter((f) => f !== '' && flavors.has(f)).map((f) => `"${f}"`);
  const parts = [...(flavors.has('') ? ['without a flavor'] : []), ...(named.length ? [`with flavor ${named.join(' or ')}`] : [])];
  return `a kubernetes-support plug ${parts.join(' or ')}`;
}

/**
 * The caveat of a kubernetes-support plug with a flavor that the table could not judge (plug-attrs-grants.ts
 * kubernetesVerdict): a flavor snapd does not accept, or a denial of a kind the table has no rules of.
 */
export function flavorCaveat(plug: string, flavor: AttrValue | undefined): { flavor: string; warning: string } | null {
  if (flavor === undefined || flavor === '') return null;
  const shown = typeof flavor === 'string' ? flavor : JSON.stringify(flavor);
  if (typeof flavor !== 'string' || !FLAVORS.includes(flavor)) {
    return {
      flavor: shown,
      warning: `${plug} has flavor ${JSON.stringify(shown)}, which snapd ${table.source.describe} does not accept (its BeforePreparePlug refuses it), so which of kubernetes-support's rules it gets is not known here`,
    };
  }
  return {
    flavor,
    warning: `${plug} has flavor "${flavor}", which gets only part of kubernetes-support's rules, and the flavor table has no rules of this kind of denial: whether that part allows this is not known here`,
  };
}
