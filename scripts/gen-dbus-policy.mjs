#!/usr/bin/env node
// Builds lib/denials/dbus-policy.json: the D-Bus rules snapd's interfaces grant to a plugging snap, read
// from canonical/snapd's interfaces/builtin/*.go the way the file/capability/network/syscall table
// (policy.json, see POLICY-PROVENANCE.md) was built:
//   - every raw-string constant whose name contains `ConnectedPlugAppArmor` or `PlugAppArmor` (never a
//     slot-side one), its `dbus (...) ...,` rules (AppArmor's D-Bus rule syntax);
//   - "candidates" are interfaces a normal snap can plug; an interface whose BaseDeclarationPlugs says
//     `allow-installation: false` (super-privileged) and attribute-conditional variant snippets
//     (*WithSandbox*, *Privileged*, *FullContainer*, *WithAllRead*, *UpdateNS*) are listed as "also".
//   - `deny` rules are left out.
// Usage: node scripts/gen-dbus-policy.mjs --git-dir PATH/TO/snapd.git [--rev REV] [--out FILE]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const gitDir = opt('--git-dir', null);
if (!gitDir) {
  console.error('usage: gen-dbus-policy.mjs --git-dir PATH/TO/snapd.git [--rev REV] [--out FILE]');
  process.exit(2);
}
const rev = opt('--rev', 'HEAD');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = opt('--out', path.join(root, 'lib', 'denials', 'dbus-policy.json'));
const git = (...a) => execFileSync('git', ['--git-dir', gitDir, ...a], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

const commit = git('rev-parse', rev).trim();
const describe = git('describe', '--tags', commit).trim();
const files = git('ls-tree', '--name-only', commit, 'interfaces/builtin/')
  .split('\n')
  .filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'));

const VARIANT = /WithSandbox|Privileged|FullContainer|WithAllRead|UpdateNS/;
const RAW_CONST = /(?:const|var)\s+(\w+)\s*=\s*`([^`]*)`/g;

/** The interface a file registers: `name: "x"` in its registerIface, or a Name() returning a literal. */
function interfaceNames(src) {
  const names = new Set();
  for (const m of src.matchAll(/\bname:\s*"([a-z0-9][a-z0-9-]*)"/g)) names.add(m[1]);
  for (const m of src.matchAll(/func \(\w+ \*?\w+\) Name\(\) string \{\s*return "([a-z0-9][a-z0-9-]*)"/g)) names.add(m[1]);
  return [...names];
}

/** `dbus (send, receive) bus=system path=/x interface=y member="A{,B}" peer=(name=z, label=unconfined),` */
function dbusRules(snippet) {
  const rules = [];
  // drop comments, then take each rule from `dbus` to the comma that ends it (outside parentheses, braces and quotes)
  // template markers (###SLOT_SECURITY_TAGS###) first: they are not comments
  const text = snippet.replace(/###[A-Z_]+###/g, 'TEMPLATE').replace(/(^|\s)#[^\n]*/g, '$1');
  const re = /(^|\s)((?:audit\s+)?(?:deny\s+)?)dbus\b/g;
  let m;
  while ((m = re.exec(text))) {
    let i = m.index + m[0].length;
    let depth = 0;
    let quoted = false;
    let end = -1;
    for (; i < text.length; i++) {
      const ch = text[i];
      if (ch === '"') quoted = !quoted;
      else if (!quoted && (ch === '(' || ch === '{')) depth++;
      else if (!quoted && (ch === ')' || ch === '}')) depth--;
      else if (!quoted && depth === 0 && ch === ',') {
        end = i;
        break;
      }
    }
    if (end < 0) break;
    const body = text.slice(m.index + m[0].length, end).trim();
    re.lastIndex = end + 1;
    if (/deny/.test(m[2])) continue;
    rules.push(parseRule(body));
  }
  return rules;
}

function parseRule(body) {
  let rest = body;
  let perms = [];
  const p = /^\(([^)]*)\)/.exec(rest) ?? /^(send|receive|bind|eavesdrop|r|w|rw)\b/.exec(rest);
  if (p) {
    perms = p[1].split(/[\s,]+/).filter(Boolean);
    rest = rest.slice(p[0].length);
  }
  const rule = { perms };
  // a bare value may hold AppArmor alternations with commas: member=Set{,Pretty,Static}Hostname
  const field = /(\w+)=("[^"]*"|\([^)]*\)|(?:[^\s,{]|\{[^}]*\})+)/g;
  let f;
  while ((f = field.exec(rest))) {
    const [, key, raw] = f;
    if (key === 'peer') {
      const inner = raw.replace(/^\(|\)$/g, '');
      const name = /name=("[^"]*"|[^\s,)]+)/.exec(inner);
      if (name) rule.name = unquote(name[1]);
      // TEMPLATE: the slot's own label, known only per connection (on classic often unconfined)
      const label = /label=("[^"]*"|[^\s,)]+)/.exec(inner);
      if (label && unquote(label[1]) !== 'TEMPLATE') rule.label = unquote(label[1]);
      continue;
    }
    if (['bus', 'path', 'interface', 'member', 'name'].includes(key)) rule[key] = unquote(raw);
  }
  return rule;
}

const unquote = (s) => s.replace(/^"|"$/g, '');

const rules = [];
const skipped = [];
const blanket = [];
for (const file of files) {
  const src = git('show', `${commit}:${file}`);
  const snippets = [...src.matchAll(RAW_CONST)].filter(([, name]) => /PlugAppArmor/.test(name) && !/Slot/.test(name));
  if (snippets.length === 0) continue;
  const names = interfaceNames(src);
  const fromFile = path.basename(file, '.go').replace(/_/g, '-');
  const iface = names.includes(fromFile) ? fromFile : names.length === 1 ? names[0] : null;
  const withDbus = snippets.filter(([, , body]) => dbusRules(body).length > 0);
  if (withDbus.length === 0) continue;
  if (!iface) {
    skipped.push(`${file}: no single interface name (${names.join(', ') || 'none'})`);
    continue;
  }
  const plugsDecl = [...src.matchAll(RAW_CONST)].find(([, name]) => /BaseDeclarationPlugs/.test(name));
  const superPrivileged = !!plugsDecl && /allow-installation:\s*false/.test(plugsDecl[2]);
  for (const [, name, body] of withDbus) {
    const also = superPrivileged || VARIANT.test(name);
    for (const r of dbusRules(body)) {
      // a blanket `dbus,` allows every message (steam-support): it would be listed for every D-Bus denial
      if (!['bus', 'path', 'interface', 'member', 'name'].some((k) => r[k] !== undefined)) {
        blanket.push(`${iface} (${name})`);
        continue;
      }
      rules.push({ snapdInterface: iface, also, snippet: name, ...r });
    }
  }
}

const table = {
  source: { repository: 'https://github.com/canonical/snapd', commit, describe, files: 'interfaces/builtin/*.go' },
  method: 'scripts/gen-dbus-policy.mjs (see lib/denials/POLICY-PROVENANCE.md)',
  skipped,
  blanket,
  rules,
};
fs.writeFileSync(out, `${JSON.stringify(table, null, 1)}\n`);
console.log(`${rules.length} D-Bus rules of ${new Set(rules.map((r) => r.snapdInterface)).size} interfaces from snapd ${describe} (${commit}) → ${path.relative(root, out)}; ${skipped.length} files skipped`);
for (const s of skipped) console.log(`  skipped ${s}`);
