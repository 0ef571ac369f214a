/** Which snap, app or hook a denial belongs to: from its AppArmor label, or for seccomp without one its exe= path. */

const SNAP_NAME_RE = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:_[a-z0-9]{1,10})?$/;
const APP_NAME_RE = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const SNAP_EXE_RE = /^(?:\/var\/lib\/snapd)?\/snap\/([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:_[a-z0-9]{1,10})?)\/(?:x?\d+|current)\/(.*)$/;

/** " (enforce)" as dbus-daemon appends it; child profiles after "//" */
function cleanLabel(label: string): string {
  let l = label.replace(/ \((?:enforce|complain|kill|prompt|unconfined|mixed)\)$/, '');
  const child = l.indexOf('//');
  if (child > 0) l = l.slice(0, child);
  return l;
}

export type Subject = { snap: string; app: string | null; hook: string | null };
const subjectCache = new Map<string, Subject | null>();

/** `snap.NAME.APP` / `snap.NAME.hook.HOOK` (with dbus-daemon's " (enforce)" or a child profile) → its parts */
export function parseSnapSubject(label: string | null): Subject | null {
  if (!label) return null;
  const cached = subjectCache.get(label);
  if (cached !== undefined) return cached;
  const subject = readSnapSubject(label);
  if (subjectCache.size > 5000) subjectCache.clear();
  subjectCache.set(label, subject);
  return subject;
}

function readSnapSubject(label: string): Subject | null {
  const l = cleanLabel(label);
  if (!l.startsWith('snap.')) return null;
  const rest = l.slice(5);
  const dot = rest.indexOf('.');
  if (dot <= 0) return null;
  const snap = rest.slice(0, dot);
  const tail = rest.slice(dot + 1);
  if (!SNAP_NAME_RE.test(snap)) return null;
  if (tail.startsWith('hook.')) {
    const hook = tail.slice(5);
    return APP_NAME_RE.test(hook) ? { snap, app: null, hook } : null;
  }
  return APP_NAME_RE.test(tail) ? { snap, app: tail, hook: null } : null;
}

export function snapFromExe(exe: string | null): string | null {
  if (!exe) return null;
  const m = SNAP_EXE_RE.exec(exe);
  if (!m?.[1]) return null;
  // snapd's own helpers run from the snapd/core snap; they are not the snap being confined
  if ((m[1] === 'snapd' || m[1] === 'core') && (m[2] ?? '').startsWith('usr/lib/snapd/')) return null;
  return m[1];
}
