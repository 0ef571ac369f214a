/**
 * What a personal-files or system-files plug grants, from its attributes. PURE module.
 *
 * snapd interfaces/builtin/common_files.go (commonFilesInterface.AppArmorConnectedPlug, formatPath):
 * every path of `read` becomes `"PATH{,/,/**}" rk,` and of `write` `"PATH{,/,/**}" rwkl,`; a path containing
 * `$HOME` has it replaced by `@{HOME}` and the rule prefixed `owner` (personal-files only allows paths that
 * start with `$HOME/`, personal_files.go validateSinglePathHome). The policy table (policy.json) has no rules
 * for these interfaces: they come from each plug's attributes, which is why they are matched here.
 */

import type { Denial } from './parse';
import { compileGlob, covers, grantedAccess, ownerAllows } from './glob';

export type AttrValue = string | number | boolean | null | AttrValue[] | { [key: string]: AttrValue };
export type Attrs = Record<string, AttrValue>;

export const FILES_INTERFACES = new Set(['personal-files', 'system-files']);

interface FileRule {
  path: string;
  perms: 'rk' | 'rwkl';
  owner: boolean;
  re: RegExp;
}

function clean(p: string): string {
  // filepath.Clean for the paths snapd accepts (validateSinglePath refuses unclean ones; be lenient here)
  return p.replace(/\/+/g, '/').replace(/\/$/, '');
}

function rulesOf(attrs: Attrs): FileRule[] {
  const out: FileRule[] = [];
  for (const [attr, perms] of [['read', 'rk'], ['write', 'rwkl']] as const) {
    const list = attrs[attr];
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      if (typeof raw !== 'string' || raw === '') continue;
      const owner = raw.includes('$HOME');
      const glob = `${clean(raw.replaceAll('$HOME', '@{HOME}'))}{,/,/**}`;
      try {
        out.push({ path: raw, perms, owner, re: compileGlob(glob) });
      } catch {
        // a path the glob compiler cannot read grants nothing we can show
      }
    }
  }
  return out;
}

/** The paths of this plug's attributes that allow the denied file access; empty when none (or not a file denial). */
export function grantingPaths(iface: string, attrs: Attrs | undefined, d: Denial): string[] {
  if (!FILES_INTERFACES.has(iface) || !attrs || d.path === null || d.kind !== 'apparmor') return [];
  const granted = new Map<string, Set<string>>();
  const paths: string[] = [];
  for (const rule of rulesOf(attrs)) {
    if (!ownerAllows(rule.owner, d.fsuid, d.ouid) || !rule.re.test(d.path)) continue;
    const have = granted.get('all') ?? new Set<string>();
    for (const g of grantedAccess(rule.perms)) have.add(g);
    granted.set('all', have);
    paths.push(rule.path);
  }
  const all = granted.get('all');
  return all && covers(all, d.access) ? [...new Set(paths)] : [];
}

/** "reads `$HOME/.kube`", "writes `/etc/foo`"… for a plug row; null when the attributes say nothing of files. */
export function describeFileAttrs(iface: string, attrs: Attrs | undefined): string | null {
  if (!FILES_INTERFACES.has(iface) || !attrs) return null;
  const part = (attr: 'read' | 'write', verb: string) => {
    const list = attrs[attr];
    return Array.isArray(list) && list.length ? `${verb} ${list.filter((x) => typeof x === 'string').join(', ')}` : null;
  };
  const parts = [part('read', 'reads'), part('write', 'reads and writes')].filter(Boolean);
  return parts.length ? parts.join('; ') : null;
}

const WRITES = new Set(['w', 'a', 'c', 'd', 'l']); // k (lock) comes with both lists
/** @{HOME} of AppArmor's tunables/home: /home/*\/ and /root/ */
const HOME_DIR = /^\/(?:home\/[^/]+|root)(?=\/|$)/;

/**
 * A personal-files or system-files plug whose attributes were not read: whether a plug of that interface could
 * allow the denied file access at all, and if so on which listed path it depends (plug-attrs-grants.ts AttrVerdict
 * shape). personal-files paths start with `$HOME/` and become `owner` rules (personal_files.go
 * validateSinglePathHome, common_files.go formatPath); system-files paths are absolute and never use `$HOME`
 * (system_files.go validateSinglePathSystem). A path's rule covers it and everything below it (`PATH{,/,/**}`).
 */
export function unreadFilesVerdict(iface: string, d: Denial): { decided: false } | { decided: true; grants: 'unknown'; needs: string; condition: string } {
  if (!FILES_INTERFACES.has(iface) || d.kind !== 'apparmor' || d.path === null || d.mount !== null || d.family !== null || d.dbus !== null || d.capability !== null) {
    return { decided: false };
  }
  let path = d.path.replace(/\/+$/, '') || '/';
  if (iface === 'personal-files') {
    if (!HOME_DIR.test(path) || !ownerAllows(true, d.fsuid, d.ouid)) return { decided: false };
    path = path.replace(HOME_DIR, '$HOME');
    if (path === '$HOME') return { decided: false };
  }
  if (!covers(grantedAccess('rwkl'), d.access)) return { decided: false }; // `read` gives rk, `write` rwkl: never m or x
  const list = d.access.some((a) => WRITES.has(a)) ? "'write' list has" : "'read' or 'write' list has";
  return { decided: true, grants: 'unknown', needs: `a ${iface} plug whose ${list} ${path} or a folder above it`, condition: `its ${list} ${path} or a folder above it` };
}
