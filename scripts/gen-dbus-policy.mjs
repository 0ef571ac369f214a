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
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { options, ruleTexts, snapdSource, unquote, VARIANT } from './snapd-policy-source.mjs';

const opt = options(process.argv.slice(2));
const gitDir = opt('--git-dir', null);
if (!gitDir) {
  console.error('usage: gen-dbus-policy.mjs --git-dir PATH/TO/snapd.git [--rev REV] [--out FILE]');
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = opt('--out', path.join(root, 'lib', 'denials', 'dbus-policy.json'));
const snapd = snapdSource(gitDir, opt('--rev', 'HEAD'));
const { commit, describe } = snapd;

/** `dbus (send, receive) bus=system path=/x interface=y member="A{,B}" peer=(name=z, label=unconfined),` */
function dbusRules(snippet) {
  return ruleTexts(snippet, 'dbus')
    .filter((r) => !r.deny)
    .map((r) => parseRule(r.body));
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

const rules = [];
const skipped = [];
const blanket = [];
for (const { file, iface, names, superPrivileged, snippets } of snapd.plugSnippets()) {
  const withDbus = snippets.filter(({ body }) => dbusRules(body).length > 0);
  if (withDbus.length === 0) continue;
  if (!iface) {
    skipped.push(`${file}: no single interface name (${names.join(', ') || 'none'})`);
    continue;
  }
  for (const { name, body } of withDbus) {
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
  source: snapd.source,
  method: 'scripts/gen-dbus-policy.mjs (see lib/denials/POLICY-PROVENANCE.md)',
  skipped,
  blanket,
  rules,
};
fs.writeFileSync(out, `${JSON.stringify(table, null, 1)}\n`);
console.log(`${rules.length} D-Bus rules of ${new Set(rules.map((r) => r.snapdInterface)).size} interfaces from snapd ${describe} (${commit}) → ${path.relative(root, out)}; ${skipped.length} files skipped`);
for (const s of skipped) console.log(`  skipped ${s}`);
