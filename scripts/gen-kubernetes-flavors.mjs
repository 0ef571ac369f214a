#!/usr/bin/env node
// Builds lib/denials/kubernetes-flavors.json: which of kubernetes-support's rules each `flavor` of its plug gets,
// read from canonical/snapd's interfaces/builtin/kubernetes_support.go. policy.json, unix-policy.json and
// mount-policy.json list the rules of all of kubernetes-support's snippets under the interface; snapd gives a plug
// only some of them, by its `flavor` attribute (AppArmorConnectedPlug and SecCompConnectedPlug switch on it).
// The constants each flavor gets are read from those two methods, not written here, and the rules are read from
// the constants with the readers of the other generators (snapd-policy-source.mjs, gen-unix-mount-policy.mjs);
// only file rules get a reader of their own, as no generator of this repository reads them (policy.json's were
// made by the shared reference's method; the test checks both readings agree). See POLICY-PROVENANCE.md.
// Usage: node scripts/gen-kubernetes-flavors.mjs --git-dir PATH/TO/snapd.git [--rev REV] [--out FILE]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanSnippet, options, rawConstants, ruleTexts, snapdSource } from './snapd-policy-source.mjs';
import { snippetRules } from './gen-unix-mount-policy.mjs';

export const SOURCE_FILE = 'interfaces/builtin/kubernetes_support.go';
/** where AppArmorConnectedPlug puts `systemd_run_extra` (strings.Replace in the same method) */
const MARKER = '###KUBERNETES_SUPPORT_SYSTEMD_RUN###';

/** The body (between its braces) of a method of kubernetesSupportInterface. */
export function methodBody(src, method) {
  const head = new RegExp(`func \\(\\w+ \\*kubernetesSupportInterface\\) ${method}\\([^\\n]*\\{\\n`).exec(src);
  if (!head) throw new Error(`kubernetes_support.go: no method ${method}`);
  let depth = 1;
  let i = head.index + head[0].length;
  for (; i < src.length && depth > 0; i++) {
    if (src[i] === '{') depth++;
    else if (src[i] === '}') depth--;
  }
  return src.slice(head.index + head[0].length, i - 1);
}

/** The flavors snapd accepts (BeforePreparePlug: `t != "kubelet" && …`), after "" — a plug without one. */
export function flavorNames(src) {
  const names = [...methodBody(src, 'BeforePreparePlug').matchAll(/\bt != "([a-z0-9-]+)"/g)].map((m) => m[1]);
  if (names.length === 0) throw new Error('kubernetes_support.go: BeforePreparePlug names no flavor');
  return ['', ...names];
}

/**
 * The constants each flavor's snippet is made of, from the statements of AppArmorConnectedPlug or
 * SecCompConnectedPlug: `snippet := X`, `snippet = X`, `snippet += X`, `systemd_run_extra = X` (or `:= ""`),
 * inside `switch k8sFlavor(plug) {` (`case "f":`, `default:`) or `if flavor == "a" || flavor == "b" {`.
 * Any other statement that touches `snippet` or `systemd_run_extra` throws: a new shape of snapd's code needs a
 * new reading, not a guess. Returns flavor → { snippets: [names], systemdRun: name | null }.
 */
