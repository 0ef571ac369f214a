/**
 * The admin's answer to a denial: cross the interfaces that would allow it (suggest.ts) with the plugs the
 * snap actually declares (`snap connections SNAP`, parsed by lib/snap/parse.ts parseConnections), their
 * attributes (personal-files/system-files paths, file-attrs.ts) and *when* they were connected
 * (connection-times.ts).
 *
 * PURE module. An admin can only connect plugs that exist: `snap connect x:removable-media` fails with
 * `snap "x" has no plug named "removable-media"` when the publisher did not declare it. So:
 * - connect:            the snap declares unconnected plug(s) that allow it → connect them;
 * - resolved:           such a plug was connected after the group's last denial: none since (`connectedAt`);
 * - already-connected:  such a plug is connected and denials continued after it was (or when it was
 *                       connected is not known: `timing: 'unknown'`) → the denial comes from something else;
 * - no-plug:            no such plug → report to the publisher; `advice` is snappy-debug-style text to copy
 *                       (publisher-advice.ts);
 * - snapd-helper:       the denied process is snap-confine or snap-update-ns, not the snap's app (unattributed.ts);
 * - unknown-snap:       the denial cannot be tied honestly to an installed snap's plugs;
 * - interfaces-only:    a pasted log from elsewhere: what the interfaces allow, no verdict about this host's plugs.
 * Only plugs bound to the denied app count (app-binding.ts): one bound to other apps is named to the publisher.
 */

import type { Denial } from './parse';
import type { Suggestion } from './suggest';
import { denialVersusConnect, type ConnectionTime, type ConnectionTimeSource } from './connection-times';
import { FILES_INTERFACES, grantingPaths, type Attrs } from './file-attrs';
import { judgeByAttrs, narrowestFirst } from './plug-attrs-grants';
import { flavorCaveat } from './kubernetes-flavors';
import { broadness, publisherAdvice } from './publisher-advice';
import { helperExplanation, snapdHelper, unknownExplanation } from './unattributed';
import { splitByBinding, type AppBinding } from './app-binding';

export interface AnsweredPlug {
  plug: string;
  interface: string;
  /** personal-files / system-files: the attribute paths that cover the denied access; mount-control: the `mount` entries */
  paths?: string[];
  /** set when the interface is super-privileged or high/critical risk: said before anyone connects it */
  warning?: string;
  /** kubernetes-support's `flavor`: the plug gets only part of the interface's rules (kubernetes-flavors.ts) */
  flavor?: string;
  /** set when its deciding attributes could not be read: it allows this only if MAYBE ("its 'read' … list has PATH…") */
  maybe?: string;
}

export type AdminAnswer =
  /** `unsure`: connected plugs whose attributes could not be read, which may already allow it (offered broader plugs only) */
  /** `boundElsewhere`: plugs that would allow it too, but are bound to other apps than the denied `app` */
  | { kind: 'connect'; snap: string; plugs: AnsweredPlug[]; unsure?: AnsweredPlug[]; boundElsewhere?: { app: string; plugs: string[] } }
  | { kind: 'resolved'; snap: string; plugs: AnsweredPlug[]; connectedAt: string; source: ConnectionTimeSource; changeId?: string }
  | {
      kind: 'already-connected';
      snap: string;
      plugs: AnsweredPlug[];
      /** the latest known connect time of these plugs; null when none is known */
      connectedAt: string | null;
      /** denied-after: denials were logged after the connect; unknown: when it was connected cannot be told */
      timing: 'denied-after' | 'unknown';
    }
  /** `unsure`: connected plugs that may allow it, had their attributes been read (never "already connected" on a guess) */
  /** `boundElsewhere`: plugs that would allow it but are bound to other apps than the denied `app` */
  | { kind: 'no-plug'; snap: string; advice: string[]; unsure?: AnsweredPlug[]; boundElsewhere?: { app: string; plugs: string[] } }
  | { kind: 'snapd-helper'; helper: string; explanation: string }
  | { kind: 'unknown-snap'; explanation: string }
  | { kind: 'interfaces-only'; snap: string; interfaces: string[]; privileged: string[]; advice: string[]; hostNote: string | null };

export interface AnswerContext {
  /** When each connected plug (`snap:plug`) was connected, where known. */
  connectedAt?: ReadonlyMap<string, ConnectionTime>;
  /** The group's last denial (defaults to this denial's time). */
  lastSeen?: string | null;
  /** Plug attributes (`snap:plug` → attrs), where read. */
  attrs?: ReadonlyMap<string, Attrs>;
  /** The apps each plug (`snap:plug`) is bound to, where known (a plug not in it is taken to reach every app). */
  apps?: ReadonlyMap<string, readonly string[]>;
}

