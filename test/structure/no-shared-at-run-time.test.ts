import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// `../shared/` (reviews, references, lab transcripts) is for reading while working, never a
// dependency: CI runs a clean clone where it does not exist. Code and tests open copies under
// test/fixtures/ instead (their SOURCES.md says where each came from). Comments may cite it.
const root = path.resolve(__dirname, '../..');
const DIRS = ['lib', 'app', 'components', 'scripts', 'bin', 'demo', 'test', 'e2e'];
const OPENS_SHARED = /(?:readFileSync|readdirSync|existsSync|createReadStream|readFile)\([^)\n]*shared\/|['"`](?:\.\.\/)+shared\/|['"`]\/work\/shared/;

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (/\.(ts|tsx|mts|mjs|js|cjs)$/.test(e.name)) out.push(p);
  }
  return out;
}

/** The code of a file without its comments (line and block), so that citing ../shared stays allowed. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('no dependency on ../shared at run time', () => {
  const all = DIRS.flatMap((d) => (fs.existsSync(path.join(root, d)) ? files(path.join(root, d)) : []));

  it('sees the project', () => {
    expect(all.length).toBeGreaterThan(300);
  });

  it('no file opens a path under ../shared', () => {
    const self = path.join(root, 'test/structure/no-shared-at-run-time.test.ts');
    const offenders = all.filter((f) => f !== self && OPENS_SHARED.test(code(fs.readFileSync(f, 'utf8')))).map((f) => path.relative(root, f));
    expect(offenders).toEqual([]);
  });

  it('would catch one', () => {
    expect(OPENS_SHARED.test(code("const t = fs.readFileSync('../shared/snapd-lab/transcripts/cli/58.stdout', 'utf8');"))).toBe(true);
    expect(OPENS_SHARED.test(code("// transcript 58 of ../shared/snapd-lab\nconst x = 1;"))).toBe(false);
  });
});
