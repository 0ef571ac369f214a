// Shared by the generators of the policy tables (gen-dbus-policy.mjs, gen-unix-mount-policy.mjs): reading
// canonical/snapd's interfaces/builtin/*.go out of a git directory, and the method of POLICY-PROVENANCE.md —
//   - every raw-string constant whose name contains `PlugAppArmor` (never a slot-side one);
//   - "also" (not a candidate): an interface whose BaseDeclarationPlugs says `allow-installation: false`
//     (super-privileged), and the attribute-conditional variant snippets (VARIANT below);
//   - `deny` rules are left out.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export const VARIANT = /WithSandbox|Privileged|FullContainer|WithAllRead|UpdateNS/;
const RAW_CONST = /(?:const|var)\s+(\w+)\s*=\s*`([^`]*)`/g;

/** The interface a file registers: `name: "x"` in its registerIface, or a Name() returning a literal. */
export function interfaceNames(src) {
  const names = new Set();
  for (const m of src.matchAll(/\bname:\s*"([a-z0-9][a-z0-9-]*)"/g)) names.add(m[1]);
  for (const m of src.matchAll(/func \(\w+ \*?\w+\) Name\(\) string \{\s*return "([a-z0-9][a-z0-9-]*)"/g)) names.add(m[1]);
  return [...names];
}

/**
 * A snippet as the rule readers see it: comments dropped (`#include` lines too: the rules of AppArmor's
 * abstractions are not snapd's), the `###PROMPT###`/`###HOME_IX###` prefixes of policy.json's method stripped
 * and any other template marker (`###SLOT_SECURITY_TAGS###`) turned into TEMPLATE.
 */
export function cleanSnippet(snippet) {
  return snippet
    .replace(/###(?:PROMPT|HOME_IX)###/g, '')
    .replace(/###[A-Z_]+###/g, 'TEMPLATE')
    .replace(/(^|\s)#[^\n]*/g, '$1');
}

/** The raw-string constants (`const x = \`…\``, `var x = \`…\``) of a Go file: name → text. */
export function rawConstants(src) {
  return new Map([...src.matchAll(RAW_CONST)].map(([, name, body]) => [name, body]));
}

/**
 * The rules of one AppArmor snippet that start with `keyword` (a regular expression source such as `dbus` or
 * `(?:mount|umount)`) at the start of a line, each from its keyword to the comma that ends it outside parentheses, braces and quotes.
 * Comments are dropped first; template markers (`###SLOT_SECURITY_TAGS###`, not comments) become TEMPLATE, and
 * the `###PROMPT###`/`###HOME_IX###` prefixes of policy.json's method are stripped. Returns
 * `{ keyword, body, deny }` with the text after the keyword.
 */
export function ruleTexts(snippet, keyword) {
  const out = [];
  const text = cleanSnippet(snippet);
  // a rule starts a line (after indentation and qualifiers): `unix` in `network unix stream,` is not one
  const re = new RegExp(`(^|\\n)([ \\t]*(?:audit\\s+)?(?:deny\\s+)?(?:allow\\s+)?)(${keyword})(?=[\\s,(]|$)`, 'g');
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
    out.push({ keyword: m[3], body: text.slice(m.index + m[0].length, end).trim(), deny: /deny/.test(m[2]) });
    re.lastIndex = end + 1;
  }
  return out;
}

export const unquote = (s) => s.replace(/^"|"$/g, '');

/** A snapd checkout in a (bare) git directory at one revision. */
export function snapdSource(gitDir, rev) {
  const git = (...a) => execFileSync('git', ['--git-dir', gitDir, ...a], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const commit = git('rev-parse', `${rev}^{commit}`).trim(); // a tag's commit, not the tag object
  const describe = git('describe', '--tags', commit).trim();
  const files = git('ls-tree', '--name-only', commit, 'interfaces/builtin/')
    .split('\n')
    .filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'));
  return {
    commit,
    describe,
    /** one file of the checkout */
    show: (file) => git('show', `${commit}:${file}`),
    source: { repository: 'https://github.com/canonical/snapd', commit, describe, files: 'interfaces/builtin/*.go' },
    /** each file with plug-side AppArmor snippets: its interface (or null) and its snippets */
    *plugSnippets() {
      for (const file of files) {
        const src = git('show', `${commit}:${file}`);
        const consts = [...src.matchAll(RAW_CONST)];
        const snippets = consts
          .filter(([, name]) => /PlugAppArmor/.test(name) && !/Slot/.test(name))
          .map(([, name, body]) => ({ name, body }));
        if (snippets.length === 0) continue;
        const names = interfaceNames(src);
        const fromFile = path.basename(file, '.go').replace(/_/g, '-');
        const iface = names.includes(fromFile) ? fromFile : names.length === 1 ? names[0] : null;
        const plugsDecl = consts.find(([, name]) => /BaseDeclarationPlugs/.test(name));
        const superPrivileged = !!plugsDecl && /allow-installation:\s*false/.test(plugsDecl[2]);
        yield { file, iface, names, superPrivileged, snippets };
      }
    },
  };
}

/** `--name value` options of a generator's command line */
export function options(argv) {
  return (name, fallback) => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
  };
}
