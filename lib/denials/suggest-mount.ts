import mountPolicy from './mount-policy.json';
import { compiledForSnap, compileGlob, snapGlobOptions, usesSnapVariables } from './glob';
import type { Denial } from './parse';

/**
 * The interfaces whose plug-side AppArmor policy has a mount rule that allows a denied mount, umount or
 * pivot_root: mount-policy.json, generated from snapd's interfaces/builtin/*.go by
 * scripts/gen-unix-mount-policy.mjs (provenance in the file and in POLICY-PROVENANCE.md). Pure.
 *
 * What the kernel logs (security/apparmor/mount.c, audit_cb and its callers): `name=` the mount point,
 * `srcname=` the source (a path for bind and move mounts, the device string for new mounts; none for remounts
 * and propagation changes), `fstype=` for new mounts only, `flags=` only when some flag is set, and then only
 * the flags the operation is matched on (bind: bind/rbind; propagation changes: private, slave, shared,
 * unbindable and their r- forms). A rule matches as AppArmor's parser encodes it (parser/mount.cc): every
 * condition it names must be in the denial and match — a rule that needs a source, a type or a mount point
 * the line does not carry is not taken; `options=(…)` is the exact set of flags, `options in (…)` a subset;
 * a umount rule is encoded with its mount point only.
 */

/** What a mount rule says about the mounts it allows (the fields the matcher reads). */
export interface MountRuleFields {
  kind: 'mount' | 'remount' | 'umount' | 'pivot_root';
  fstype?: string[];
  options?: string[];
  optionsIn?: boolean;
  source?: string;
  target?: string;
  oldroot?: string;
}

interface MountRule extends MountRuleFields {
  snapdInterface: string;
  also: boolean;
  snippet: string;
}

interface Compiled<R extends MountRuleFields> {
  rule: R;
  fstype?: RegExp[];
  /** the rule's flags, `rw` left out (it is the absence of `ro`) */
  flags?: Set<string>;
  source?: RegExp;
  target?: RegExp;
  oldroot?: RegExp;
  perSnap: Map<string, Compiled<R>> | null;
}

const BIND = new Set(['bind', 'rbind']);

function compile<R extends MountRuleFields>(rule: R, snap: string | null): Compiled<R> {
  const o = snapGlobOptions(snap);
  const glob = (g: string | undefined) => (g === undefined ? undefined : compileGlob(g, o));
  let flags: Set<string> | undefined;
  if (rule.options) flags = new Set(rule.options.filter((f) => f !== 'rw'));
  if (rule.kind === 'remount') (flags ??= new Set()).add('remount');
  return {
    rule,
    fstype: rule.fstype?.map((t) => compileGlob(t, o)),
    flags,
    source: glob(rule.source),
    target: glob(rule.target),
    oldroot: glob(rule.oldroot),
    perSnap: [rule.source, rule.target, rule.oldroot].some((g) => g !== undefined && usesSnapVariables(g)) ? new Map() : null,
  };
}

function forSnap<R extends MountRuleFields>(c: Compiled<R>, snap: string | null): Compiled<R> {
  return compiledForSnap(c, snap, (rule: R, s: string) => compile(rule, s));
}

/** `flags="rw, nosuid, nodev"` → {nosuid, nodev}; no flags= at all means no flag was set */
function loggedFlags(flags: string | null): Set<string> {
  const set = new Set<string>();
  for (const f of (flags ?? '').split(',')) {
    const t = f.trim().toLowerCase();
    if (t && t !== 'rw') set.add(t);
  }
  return set;
}

function flagsFit(c: Compiled<MountRuleFields>, seen: Set<string>): boolean {
  if (!c.flags) return true; // no options: any flags
  // the parser keeps only the flags of the operation a rule describes: a bind rule's `ro` is dropped
  let want = c.flags;
  if ([...want].some((f) => BIND.has(f)) && !want.has('remount')) want = new Set([...want].filter((f) => BIND.has(f)));
  if (c.rule.optionsIn) return [...seen].every((f) => want.has(f));
  return seen.size === want.size && [...seen].every((f) => want.has(f));
}

const fits = (want: RegExp | undefined, seen: string | null) => !want || (seen !== null && want.test(seen));

function matches(c: Compiled<MountRuleFields>, d: Denial, seenFlags: Set<string>): boolean {
  const { rule } = c;
  const op = d.operation ?? '';
  const m = d.mount;
  if (op === 'umount') return rule.kind === 'umount' && fits(c.target, d.path);
  if (op === 'pivotroot') return rule.kind === 'pivot_root' && fits(c.target, d.path) && fits(c.oldroot, m?.srcname ?? null);
  if (rule.kind !== 'mount' && rule.kind !== 'remount') return false;
  if (rule.kind === 'remount' && !seenFlags.has('remount')) return false;
  return (
    fits(c.target, d.path) &&
    fits(c.source, m?.srcname ?? null) &&
    (!c.fstype || (m?.fstype != null && c.fstype.some((t) => t.test(m.fstype!)))) &&
    flagsFit(c, seenFlags)
  );
}

/**
 * The matcher of a list of mount rules: the rules that allow a mount, umount or pivot_root denial (none for any
 * other denial). The list is compiled on first use, and again per snap for rules whose globs name it.
 */
export function mountRuleMatcher<R extends MountRuleFields>(rules: () => readonly R[]): (d: Denial) => R[] {
  let compiled: Compiled<R>[] | null = null;
  return (d) => {
    if (d.mount === null) return [];
    compiled ??= rules().map((r) => compile(r, null));
    const seenFlags = loggedFlags(d.mount.flags);
    return compiled.map((general) => forSnap(general, d.snap)).filter((c) => matches(c, d, seenFlags)).map((c) => c.rule);
  };
}

const policyMatches = mountRuleMatcher(() => mountPolicy.rules as MountRule[]);

export function suggestMount(d: Denial): { candidates: string[]; privileged: string[] } {
  const candidates = new Set<string>();
  const privileged = new Set<string>();
  for (const rule of policyMatches(d)) (rule.also ? privileged : candidates).add(rule.snapdInterface);
  for (const c of candidates) privileged.delete(c);
  return { candidates: [...candidates].sort(), privileged: [...privileged].sort() };
}
