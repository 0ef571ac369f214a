import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycles, importGraph } from './import-graph';

const root = path.resolve(__dirname, '../..');
const rel = (f: string) => path.relative(root, f);

describe('import graph', () => {
  const graph = importGraph(root, ['lib', 'app', 'components', 'proxy.ts', 'instrumentation.ts'], (f) => /\.test\.tsx?$/.test(f));

  it('sees the project (the check would pass vacuously on an empty graph)', () => {
    expect(graph.size).toBeGreaterThan(100);
    // `@/` paths resolve: the connections route reaches the use case and the host layer.
    const route = graph.get(path.join(root, 'app/api/connections/route.ts'))!.map(rel);
    expect(route).toContain('lib/actions/connection-change.ts');
    expect(route).toContain('lib/http/host-param.ts');
  });

  it('has no import cycle in lib/, app/ or components/', () => {
    expect(cycles(graph).map((c) => c.map(rel))).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const a = '/x/a.ts';
    const b = '/x/b.ts';
    const c = '/x/c.ts';
    expect(cycles(new Map([[a, [b]], [b, [c]], [c, [a]]]))).toEqual([[a, b, c]]);
    expect(cycles(new Map([[a, [b]], [b, []]]))).toEqual([]);
  });
});

// The dashboard's own files (state dir, audit log, secrets) and the file an admin hands the CLI are not host files.
const OWN_FILES = new Set(['lib/state/private-files.ts', 'lib/audit/log.ts', 'lib/auth/token.ts', 'lib/auth/session-store.ts', 'lib/denials/cli-main.ts', 'lib/fleet/profiles.ts']);

describe('the host layer is the only door to a host', () => {
  const graph = importGraph(root, ['lib', 'app', 'components', 'proxy.ts', 'instrumentation.ts'], (f) => /\.test\.tsx?$/.test(f));

  it('no component imports lib/host; outside lib/host nothing starts a process, opens a host file or the snapd socket, or asks the host mode', async () => {
    const fs = await import('node:fs');
    let checked = 0;
    for (const [file, deps] of graph) {
      const r = rel(file);
      if (r.startsWith('components/')) expect(deps.map(rel).filter((d) => d.startsWith('lib/host/')), r).toEqual([]);
      // The host layer, and the settings it is built from, are where these belong.
      if (r.startsWith('lib/host/') || r === 'lib/config.ts') continue;
      checked++;
      const text = fs.readFileSync(file, 'utf8');
      expect(text, r).not.toMatch(/child_process|\bspawn\(|execFile|net\.connect|createConnection|hostMode|hostRoot|snapd\.socket/);
      if (/from 'node:fs(\/promises)?'/.test(text)) {
        expect(OWN_FILES.has(r), `${r} opens files`).toBe(true);
        expect(text, r).not.toMatch(/\/proc\/|\/var\/log|\/etc\/|addons\.yaml/);
      }
    }
    expect(checked).toBeGreaterThan(80);
  });
});
