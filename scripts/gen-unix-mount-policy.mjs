#!/usr/bin/env node
// Builds lib/denials/unix-policy.json and lib/denials/mount-policy.json: the unix socket and mount rules
// snapd's interfaces grant to a plugging snap, read from canonical/snapd's interfaces/builtin/*.go with the
// method of the other tables (snapd-policy-source.mjs; POLICY-PROVENANCE.md): plug-side snippets only,
// super-privileged interfaces and attribute-conditional variants as "also", no deny rules.
// Rule syntax: apparmor.d(5) "Unix socket rules" and "Mount rules"; how the parser encodes mount rules
// (which conditions a bind, remount, propagation or umount rule keeps): AppArmor parser/mount.cc.
// Usage: node scripts/gen-unix-mount-policy.mjs --git-dir PATH/TO/snapd.git [--rev REV] [--out-dir DIR]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { options, ruleTexts, snapdSource, unquote, VARIANT } from './snapd-policy-source.mjs';

/**
 * The `key=value` (or `key in value`) fields of a rule, in order; a value is "quoted", a (parenthesised list),
 * or bare up to whitespace, a comma or `)` outside braces, which nest (`/var/snap/{@{SNAP_NAME},x}/`). Text
 * that is not a field (a rule's paths) comes back as { key: null, value }.
 */
export function fields(text) {
  const out = [];
  let i = 0;
  const value = () => {
    const start = i;
    if (text[i] === '"') {
      i = text.indexOf('"', i + 1) + 1 || text.length;
    } else if (text[i] === '(') {
      i = text.indexOf(')', i) + 1 || text.length;
    } else {
      let depth = 0;
      for (; i < text.length; i++) {
        const ch = text[i];
        if (ch === '{') depth++;
        else if (ch === '}') depth--;
        else if (depth === 0 && (/\s/.test(ch) || ch === ',' || ch === ')')) break;
      }
    }
    return text.slice(start, i);
  };
  while (i < text.length) {
    if (/[\s,]/.test(text[i])) {
      i++;
      continue;
    }
    const key = /^(\w+)(=|\s+in\s+)/.exec(text.slice(i));
    if (key) {
      i += key[0].length;
      out.push({ key: key[1], op: key[2].trim(), value: value() });
    } else if (text.startsWith('->', i)) {
      i += 2;
      out.push({ key: null, value: '->' });
    } else {
      out.push({ key: null, value: value() || text[i++] });
    }
  }
  return out;
}

/** a condition's values: `(a, b)` or `(a b)` is a list; a bare or quoted value is one glob (`nfs{,4}`) */
const list = (raw) =>
  raw.startsWith('(')
    ? raw
        .slice(1, -1)
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(unquote)
    : [unquote(raw)];

/**
 * `unix (connect, receive, send) type=stream addr=none peer=(label=x, addr="@/tmp/y"),` (the text after
 * `unix`) → { perms, type?, addr?, peerAddr?, peerLabel?, peerIsSlot? }. TEMPLATE (a template marker) as the
 * peer's label is the slot's own label (snapd fills ###SLOT_SECURITY_TAGS### per connection with
 * "snap.<slot snap>.…", interfaces/snap_app_set.go labelExpr); elsewhere it makes the rule depend on an
 * attribute: { template: true }.
 */
export function parseUnixRule(body) {
  let rest = body;
  let perms = [];
  const p = /^\(([^)]*)\)/.exec(rest) ?? /^(create|bind|listen|accept|connect|shutdown|getattr|setattr|getopt|setopt|send|receive|r|w|rw)\b/.exec(rest);
  if (p) {
    perms = p[1].split(/[\s,]+/).filter(Boolean);
    rest = rest.slice(p[0].length);
  }
  const rule = { perms };
  for (const { key, value } of fields(rest)) {
    if (key === 'peer') {
      for (const inner of fields(value.replace(/^\(|\)$/g, ''))) {
        if (inner.key === 'addr') rule.peerAddr = unquote(inner.value);
        else if (inner.key === 'label' && unquote(inner.value) === 'TEMPLATE') rule.peerIsSlot = true;
        else if (inner.key === 'label') rule.peerLabel = unquote(inner.value);
      }
    } else if (key === 'type') rule.type = unquote(value);
    else if (key === 'addr') rule.addr = unquote(value);
  }
  if ([rule.addr, rule.peerAddr, rule.peerLabel].some((v) => v !== undefined && v.includes('TEMPLATE'))) rule.template = true;
  return rule;
}

/** propagation flags: a rule that sets only these (and rw) changes a mount's type (parser/mount.cc MS_MAKE_CMDS) */
const PROPAGATION = new Set(['private', 'rprivate', 'slave', 'rslave', 'shared', 'rshared', 'unbindable', 'runbindable']);

/**
 * `mount fstype=tmpfs options=(rw,nodev) tmpfs -> /run/foo/,` / `umount /media/**,` / `remount options=ro /x,`
 * / `pivot_root oldroot=/a /b,` (keyword and the text after it) →
 * { kind, fstype?, options?, optionsIn?, source?, target? }. A single path without `->` is the mount point of
 * umount and remount (and of the new root of pivot_root); for mount it is the source, except in a rule that
 * only changes propagation (`mount options=(rw, rslave) /,`: snapd's comment there is the mount point `/`).
 */
