import unixPolicy from './unix-policy.json';
import { compiledForSnap, compileGlob, snapGlobOptions, usesSnapVariables } from './glob';
import type { Denial } from './parse';

/**
 * The interfaces whose plug-side AppArmor policy has a unix rule that allows a denied unix socket operation:
 * unix-policy.json, generated from snapd's interfaces/builtin/*.go by scripts/gen-unix-mount-policy.mjs
 * (provenance in the file and in POLICY-PROVENANCE.md). Pure.
 *
 * A rule allows the denial when it grants every denied operation, names the denial's socket type (if it
 * names one), and each address or peer label it names is in the denial and matches it (AppArmor globs of
 * glob.ts; an abstract address starts with `@`). The kernel logs `addr=` on every unix denial and `none` for
 * an unnamed socket, so an address the line does not carry is read as unnamed. A peer label the line does not
 * carry rules the rule out: wrong advice is worse than none.
 */

/** What a unix rule says about the sockets it allows (the fields the matcher reads). */
export interface UnixRuleFields {
  /** create, bind, listen, accept, connect, send, receive…; none: every operation */
  perms: string[];
  type?: string;
  /** the socket's own address; `none`: unnamed */
  addr?: string;
  peerAddr?: string;
  /** the peer's AppArmor label, when the rule names a literal one */
  peerLabel?: string;
  /** the peer is the connected slot's snap: snapd writes its label, always `snap.<instance>.…` (labelExpr) */
  peerIsSlot?: boolean;
}

interface UnixRule extends UnixRuleFields {
  snapdInterface: string;
  /** super-privileged interface, or an attribute-conditional variant of its policy */
  also: boolean;
  snippet: string;
}

interface Compiled<R extends UnixRuleFields> {
  rule: R;
  addr?: RegExp | 'none';
  peerAddr?: RegExp | 'none';
  peerLabel?: RegExp;
  perSnap: Map<string, Compiled<R>> | null;
}

function address(glob: string | undefined, snap: string | null): RegExp | 'none' | undefined {
  if (glob === undefined) return undefined;
  if (glob === 'none') return 'none';
  // docker-support writes the NUL that ends the kernel's abstract name (`…sock\x00`); parse.ts drops it
  const g = glob.replace(/\\x00$/, '');
  return compileGlob(g, snapGlobOptions(snap));
}

function compile<R extends UnixRuleFields>(rule: R, snap: string | null): Compiled<R> {
  return {
    rule,
    addr: address(rule.addr, snap),
    peerAddr: address(rule.peerAddr, snap),
    peerLabel: rule.peerLabel === undefined ? undefined : compileGlob(rule.peerLabel, snapGlobOptions(snap)),
    perSnap: [rule.addr, rule.peerAddr, rule.peerLabel].some((g) => g !== undefined && usesSnapVariables(g)) ? new Map() : null,
  };
}

/**
 * Rules of an AppArmor abstraction a plug snippet includes, which the generated table does not carry (like the
 * nameservice case in suggest.ts): x11's and unity7's snippets `#include <abstractions/X>` (snapd
 * interfaces/builtin/x11.go, unity7.go), whose socket rule for the X server is
 * `unix (connect, receive, send) type=stream peer=(addr="@/tmp/.X11-unix/X[0-9]*"),` (AppArmor
 * profiles/apparmor.d/abstractions/X, apparmor/apparmor commit daa58d4c). Its ICE rule is left out: x11's
 * snippet denies ICE sockets (`deny unix … peer=(addr="@/tmp/.ICE-unix/[0-9]*")`).
 */
const ABSTRACTION_RULES: UnixRule[] = ['x11', 'unity7'].map((snapdInterface) => ({
  snapdInterface,
  also: false,
  snippet: '<abstractions/X>',
  perms: ['connect', 'receive', 'send'],
  type: 'stream',
  peerAddr: '@/tmp/.X11-unix/X[0-9]*',
}));

function forSnap<R extends UnixRuleFields>(c: Compiled<R>, snap: string | null): Compiled<R> {
  return compiledForSnap(c, snap, (rule: R, s: string) => compile(rule, s));
}

function addressFits(want: RegExp | 'none' | undefined, seen: string | null): boolean {
  if (want === undefined) return true;
  if (want === 'none') return seen === null;
  return seen !== null && want.test(seen);
}

/** snapd's plug rules name operations in words (connect, send…), as the kernel logs them; none: every one */
function grants(rule: UnixRuleFields, access: readonly string[]): boolean {
  if (rule.perms.length === 0) return true;
  return access.length > 0 && access.every((a) => rule.perms.includes(a));
}

/**
 * The matcher of a list of unix rules: the rules that allow a unix socket denial (none for any other denial).
 * The list is compiled on first use, and again per snap for rules whose globs name it.
 */
export function unixRuleMatcher<R extends UnixRuleFields>(rules: () => readonly R[]): (d: Denial) => R[] {
  let compiled: Compiled<R>[] | null = null;
  return (d) => {
    if (d.family !== 'unix') return [];
    compiled ??= rules().map((r) => compile(r, null));
    const addr = d.unix?.addr ?? null;
    const peerAddr = d.unix?.peerAddr ?? null;
    const out: R[] = [];
    for (const general of compiled) {
      const c = forSnap(general, d.snap);
      const { rule } = c;
      if (!grants(rule, d.access)) continue;
      if (rule.type !== undefined && rule.type !== d.sockType) continue;
      if (!addressFits(c.addr, addr) || !addressFits(c.peerAddr, peerAddr)) continue;
      if (c.peerLabel && (d.peer === null || !c.peerLabel.test(d.peer))) continue;
      if (rule.peerIsSlot && (d.peer === null || !d.peer.startsWith('snap.'))) continue;
      out.push(rule);
    }
    return out;
  };
}

const policyMatches = unixRuleMatcher(() => [...(unixPolicy.rules as UnixRule[]), ...ABSTRACTION_RULES]);

export function suggestUnix(d: Denial): { candidates: string[]; privileged: string[] } {
  const candidates = new Set<string>();
  const privileged = new Set<string>();
  for (const rule of policyMatches(d)) (rule.also ? privileged : candidates).add(rule.snapdInterface);
  for (const c of candidates) privileged.delete(c);
  return { candidates: [...candidates].sort(), privileged: [...privileged].sort() };
}