export function composition(src, method, flavors) {
  const body = methodBody(src, method);
  const out = Object.fromEntries(flavors.map((f) => [f, { snippets: [], systemdRun: null }]));
  let scope = flavors;
  const stack = [];
  let switchCases = null;
  const known = (f) => {
    if (!flavors.includes(f)) throw new Error(`${method}: flavor "${f}" is not one BeforePreparePlug accepts`);
    return f;
  };
  for (const raw of body.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (line === '') continue;
    let m;
    if (/^switch k8sFlavor\(plug\) \{$/.test(line)) {
      stack.push({ scope, switchCases });
      switchCases = new Set();
    } else if ((m = /^case (.+):$/.exec(line)) && switchCases) {
      scope = m[1].split(',').map((c) => known(/^\s*"([^"]*)"\s*$/.exec(c)?.[1] ?? `?${c}`));
      scope.forEach((f) => switchCases.add(f));
    } else if (line === 'default:' && switchCases) {
      scope = flavors.filter((f) => !switchCases.has(f)); // the cases above it; snapd writes default last
    } else if ((m = /^if (.+) \{$/.exec(line))) {
      const terms = m[1].split('||').map((t) => /^\s*flavor == "([^"]*)"\s*$/.exec(t)?.[1]);
      if (terms.some((t) => t === undefined)) throw new Error(`${method}: unread condition: ${line}`);
      stack.push({ scope, switchCases });
      scope = terms.map(known).filter((f) => scope.includes(f));
      switchCases = null;
    } else if (line === '}') {
      ({ scope, switchCases } = stack.pop() ?? { scope: flavors, switchCases: null });
    } else if ((m = /^snippet (:=|=|\+=) (\w+)$/.exec(line))) {
      for (const f of scope) out[f].snippets = m[1] === '+=' ? [...out[f].snippets, m[2]] : [m[2]];
    } else if ((m = /^systemd_run_extra (:=|=) (\w+|"")$/.exec(line))) {
      for (const f of scope) out[f].systemdRun = m[2] === '""' ? null : m[2];
    } else if (/\b(snippet|systemd_run_extra)\b/.test(line) && !/^(spec\.AddSnippet\(|old := )/.test(line)) {
      throw new Error(`${method}: unread statement: ${line}`);
    }
  }
  if (method === 'AppArmorConnectedPlug' && !(body.includes(`"${MARKER}"`) && /strings\.Replace\(snippet, old, systemd_run_extra, -1\)/.test(body))) {
    throw new Error(`${method}: systemd_run_extra no longer replaces ${MARKER}`);
  }
  return out;
}

/**
 * A snippet split into the text of the snap's own profile (profile null) and of the child profiles it declares
 * (`profile systemd_run (…) {` … a `}` alone on a line): a rule in a child profile applies only to what runs
 * under it (AppArmor labels it `snap.NAME.APP//systemd_run`). Also the profile the MARKER is in.
 */
export function profileParts(text) {
  const parts = [];
  let markerProfile = null;
  const open = /^[ \t]*profile[ \t]+([\w-]+)[^{\n]*\{[ \t]*$/m;
  let rest = text;
  let m;
  while ((m = open.exec(rest))) {
    parts.push({ profile: null, text: rest.slice(0, m.index) });
    const close = rest.indexOf('\n}', m.index);
    if (close < 0) throw new Error(`profile ${m[1]}: no closing brace`);
    parts.push({ profile: m[1], text: rest.slice(m.index + m[0].length, close) });
    rest = rest.slice(close + 2);
  }
  parts.push({ profile: null, text: rest });
  for (const p of parts) if (p.text.includes(MARKER)) markerProfile = p.profile;
  return { parts: parts.map((p) => ({ ...p, text: p.text.replace(MARKER, '') })), markerProfile };
}

const FILE_RULE = /^(?:audit\s+)?(deny\s+)?(owner\s+)?("[^"]+"|[/@]\S*)\s+([A-Za-z]+)(?:\s+->\s+\S+)?\s*,$/;
const KEYWORD_RULE = /^(?:audit\s+)?(?:deny\s+)?(capability|network|unix|mount|umount|remount|pivot_root|ptrace|signal|dbus|change_profile)\b/;

/**
 * The rules of one part of a snippet: file rules (`[owner] PATH PERMS [-> TARGET],`, one a line), capabilities,
 * network rules, unix and mount rules (gen-unix-mount-policy.mjs), and what is left out: deny rules, and the
 * ptrace/signal/dbus rules no table of this repository carries. A line that is none of these throws.
 */
export function partRules(text) {
  const clean = cleanSnippet(text);
  const files = [];
  const leftOut = [];
  for (const raw of clean.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const f = FILE_RULE.exec(line);
    if (f) {
      if (f[1]) leftOut.push(line);
      else files.push({ pattern: f[3], perms: f[4], owner: !!f[2] });
    } else if (!KEYWORD_RULE.test(line)) {
      throw new Error(`unread rule: ${line}`);
    }
  }
  const keyword = (k) => ruleTexts(text, k);
  const capabilities = [];
  for (const r of keyword('capability')) {
    if (r.deny) leftOut.push(`deny capability ${r.body},`);
    else for (const c of r.body.split(/[\s,]+/).filter(Boolean)) capabilities.push(c);
  }
  const network = [];
  for (const r of keyword('network')) {
    if (r.deny) leftOut.push(`deny network ${r.body},`);
    else {
      const [family, type] = r.body.split(/\s+/);
      network.push(type ? { family, type } : { family });
    }
  }
  for (const k of ['ptrace', 'signal', 'dbus', 'change_profile']) for (const r of keyword(k)) leftOut.push(`${r.deny ? 'deny ' : ''}${k} ${r.body},`);
  for (const k of ['unix', '(?:mount|remount|umount|pivot_root)']) for (const r of keyword(k)) if (r.deny) leftOut.push(`deny ${r.keyword} ${r.body},`);
  const { unix, mount } = snippetRules(text);
  return { files, capabilities, network, unix, mount, leftOut };
}

/** The syscalls of a seccomp snippet: one a line, `name [argument filters]`; matched by name, like policy.json's. */
export function seccompRules(text) {
  return text
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter(Boolean)
    .map((l) => {
      const [syscall, ...args] = l.split(/\s+/);
      return args.length ? { syscall, args: args.join(' ') } : { syscall };
    });
}

/** The table: every rule once, with the flavors that get it, the snippet it is in and its child profile. */
export function buildFlavors(src) {
  const consts = rawConstants(src);
  const text = (name) => {
    const t = consts.get(name);
    if (t === undefined) throw new Error(`kubernetes_support.go: no constant ${name}`);
    return t;
  };
  const flavors = flavorNames(src);
  const apparmor = composition(src, 'AppArmorConnectedPlug', flavors);
  const seccomp = composition(src, 'SecCompConnectedPlug', flavors);
  const table = { files: new Map(), capabilities: new Map(), network: new Map(), unix: new Map(), mount: new Map(), syscalls: new Map() };
  const leftOut = new Map();
  const add = (kind, rule, flavor) => {
    const key = JSON.stringify(rule);
    const have = table[kind].get(key) ?? { ...rule, flavors: [] };
    if (!have.flavors.includes(flavor)) have.flavors.push(flavor);
    table[kind].set(key, have);
  };
  for (const flavor of flavors) {
    const { snippets, systemdRun } = apparmor[flavor];
    const pieces = [];
    for (const name of snippets) {
      const { parts, markerProfile } = profileParts(text(name));
      for (const p of parts) pieces.push({ name, ...p });
      if (systemdRun && markerProfile !== null) pieces.push({ name: systemdRun, profile: markerProfile, text: text(systemdRun) });
    }
    for (const { name, profile, text: t } of pieces) {
      const where = { snippet: name, ...(profile ? { profile } : {}) };
      const r = partRules(t);
      for (const f of r.files) add('files', { ...f, ...where }, flavor);
      for (const capability of r.capabilities) add('capabilities', { capability, ...where }, flavor);
      for (const n of r.network) add('network', { ...n, ...where }, flavor);
      for (const u of r.unix) add('unix', { ...u, ...where }, flavor);
      for (const mo of r.mount) add('mount', { ...mo, ...where }, flavor);
      for (const l of r.leftOut) leftOut.set(`${name}${profile ? ` (profile ${profile})` : ''}: ${l}`, true);
    }
    for (const name of seccomp[flavor].snippets) for (const s of seccompRules(text(name))) add('syscalls', { ...s, snippet: name }, flavor);
  }
  const list = (kind) => [...table[kind].values()];
  return {
    flavors,
    snippets: Object.fromEntries(flavors.map((f) => [f, { apparmor: apparmor[f].snippets, systemdRun: apparmor[f].systemdRun, seccomp: seccomp[f].snippets }])),
    files: list('files'),
    capabilities: list('capabilities'),
    network: list('network'),
    unix: list('unix'),
    mount: list('mount'),
    syscalls: list('syscalls'),
    leftOut: [...leftOut.keys()],
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const opt = options(process.argv.slice(2));
  const gitDir = opt('--git-dir', null);
  if (!gitDir) {
    console.error('usage: gen-kubernetes-flavors.mjs --git-dir PATH/TO/snapd.git [--rev REV] [--out FILE]');
    process.exit(2);
  }
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const out = opt('--out', path.join(root, 'lib', 'denials', 'kubernetes-flavors.json'));
  const snapd = snapdSource(gitDir, opt('--rev', 'HEAD'));
  const built = buildFlavors(snapd.show(SOURCE_FILE));
  const table = { source: { ...snapd.source, files: SOURCE_FILE }, method: 'scripts/gen-kubernetes-flavors.mjs (see lib/denials/POLICY-PROVENANCE.md)', ...built };
  fs.writeFileSync(out, `${JSON.stringify(table, null, 1)}\n`);
  const count = (f) => ['files', 'capabilities', 'network', 'unix', 'mount', 'syscalls'].map((k) => built[k].filter((r) => r.flavors.includes(f)).length).join('/');
  console.log(`kubernetes-support flavors from snapd ${snapd.describe} → ${path.relative(root, out)} (files/capabilities/network/unix/mount/syscalls):`);
  for (const f of built.flavors) console.log(`  ${f === '' ? '(no flavor)' : f}: ${count(f)}`);
  console.log(`  left out: ${built.leftOut.length}`);
  for (const l of built.leftOut) console.log(`    ${l}`);
}