export function parseMountRule(keyword, body) {
  const kind = keyword === 'pivot_root' ? 'pivot_root' : keyword;
  const rule = { kind };
  const paths = [];
  let arrow = false;
  for (const { key, op, value } of fields(body)) {
    if (key === 'fstype' || key === 'vfstype') rule.fstype = list(value);
    else if (key === 'oldroot') rule.oldroot = unquote(value);
    else if (key === 'options' || key === 'option') {
      rule.options = list(value).map((o) => o.toLowerCase().replace(/^make-/, ''));
      if (op === 'in') rule.optionsIn = true;
    } else if (key === null && value === '->') arrow = true;
    else if (key === null) paths.push({ value: unquote(value), afterArrow: arrow });
  }
  const first = paths.find((p) => !p.afterArrow)?.value;
  const second = arrow ? (paths.find((p) => p.afterArrow)?.value ?? '') : undefined;
  if (kind === 'mount') {
    const onlyPropagation = !!rule.options && rule.options.every((o) => o === 'rw' || PROPAGATION.has(o)) && rule.options.some((o) => PROPAGATION.has(o));
    if (second !== undefined) {
      if (first) rule.source = first;
      if (second) rule.target = second;
    } else if (first) {
      if (onlyPropagation) rule.target = first;
      else rule.source = first;
    }
  } else if (first) {
    rule.target = first; // umount, remount: the mount point; pivot_root: the new root (`-> profile` is a transition)
  }
  if ([rule.source, rule.target, ...(rule.fstype ?? [])].some((v) => v !== undefined && /TEMPLATE|%\[?\d*\]?s/.test(v))) rule.template = true;
  return rule;
}

export const UNIX_KEYWORD = 'unix';
export const MOUNT_KEYWORD = '(?:mount|remount|umount|pivot_root)';

/** the unix and mount rules of one snippet (deny rules left out) */
export function snippetRules(snippet) {
  return {
    unix: ruleTexts(snippet, UNIX_KEYWORD)
      .filter((r) => !r.deny)
      .map((r) => parseUnixRule(r.body)),
    mount: ruleTexts(snippet, MOUNT_KEYWORD)
      .filter((r) => !r.deny)
      .map((r) => parseMountRule(r.keyword, r.body)),
  };
}

/** a rule that names nothing to match: allows every socket or every mount of its kind */
const isBlanket = {
  unix: (r) => r.perms.length === 0 && [r.type, r.addr, r.peerAddr, r.peerLabel].every((v) => v === undefined) && !r.peerIsSlot,
  mount: (r) => [r.fstype, r.options, r.source, r.target].every((v) => v === undefined),
};

export function buildTables(snapd) {
  const tables = { unix: { rules: [], skipped: [], blanket: [], template: [] }, mount: { rules: [], skipped: [], blanket: [], template: [] } };
  for (const { file, iface, names, superPrivileged, snippets } of snapd.plugSnippets()) {
    for (const { name, body } of snippets) {
      const found = snippetRules(body);
      for (const k of /** @type {const} */ (['unix', 'mount'])) {
        const t = tables[k];
        if (found[k].length === 0) continue;
        if (!iface) {
          t.skipped.push(`${file} (${name}): no single interface name (${names.join(', ') || 'none'})`);
          continue;
        }
        const also = superPrivileged || VARIANT.test(name);
        for (const r of found[k]) {
          const where = `${iface} (${name})`;
          // a rule that allows everything of its kind would be named for every denial of that kind
          if (isBlanket[k](r)) t.blanket.push(where);
          // an address or path filled in per plug or slot from an attribute: nothing fixed to match
          else if (r.template) t.template.push(where);
          else t.rules.push({ snapdInterface: iface, also, snippet: name, ...r });
        }
      }
    }
  }
  for (const t of Object.values(tables)) {
    t.blanket = [...new Set(t.blanket)];
    t.template = [...new Set(t.template)];
  }
  return tables;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const opt = options(process.argv.slice(2));
  const gitDir = opt('--git-dir', null);
  if (!gitDir) {
    console.error('usage: gen-unix-mount-policy.mjs --git-dir PATH/TO/snapd.git [--rev REV] [--out-dir DIR]');
    process.exit(2);
  }
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const outDir = opt('--out-dir', path.join(root, 'lib', 'denials'));
  const snapd = snapdSource(gitDir, opt('--rev', 'HEAD'));
  const tables = buildTables(snapd);
  for (const k of /** @type {const} */ (['unix', 'mount'])) {
    const t = tables[k];
    const out = path.join(outDir, `${k}-policy.json`);
    const table = { source: snapd.source, method: 'scripts/gen-unix-mount-policy.mjs (see lib/denials/POLICY-PROVENANCE.md)', ...t };
    fs.writeFileSync(out, `${JSON.stringify(table, null, 1)}\n`);
    const ifaces = new Set(t.rules.map((r) => r.snapdInterface));
    const candidates = new Set(t.rules.filter((r) => !r.also).map((r) => r.snapdInterface));
    console.log(
      `${t.rules.length} ${k} rules of ${ifaces.size} interfaces (${candidates.size} with candidate rules) from snapd ${snapd.describe} → ${path.relative(root, out)}; ` +
        `${t.blanket.length} blanket, ${t.template.length} per-attribute, ${t.skipped.length} skipped`,
    );
    for (const s of [...t.skipped]) console.log(`  skipped ${s}`);
    for (const s of t.blanket) console.log(`  blanket ${s}`);
    for (const s of t.template) console.log(`  per-attribute ${s}`);
  }
}
