/**
 * Denials that no plug of a snap can answer, explained: those of snapd's own helpers (snap-confine,
 * snap-update-ns), of profiles that are not a snap's, and seccomp denials without an AppArmor label.
 */

import type { Denial } from './denial';

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

export function helperExplanation(helper: { helper: string; snap: string | null }, d: Denial): string {
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

export function unknownExplanation(d: Denial): string {
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
