/**
 * What to tell a snap's publisher: snappy-debug's suggestion list, with a warning on super-privileged and
 * high-risk interfaces and the narrow personal-files/system-files declaration that would do instead.
 */

import type { Denial } from './denial';
import { plugAdvice, type Suggestion } from './suggest';
import { interfaceInfo } from '../snap/interface-info';

/** "super-privileged" / "high risk" for interfaces an admin should think twice about; null otherwise. */
export function broadness(iface: string): string | null {
  const info = interfaceInfo(iface);
  if (!info) return null;
  if (info.superPrivileged) return `${iface} is super-privileged (${info.title.toLowerCase()})`;
  if (info.risk === 'high' || info.risk === 'critical') return `${iface} is ${info.risk} risk (${info.title.toLowerCase()})`;
  return null;
}

const WRITE_LETTERS = new Set(['w', 'a', 'c', 'd', 'l']);

/**
 * The narrow interface that would grant exactly this file (personal-files for a hidden path in a home
 * directory, system-files for a system path), with the attribute a publisher would declare; null when none fits.
 */
export function narrowerAlternative(d: Denial): string | null {
  // a mount's path is its mount point: personal-files and system-files grant file access, never a mount
  if (d.kind !== 'apparmor' || !d.path || d.mount !== null) return null;
  const attr = d.access.some((a) => WRITE_LETTERS.has(a)) ? 'write' : 'read';
  const home = /^\/(?:home\/[^/]+|root)\/(\.[^/]+)/.exec(d.path);
  if (home?.[1]) return `personal-files (${attr}: [$HOME/${home[1]}])`;
  const system = /^\/(etc|usr|var|opt|srv|lib|lib32|lib64|bin|sbin|media|mnt|run)\/[^/]/.test(d.path);
  if (system) return `system-files (${attr}: [${d.path.replace(/\/+$/, '')}])`;
  return null;
}

/**
 * snappy-debug's suggestion list for the publisher: hints that adjust the program, the plug line, the rest.
 * An interface that is super-privileged or high risk is never advised bare: the line says what it is and
 * names the narrower alternative, which comes first.
 */
export function publisherAdvice(suggestion: Suggestion, d?: Denial): string[] {
  const adjust = suggestion.hints.filter((h) => h.startsWith('adjust '));
  const rest = suggestion.hints.filter((h) => !h.startsWith('adjust '));
  const narrow = suggestion.candidates.filter((c) => broadness(c) === null);
  const broad = suggestion.candidates.filter((c) => broadness(c) !== null);
  const lines: string[] = [];
  const addLine = plugAdvice(narrow);
  if (addLine) lines.push(addLine);
  if (broad.length) {
    const alternative = d ? narrowerAlternative(d) : null;
    if (!addLine && alternative) lines.push(`add '${alternative}' to 'plugs' (the narrow way)`);
    const why = broad.map((b) => broadness(b)).join('; ');
    lines.push(
      `${addLine || alternative ? 'only if that is not enough: ' : ''}${plugAdvice(broad)} — ${why}${alternative || addLine ? '' : '; look for a narrower interface first'}`,
    );
  }
  return [...adjust, ...lines, ...rest];
}
