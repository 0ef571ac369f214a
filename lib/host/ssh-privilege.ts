import type { PrivilegeProbe } from './host';

/**
 * Who the SSH user is on a node and, in sudo mode, whether the node's sudo
 * allows `snap connect`/`snap disconnect` without a password: one fixed `sh`
 * script (the same `sudo -n -l -- snap …` question LocalHost asks of its own
 * sudo, and the same `sudo -n -- snap` form the node's mutations use), its
 * only argument $1 = 1 in sudo mode.
 */
export const PRIVILEGE_SCRIPT = `printf 'uid=%s\\n' "$(id -u)"
printf 'user=%s\\n' "$(id -un 2>/dev/null)"
[ "$1" = 1 ] || exit 0
for a in connect disconnect; do
  said=$(sudo -n -l -- snap "$a" x:y 2>&1 >/dev/null); rc=$?
  printf '%s=%s %s\\n' "$a" "$rc" "$(printf '%s' "$said" | head -n 1)"
done`;

export function parsePrivilegeScript(stdout: string, sudoMode: boolean): PrivilegeProbe {
  const lines = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) lines.set(line.slice(0, at), line.slice(at + 1));
  }
  const uid = lines.get('uid') ?? '';
  if (!/^\d+$/.test(uid)) throw new Error('unexpected answer from id -u on the node');
  const user = lines.get('user') || null;
  const root = uid === '0';
  if (!sudoMode || root) return { user, root, sudoRule: null, sudoDetail: null };
  for (const action of ['connect', 'disconnect']) {
    const m = /^(\d+) ?(.*)$/.exec(lines.get(action) ?? '');
    if (!m) throw new Error(`unexpected answer from sudo -n -l snap ${action} on the node`);
    if (m[1] !== '0') return { user, root, sudoRule: false, sudoDetail: m[2]?.trim() || `sudo -n -l does not allow snap ${action}` };
  }
  return { user, root, sudoRule: true, sudoDetail: null };
}
