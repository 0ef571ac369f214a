/**
 * home plugs judged by their `read` attribute. PURE module.
 *
 * canonical/snapd 2.76.3, interfaces/builtin/home.go:
 * - every connected home plug gets homeConnectedPlugAppArmor (home.go:49-87), whose file rules are all `owner`
 *   rules: `owner @{HOME}/ r,`, `owner @{HOME}/[^s.]** rwkl…` and the other non-hidden, non-snap patterns,
 *   `owner @{HOME}/snap/ r,`, `owner /run/user/[0-9]*\/gvfs/…` (home.go:56-81);
 * - a plug with `read: all` also gets homeConnectedPlugAppArmorWithAllRead (home.go:89-102, added at
 *   home.go:124-128: "'all' grants standard policy plus read access to home without owner match"):
 *   `capability dac_read_search,` and the same @{HOME} patterns, `r` only, without `owner`;
 * - BeforePreparePlug (home.go:108-116) refuses any other value of `read`;
 * - the base declaration (home.go:32-47) has `deny-connection: plug-attributes: read: all`, and manual
 *   connections obey the "connection" rules (overlord/ifacestate/handlers.go:966-968 at 2.76.3), so such a plug
 *   connects only where the store's snap-declaration allows it.
 *
 * policy.json (POLICY-PROVENANCE.md) keeps these apart: the `owner: true` rules list home among the candidates,
 * the WithAllRead rules (`owner: false`) and `dac_read_search` list it under alsoGrantedBy (a "*WithAllRead*"
 * variant). AppArmor's `owner` matches only when the file's owner is the task's fsuid (apparmor.d(5) "Owner
 * conditional rules"; the kernel logs both as `fsuid=… ouid=…`, lib/denials/glob.ts ownerAllows).
 */

import type { Denial } from './parse';
import type { Attrs } from './file-attrs';
import policyData from './policy.json';
import { compileGlob, covers, grantedAccess, ownerAllows } from './glob';

interface Rule {
  re: RegExp;
  perms: string;
  owner: boolean;
}

let rules: { base: Rule[]; readAll: Rule[] } | null = null;
function homeRules() {
  if (rules) return rules;
  const of = (pick: (r: (typeof policyData.files)[number]) => boolean) =>
    policyData.files.filter(pick).map((r) => ({ re: compileGlob(r.pattern), perms: r.perms, owner: r.owner }));
  rules = { base: of((r) => r.candidates.includes('home')), readAll: of((r) => r.alsoGrantedBy.includes('home')) };
  return rules;
}

/** Which home plugs allow the denial: every one ('owner'), only one with `read: all`, or none (null). */
export function homeLevel(d: Denial): 'owner' | 'read-all' | null {
  if (d.kind !== 'apparmor') return null;
  if (d.capability !== null) return d.capability === 'dac_read_search' ? 'read-all' : null;
  if (d.path === null || d.family !== null || d.dbus !== null || d.mount !== null) return null;
  const granted = new Set<string>();
  const add = (list: Rule[]) => {
    for (const r of list) if (ownerAllows(r.owner, d.fsuid, d.ouid) && r.re.test(d.path!)) for (const g of grantedAccess(r.perms)) granted.add(g);
  };
  add(homeRules().base);
  if (covers(granted, d.access)) return granted.size ? 'owner' : null;
  add(homeRules().readAll);
  return granted.size && covers(granted, d.access) ? 'read-all' : null;
}

/** What a home plug's `read` attribute says about the denial, in plug-attrs-grants.ts's AttrVerdict shape. */
export function homeVerdict(
  attrs: Attrs | undefined,
  d: Denial,
): { decided: false } | { decided: true; grants: true; detail: string[] } | { decided: true; grants: false | 'unknown'; needs: string; because?: string } {
  if (homeLevel(d) !== 'read-all') return { decided: false };
  const whose =
    d.capability !== null
      ? 'capability dac_read_search (reading files whatever their permissions say)'
      : `a file it does not own (owner uid ${d.ouid ?? '?'}, the process ran as uid ${d.fsuid ?? '?'}): a home plug without it reaches only its user's own files`;
  const needs = `a home plug with 'read: all', which grants ${whose}`;
  const because =
    "home's base declaration denies connecting a plug with 'read: all' (deny-connection), so the store must allow it for this " +
    "snap (snap-declaration), and the attribute is the publisher's to declare in snap.yaml";
  if (!attrs) return { decided: true, grants: 'unknown', needs };
  if (attrs.read === 'all') {
    return { decided: true, grants: true, detail: ["read: all (it may read every user's non-hidden files in their home, not only its own user's)"] };
  }
  return { decided: true, grants: false, needs, because };
}