export interface ConnectionRow {
  interface: string;
  plug: { snap: string; name: string } | null;
  slot: { snap: string; name: string } | null;
}

function unique(plugs: { plug: string; interface: string }[]): { plug: string; interface: string }[] {
  const seen = new Set<string>();
  return plugs.filter((p) => {
    const k = `${p.plug}\0${p.interface}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

type Tier = { connected: AnsweredPlug[]; unconnected: AnsweredPlug[] };

function warned(p: AnsweredPlug): AnsweredPlug {
  const w = broadness(p.interface);
  return w ? { ...p, warning: p.warning ? `${w}; ${p.warning}` : w } : p;
}

/** Plugs that get all of their interface's rules before those with a flavor that gets only part. */
const wholeFirst = (plugs: AnsweredPlug[]) => [...plugs].sort((a, b) => Number(a.flavor !== undefined) - Number(b.flavor !== undefined));

/** Judges connected plugs against the time of the group's last denial. */
function timed(snap: string, plugs: AnsweredPlug[], lastSeen: string | null, times: ReadonlyMap<string, ConnectionTime> | undefined): AdminAnswer {
  const judged = plugs.map((p) => {
    const t = times?.get(`${snap}:${p.plug}`) ?? null;
    return { p, t, verdict: t ? denialVersusConnect(lastSeen, t) : ('unknown' as const) };
  });
  const before = judged.filter((j) => j.verdict === 'before' && j.t);
  if (before.length) {
    // the earliest connect after which nothing was denied is the strongest "none since"
    const first = before.reduce((a, b) => (Date.parse(b.t!.at) < Date.parse(a.t!.at) ? b : a));
    return {
      kind: 'resolved',
      snap,
      plugs: before.map((j) => j.p),
      connectedAt: first.t!.at,
      source: first.t!.source,
      ...(first.t!.changeId ? { changeId: first.t!.changeId } : {}),
    };
  }
  const known = judged.filter((j) => j.t).map((j) => j.t!.at).sort();
  const allAfter = judged.every((j) => j.verdict === 'after');
  return { kind: 'already-connected', snap, plugs, connectedAt: known.at(-1) ?? null, timing: allAfter ? 'denied-after' : 'unknown' };
}

export function adminAnswer(d: Denial, suggestion: Suggestion, snapConnections: ConnectionRow[] | null, ctx: AnswerContext = {}): AdminAnswer {
  const early = notAboutPlugs(d, snapConnections);
  if (early) return early;
  const binding = splitByBinding(d, snapConnections!, new Set([...suggestion.candidates, ...suggestion.privileged]), ctx.attrs, ctx.apps);
  const a = judge(d, suggestion, binding, ctx);
  if (a.kind !== 'connect' || !d.app || binding.elsewhere.length === 0) return a;
  // a plug the admin may know the snap needs, offered for other apps only: said, so its absence here is not a puzzle
  // (broad ones are not worth a word beside a narrow plug that allows it)
  const worthSaying = binding.elsewhereNarrow || a.plugs.some((p) => p.warning);
  return worthSaying ? { ...a, boundElsewhere: { app: d.app, plugs: binding.elsewhere } } : a;
}

/** The answer from the denied app's own plugs (`binding.own`); `binding` also names the plugs bound elsewhere. */
function judge(d: Denial, suggestion: Suggestion, binding: AppBinding<ConnectionRow>, ctx: AnswerContext): AdminAnswer {
  const snap = d.snap!;
  const { elsewhere, elsewhereInterfaces } = binding;
  const { ordinary, privileged, files, byAttrs, unsure, lacking } = tiers(d, suggestion, binding, ctx.attrs);
  const lastSeen = ctx.lastSeen === undefined ? d.time : ctx.lastSeen;

  // Candidates come from rules an interface always adds (its attribute-conditional variants are listed as
  // privileged); a plug whose attributes cover the access (personal-files/system-files paths, a docker-support
  // plug with privileged-containers, a mount-control `mount` entry, a kubernetes-support flavor whose rules allow
  // it) grants it too. If such a plug is connected, the rules are in the profile: denials after the connect come
  // from something else, denials only before it were resolved by it.
  const connected = [...files.connected, ...ordinary.connected, ...byAttrs.connected.map(warned)];
  if (connected.length > 0) return timed(snap, connected, lastSeen, ctx.connectedAt);
  // Narrowest first: a file plug whose paths cover it, or an ordinary interface, before a broad one (system-backup…).
  const unconnected = [...files.unconnected, ...wholeFirst(ordinary.unconnected).map(warned)];
  const narrow = unconnected.filter((p) => !p.warning);
  if (narrow.length > 0) return { kind: 'connect', snap, plugs: narrow };
  // before a broad interface: a plug whose attributes grant it and whose interface is not broad (home with read: all),
  // then plugs that may grant it but whose attributes could not be read (a personal-files plug), the broad ones after
  const narrowByAttrs = byAttrs.unconnected.filter((p) => broadness(p.interface) === null);
  if (narrowByAttrs.length > 0) return { kind: 'connect', snap, plugs: narrowByAttrs };
  // connected plugs whose attributes could not be read may already allow it: said beside anything less sure or broader
  const maybe = unsure.connected.length ? { unsure: unsure.connected.map((p) => (FILES_INTERFACES.has(p.interface) ? p : warned(p))) } : {};
  // (personal-files and system-files are super-privileged to *declare*; a declared plug reaches only its listed paths)
  const narrowUnsure = unsure.unconnected.filter((p) => FILES_INTERFACES.has(p.interface) || broadness(p.interface) === null);
  if (narrowUnsure.length > 0) return { kind: 'connect', snap, plugs: [...narrowUnsure, ...unconnected], ...maybe };
  if (unconnected.length > 0) return { kind: 'connect', snap, plugs: unconnected, ...maybe };
  // docker-support with privileged-containers, mount-control and kubernetes-support are super-privileged: offered
  // only when nothing narrower allows it.
  if (byAttrs.unconnected.length > 0) return { kind: 'connect', snap, plugs: byAttrs.unconnected.map(warned), ...maybe };
  // Super-privileged and attribute variants (home with read: all…): another plug of the same interface may carry
  // the attribute that grants it, so an unconnected one is still worth connecting (with its warning). Last, plugs
  // whose deciding attributes could not be read.
  if (privileged.unconnected.length > 0) return { kind: 'connect', snap, plugs: wholeFirst(privileged.unconnected).map(warned), ...maybe };
  if (unsure.unconnected.length > 0) return { kind: 'connect', snap, plugs: unsure.unconnected.map(warned), ...maybe };
  if (privileged.connected.length > 0) return timed(snap, privileged.connected, lastSeen, ctx.connectedAt);
  // Plugs whose attributes do not allow it are never "already connected": the publisher would have to declare more;
  // nor are those whose attributes could not be read: they are named as a maybe.
  const bound = elsewhere.length && d.app ? { boundElsewhere: { app: d.app, plugs: elsewhere } } : {};
  // "add 'account-control' to 'plugs'" when it is declared, only for other apps, would send the publisher astray
  const rest = { ...suggestion, candidates: suggestion.candidates.filter((i) => !elsewhereInterfaces.has(i)) };
  const advice = publisherAdvice(rest, d);
  return { kind: 'no-plug', snap, advice: [...lacking, ...advice], ...maybe, ...bound };
}

/** The answers that do not depend on the snap's plugs (helpers, containers, unknown snaps); null otherwise. */
function notAboutPlugs(d: Denial, snapConnections: ConnectionRow[] | null): AdminAnswer | null {
  const helper = snapdHelper(d);
  if (helper) return { kind: 'snapd-helper', helper: helper.helper, explanation: helperExplanation(helper, d) };
  if (d.namespace && d.namespace !== 'root' && d.namespace !== '/') {
    return {
      kind: 'unknown-snap',
      explanation:
        `The denial comes from inside a container (AppArmor namespace ${d.namespace}): the profile ` +
        `${d.profile ?? '?'} belongs to a snap installed in that container, not on this host. Run the fix there.`,
    };
  }
  if (d.snap === null) return { kind: 'unknown-snap', explanation: unknownExplanation(d) };
  if (snapConnections === null) {
    return {
      kind: 'unknown-snap',
      explanation:
        `The denial names snap "${d.snap}", but its plugs could not be listed (is it still installed?). ` +
        'Without its plugs there is no honest way to say whether connecting one would help.',
    };
  }
  return null;
}

/** kubernetes-support plugs left to the policy tables keep a caveat when they have a flavor (kubernetes-flavors.ts). */
function flavoured(p: AnsweredPlug, attrs: Attrs | undefined): AnsweredPlug {
  const caveat = p.interface === 'kubernetes-support' ? flavorCaveat(p.plug, attrs?.flavor) : null;
  return caveat ? { ...p, ...caveat } : p;
}

function tiers(d: Denial, suggestion: Suggestion, binding: AppBinding<ConnectionRow>, attrs: ReadonlyMap<string, Attrs> | undefined) {
  const { own, notes: notBound } = binding;
  const toPlug = (row: ConnectionRow): AnsweredPlug => ({ plug: row.plug?.name ?? '', interface: row.interface });
  const split = (matching: ConnectionRow[], order: (a: AnsweredPlug, b: AnsweredPlug) => number, decorate = (p: AnsweredPlug) => p): Tier => {
    // a plug with a connection also shows no "-" row; a plug listed both ways counts as connected
    // decorated first: the order may read what decorating adds (a kubernetes-support plug's flavor)
    const connected = unique(matching.filter((row) => row.slot !== null).map(toPlug)).map(decorate).sort(order);
    const names = new Set(connected.map((p) => p.plug));
    const unconnected = unique(matching.filter((row) => row.slot === null).map(toPlug))
      .filter((p) => !names.has(p.plug))
      .map(decorate)
      .sort(order);
    return { connected, unconnected };
  };
  const pathsOf = (row: ConnectionRow) => grantingPaths(row.interface, attrs?.get(`${d.snap}:${row.plug?.name ?? ''}`), d);
  const files = split(
    own.filter((row) => FILES_INTERFACES.has(row.interface) && pathsOf(row).length > 0),
    (a, b) => a.plug.localeCompare(b.plug),
    (p) => ({ ...p, paths: grantingPaths(p.interface, attrs?.get(`${d.snap}:${p.plug}`), d) }),
  );
  const judged = judgeByAttrs(d, own, attrs, new Set([...suggestion.candidates, ...suggestion.privileged]));
  // a plug whose attributes decide leaves the policy table's tiers: its interface's name alone says nothing
  const fixed = own.filter((row) => !judged.decided.has(row.plug?.name ?? ''));
  const tierOf = (interfaces: readonly string[]) => {
    const wanted = new Set(interfaces);
    const byName = (a: AnsweredPlug, b: AnsweredPlug) => interfaces.indexOf(a.interface) - interfaces.indexOf(b.interface) || a.plug.localeCompare(b.plug);
    return split(fixed.filter((row) => wanted.has(row.interface)), byName, (p) => flavoured(p, attrs?.get(`${d.snap}:${p.plug}`)));
  };
  const byName = (a: AnsweredPlug, b: AnsweredPlug) => a.plug.localeCompare(b.plug);
  return {
    ordinary: tierOf(suggestion.candidates),
    privileged: tierOf(suggestion.privileged),
    files,
    byAttrs: split(own.filter((row) => judged.grants.has(row.plug?.name ?? '')), narrowestFirst, (p) => judged.grants.get(p.plug) ?? p),
    unsure: split(own.filter((row) => judged.unsure.has(row.plug?.name ?? '')), byName, (p) => judged.unsure.get(p.plug) ?? p),
    lacking: [...notBound, ...judged.lacking],
  };
}

/**
 * A pasted log, from a host that may not be this one: what the interfaces allow and the publisher's advice,
 * never a verdict on this host's plugs. At most a note of this host's state for the same snap.
 */
export function pastedAnswer(d: Denial, suggestion: Suggestion, hostRows: ConnectionRow[] | null): AdminAnswer {
  const early = notAboutPlugs(d, []);
  if (early) return early;
  const snap = d.snap!;
  let hostNote: string | null = null;
  if (hostRows) {
    const wanted = new Set([...suggestion.candidates, ...suggestion.privileged]);
    const own = hostRows.filter((r) => r.plug?.snap === snap && wanted.has(r.interface));
    if (own.length) {
      const state = new Map<string, boolean>();
      for (const r of own) state.set(r.plug!.name, (state.get(r.plug!.name) ?? false) || r.slot !== null);
      hostNote = `On this host, ${[...state.entries()].map(([plug, on]) => `${snap}:${plug} is ${on ? 'connected' : 'not connected'}`).join(', ')}.`;
    } else if (hostRows.some((r) => r.plug?.snap === snap || r.slot?.snap === snap)) {
      hostNote = `On this host, ${snap} declares no plug of these interfaces.`;
    }
  }
  return { kind: 'interfaces-only', snap, interfaces: suggestion.candidates, privileged: suggestion.privileged, advice: publisherAdvice(suggestion, d), hostNote };
}
