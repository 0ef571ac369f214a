/**
 * The admin's answer to a denial: cross the interfaces that would allow it (suggest.ts) with the plugs the
 * snap actually declares (`snap connections SNAP`, parsed by lib/snap/parse.ts parseConnections).
 *
 * PURE module. An admin can only connect plugs that exist: `snap connect x:removable-media` fails with
 * `snap "x" has no plug named "removable-media"` when the publisher did not declare it. So:
 * - connect:            the snap declares unconnected plug(s) of an interface that allows it → connect them;
 * - already-connected:  such plugs exist and are connected → the denial comes from something else (a rule
 *                       the interface does not have, an attribute of the plug, an owner mismatch…);
 * - no-plug:            no such plug → report to the publisher; `advice` is snappy-debug-style text to copy;
 * - snapd-helper:       the denied process is snap-confine or snap-update-ns, not the snap's app;
 * - unknown-snap:       the denial cannot be tied honestly to an installed snap's plugs.
 */

import type { Denial } from './parse';
import { plugAdvice, type Suggestion } from './suggest';

export type AdminAnswer =
  | { kind: 'connect'; snap: string; plugs: { plug: string; interface: string }[] }
  | { kind: 'already-connected'; snap: string; plugs: { plug: string; interface: string }[] }
  | { kind: 'no-plug'; snap: string; advice: string[] }
  | { kind: 'snapd-helper'; helper: string; explanation: string }
  | { kind: 'unknown-snap'; explanation: string };

export interface ConnectionRow {
  interface: string;
  plug: { snap: string; name: string } | null;
  slot: { snap: string; name: string } | null;
}

const SNAP_CONFINE = /(?:^|\/)usr\/lib\/snapd\/snap-confine(?:\/\/.*)?$/;
const SNAP_UPDATE_NS = /^snap-update-ns\.([a-z0-9][a-z0-9_-]*)$/;

/** snap-confine / snap-update-ns.SNAP when the denied subject is one of snapd's helpers, else null */
export function snapdHelper(d: Denial): { helper: string; snap: string | null } | null {
  const subject = d.profile ?? '';
  if (SNAP_CONFINE.test(subject)) return { helper: 'snap-confine', snap: null };
  const ns = SNAP_UPDATE_NS.exec(subject);
  if (ns?.[1]) return { helper: subject, snap: ns[1] };
  if (!d.profile && d.exe && /\/usr\/lib\/snapd\/snap-confine$/.test(d.exe)) return { helper: 'snap-confine', snap: null };
  return null;
}

function helperExplanation(helper: { helper: string; snap: string | null }, d: Denial): string {
  if (helper.helper === 'snap-confine') {
    return (
      `The denial is in snap-confine (profile ${d.profile ?? d.exe ?? 'snap-confine'}), snapd's launcher that sets up a snap's ` +
      'sandbox before the app starts. Connecting an interface does not change its profile. Such denials are ' +
      'often harmless (the snap still starts); if snaps fail to start, check that the snapd package and its ' +
      'AppArmor profile are up to date and report it to snapd (https://bugs.launchpad.net/snapd).'
    );
  }
  return (
    `The denial is in ${helper.helper}, the snapd helper that prepares the mount namespace of snap ` +
    `"${helper.snap ?? '?'}" (layouts, content interfaces). Connecting an interface of the snap is not what it ` +
    'needs; reads of /proc/PID/maps by it are known noise. If the snap misbehaves, report it to snapd ' +
    '(https://bugs.launchpad.net/snapd).'
  );
}

function unknownExplanation(d: Denial): string {
  if (d.kind === 'seccomp' && d.profile === null) {
    return (
      `This seccomp denial carries no AppArmor label (no subj=), so only the executable tells which program ` +
      `it was: exe="${d.exe ?? '?'}" is a path inside the process's own mount namespace, which does not name a ` +
      `snap. Match pid ${d.pid ?? '?'} against the running snap processes (snap services / the snap's cgroup) ` +
      'while it still runs.'
    );
  }
  if (d.profile) {
    const peerSnap = d.peer?.startsWith('snap.') ? ` The other side of it is ${d.peer}.` : '';
    return `The denied process runs under the AppArmor profile "${d.profile}", which is not a snap's.${peerSnap}`;
  }
  return 'The log line names no profile and no snap executable, so it cannot be tied to a snap.';
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

/** snappy-debug's suggestion list for the publisher: hints that adjust the program, the plug line, the rest */
export function publisherAdvice(suggestion: Suggestion): string[] {
  const adjust = suggestion.hints.filter((h) => h.startsWith('adjust '));
  const rest = suggestion.hints.filter((h) => !h.startsWith('adjust '));
  const addLine = plugAdvice(suggestion.candidates);
  return [...adjust, ...(addLine ? [addLine] : []), ...rest];
}

export function adminAnswer(
  d: Denial,
  suggestion: Suggestion,
  snapConnections: ConnectionRow[] | null,
): AdminAnswer {
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

  const own = snapConnections.filter((row) => row.plug?.snap === d.snap);
  const toPlug = (row: ConnectionRow) => ({ plug: row.plug?.name ?? '', interface: row.interface });
  const tier = (interfaces: readonly string[]) => {
    const wanted = new Set(interfaces);
    const rows = own.filter((row) => wanted.has(row.interface));
    const byName = (a: { plug: string; interface: string }, b: { plug: string; interface: string }) =>
      interfaces.indexOf(a.interface) - interfaces.indexOf(b.interface) || a.plug.localeCompare(b.plug);
    // a plug with a connection also shows no "-" row; a plug listed both ways counts as connected
    const connected = unique(rows.filter((row) => row.slot !== null).map(toPlug)).sort(byName);
    const names = new Set(connected.map((p) => p.plug));
    const unconnected = unique(rows.filter((row) => row.slot === null).map(toPlug))
      .filter((p) => !names.has(p.plug))
      .sort(byName);
    return { connected, unconnected };
  };
  const ordinary = tier(suggestion.candidates);
  const privileged = tier(suggestion.privileged);

  // Candidates come from rules an interface always adds (its attribute-conditional variants are listed as
  // privileged): if one of its plugs is connected, those rules are in the profile already and the denial comes
  // from something else (a deny rule, an owner mismatch, a path the rules do not cover after all…).
  if (ordinary.connected.length > 0) return { kind: 'already-connected', snap: d.snap, plugs: ordinary.connected };
  if (ordinary.unconnected.length > 0) return { kind: 'connect', snap: d.snap, plugs: ordinary.unconnected };
  // Super-privileged and attribute variants (home with read: all…): another plug of the same interface may carry
  // the attribute that grants it, so an unconnected one is still worth connecting.
  if (privileged.unconnected.length > 0) return { kind: 'connect', snap: d.snap, plugs: privileged.unconnected };
  if (privileged.connected.length > 0) return { kind: 'already-connected', snap: d.snap, plugs: privileged.connected };
  return { kind: 'no-plug', snap: d.snap, advice: publisherAdvice(suggestion) };
}
