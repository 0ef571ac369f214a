import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Every route handler must refuse a request without credentials. This walks
 * app/ for every route.ts, imports it, and calls every exported HTTP method
 * with a plain Request (Host 127.0.0.1:3000, no cookie, no Authorization).
 * A new route that forgets withAuth fails here. The one exception, the login
 * route, must still refuse an empty or wrong token.
 */

const stateDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cd-coverage-')), 'state');
process.env.CONFINEMENT_DASHBOARD_STATE_DIR = stateDir;
process.env.CONFINEMENT_DASHBOARD_HOST_MODE = 'demo';
delete process.env.CONFINEMENT_DASHBOARD_TOKEN;
delete process.env.PORT;
afterAll(() => fs.rmSync(path.dirname(stateDir), { recursive: true, force: true }));

const ROOT = path.resolve(import.meta.dirname, '../..');
const APP = path.join(ROOT, 'app');
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const LOGIN_ROUTE = 'app/api/auth/login/route.ts';

function routeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...routeFiles(full));
    else if (/^route\.(ts|tsx|js|mjs)$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** app/api/snaps/[name]/route.ts → /api/snaps/x, { name: 'x' }; route groups and private folders drop out. */
function urlFor(file: string): { pathname: string; params: Record<string, string | string[]> } {
  const params: Record<string, string | string[]> = {};
  const segments = path
    .relative(APP, path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith('@'))
    .map((s) => {
      const m = /^\[{1,2}(\.\.\.)?([^\]]+)\]{1,2}$/.exec(s);
      if (!m) return s;
      params[m[2]!] = m[1] ? ['x'] : 'x';
      return 'x';
    });
  return { pathname: `/${segments.join('/')}`, params };
}

type Handler = (req: Request, ctx: { params: Promise<unknown> }) => Promise<Response> | Response;

const files = routeFiles(APP).map((f) => path.relative(ROOT, f).split(path.sep).join('/')).sort();

describe('every app/**/route.ts refuses requests without credentials', () => {
  it('finds the route files', () => {
    expect(files).toContain(LOGIN_ROUTE);
    expect(files).toContain('app/api/auth/session/route.ts');
    expect(files).toContain('app/api/audit/route.ts');
  });

  it.each(files.filter((f) => f !== LOGIN_ROUTE))('%s', async (file) => {
    const mod = (await import(path.join(ROOT, file))) as Record<string, unknown>;
    const exported = METHODS.filter((m) => typeof mod[m] === 'function');
    expect(exported.length, `${file} exports no HTTP method`).toBeGreaterThan(0);
    const { pathname, params } = urlFor(path.join(ROOT, file));
    for (const method of exported) {
      const withBody = method !== 'GET' && method !== 'HEAD';
      const req = new Request(`http://127.0.0.1:3000${pathname}`, {
        method,
        headers: { host: '127.0.0.1:3000', ...(withBody ? { 'content-type': 'application/json' } : {}) },
        body: withBody ? '{}' : undefined,
      });
      const res = await (mod[method] as Handler)(req, { params: Promise.resolve(params) });
      expect(res.status, `${method} ${pathname} (${file}) answered without credentials`).toBe(401);
      if (method !== 'HEAD') expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    }
  });

  it(`${LOGIN_ROUTE} only answers POST, and refuses an empty or wrong token`, async () => {
    const mod = (await import(path.join(ROOT, LOGIN_ROUTE))) as Record<string, unknown>;
    expect(METHODS.filter((m) => typeof mod[m] === 'function')).toEqual(['POST']);
    const post = mod.POST as Handler;
    const login = (body: string) =>
      post(
        new Request('http://127.0.0.1:3000/api/auth/login', {
          method: 'POST',
          headers: { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000', 'content-type': 'application/json' },
          body,
        }),
        { params: Promise.resolve({}) },
      );
    const empty = await login(JSON.stringify({ token: '' }));
    expect(empty.status).toBe(400);
    expect((await login('')).status).toBe(400);
    const wrong = await login(JSON.stringify({ token: 'not-the-admin-token' }));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });
});
