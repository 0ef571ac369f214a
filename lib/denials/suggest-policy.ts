/**
 * snapd 2.76.3's plug-side policy (policy.json, see POLICY-PROVENANCE.md) compiled for matching, once, on first
 * use: the 1317 file globs become regular expressions indexed by the first two path segments they can match,
 * capabilities, network rules and syscalls become maps to the interfaces that grant them (suggest.ts).
 */

import type { Denial } from './denial';
import policyData from './policy.json';
import { compileGlob, grantedAccess, usesSnapVariables } from './glob';

interface PolicyFile {
  pattern: string;
  perms: string;
  owner: boolean;
  candidates: string[];
  alsoGrantedBy: string[];
}
interface Policy {
  files: PolicyFile[];
  capabilities: { capability: string; candidates: string[]; alsoGrantedBy: string[] }[];
  network: { rule: string; candidates: string[]; alsoGrantedBy: string[] }[];
  syscalls: { syscall: string; candidates: string[]; alsoGrantedBy: string[] }[];
}

export interface FileRule {
  pattern: string;
  re: RegExp;
  /** compiled per snap when the glob names the snap (@{SNAP_NAME}, @{SNAP_INSTANCE_NAME}) */
  perSnap: Map<string, RegExp> | null;
  granted: Set<string>;
  owner: boolean;
  candidates: readonly string[];
  also: readonly string[];
}

export interface Grant {
  candidates: readonly string[];
  also: readonly string[];
}

export interface Compiled {
  /** first path segment ("dev", "proc", "home"…) → second segment or "*" → rules that can only match there */
  bySegment: Map<string, Map<string, FileRule[]>>;
  /** rules whose first segment is not a literal */
  anySegment: FileRule[];
  capabilities: Map<string, Grant>;
  /** "family type" or "family" → grant */
  network: Map<string, Grant>;
  syscalls: Map<string, Grant>;
}

/** variables a pattern may start with → the path they stand for, for indexing only */
const LEADING_VARIABLES: Record<string, string[]> = {
  '@{PROC}': ['/proc'],
  '@{HOME}': ['/home/*', '/root'], // "/home/*" gives first "home", second "*"
  '@{HOMEDIRS}': ['/home'],
  '@{INSTALL_DIR}': ['/snap', '/var/lib/snapd/snap'],
  '@{SNAP_COREUTIL_DIRS}': ['/bin/', '/usr/bin/', '/usr/lib/cargo/bin/'],
};
const SEGMENT = /^[A-Za-z0-9._+:@-]+$/;
const EXPANSION_LIMIT = 512;

/** expands `{a,b}` alternations (not `@{…}` variables) into plain alternatives; null past EXPANSION_LIMIT */
function expandBraces(p: string): string[] | null {
  for (let i = 0; i < p.length; i++) {
    if (p[i] !== '{' || p[i - 1] === '@' || p[i - 1] === '\\') continue;
    let depth = 0;
    let j = i;
    const alternatives: string[] = [];
    let start = i + 1;
    for (; j < p.length; j++) {
      const ch = p[j];
      if (ch === '{') depth++;
      else if (ch === '}') {
        depth--;
        if (depth === 0) break;
      } else if (ch === ',' && depth === 1) {
        alternatives.push(p.slice(start, j));
        start = j + 1;
      }
    }
    if (j >= p.length) return [p]; // unbalanced: leave as is
    alternatives.push(p.slice(start, j));
    const out: string[] = [];
    for (const a of alternatives) {
      const more = expandBraces(p.slice(0, i) + a + p.slice(j + 1));
      if (more === null) return null;
      out.push(...more);
      if (out.length > EXPANSION_LIMIT) return null;
    }
    return out;
  }
  return [p];
}

/** the literal first and second path segments a glob can start with ("*" for a non-literal second one);
 *  null when the first segment is not literal in every alternative */
function indexKeys(pattern: string): { first: string; second: string }[] | null {
  const p = pattern.startsWith('"') && pattern.endsWith('"') ? pattern.slice(1, -1) : pattern;
  for (const [variable, values] of Object.entries(LEADING_VARIABLES)) {
    if (!p.startsWith(variable)) continue;
    const keys: { first: string; second: string }[] = [];
    for (const v of values) {
      const more = headKeys(v + p.slice(variable.length));
      if (more === null) return null;
      keys.push(...more);
    }
    return keys;
  }
  return headKeys(p);
}

function headKeys(p: string): { first: string; second: string }[] | null {
  // only the head decides the keys: expand up to the third '/'
  const split = p.split('/');
  const continues = split.length > 3;
  const expansions = expandBraces(split.slice(0, 3).join('/'));
  if (expansions === null) return null;
  const keys: { first: string; second: string }[] = [];
  for (const e of expansions) {
    const parts = e.split('/');
    const first = parts[1];
    if (parts[0] !== '' || first === undefined || !SEGMENT.test(first)) return null;
    const second = parts[2];
    const literal = second !== undefined && SEGMENT.test(second) && (parts.length > 3 || continues);
    keys.push({ first, second: literal ? second : '*' });
  }
  return keys;
}

function grantMap<K extends string>(rows: ({ candidates: string[]; alsoGrantedBy: string[] } & Record<K, string>)[], key: K): Map<string, Grant> {
  const map = new Map<string, Grant>();
  for (const row of rows) map.set(row[key], { candidates: row.candidates, also: row.alsoGrantedBy });
  return map;
}
let compiled: Compiled | null = null;

export function compilePolicy(): Compiled {
  if (compiled) return compiled;
  const policy = policyData as unknown as Policy;
  const bySegment = new Map<string, Map<string, FileRule[]>>();
  const anySegment: FileRule[] = [];
  for (const f of policy.files) {
    const rule: FileRule = {
      pattern: f.pattern,
      re: compileGlob(f.pattern),
      perSnap: usesSnapVariables(f.pattern) ? new Map() : null,
      granted: grantedAccess(f.perms),
      owner: f.owner,
      candidates: f.candidates,
      also: f.alsoGrantedBy,
    };
    const keys = indexKeys(f.pattern);
    if (keys === null) {
      anySegment.push(rule);
      continue;
    }
    const seen = new Set<string>();
    for (const { first, second } of keys) {
      const k = `${first}/${second}`;
      if (seen.has(k)) continue;
      seen.add(k);
      let level = bySegment.get(first);
      if (!level) bySegment.set(first, (level = new Map()));
      const list = level.get(second);
      if (list) list.push(rule);
      else level.set(second, [rule]);
    }
  }
  const network = new Map<string, Grant>();
  for (const row of policy.network) {
    // "network netlink raw," → "netlink raw"; "network alg," → "alg"
    const key = row.rule.replace(/^network\s+/, '').replace(/,\s*$/, '').trim().replace(/\s+/g, ' ');
    network.set(key, { candidates: row.candidates, also: row.alsoGrantedBy });
  }
  compiled = {
    bySegment,
    anySegment,
    capabilities: grantMap(policy.capabilities, 'capability'),
    network,
    syscalls: grantMap(policy.syscalls, 'syscall'),
  };
  return compiled;
}

/** the rule's expression, compiled for the denial's snap when the glob names the snap */
export function ruleRegex(rule: FileRule, d: Denial): RegExp {
  if (!rule.perSnap || !d.snap) return rule.re;
  let re = rule.perSnap.get(d.snap);
  if (!re) {
    const instance = d.snap;
    const name = instance.split('_')[0] ?? instance;
    re = compileGlob(rule.pattern, { snapName: name, snapInstanceName: instance });
    rule.perSnap.set(d.snap, re);
  }
  return re;
}
