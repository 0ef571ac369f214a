import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';

// GET /metrics on the simulated host, through the real route handler and host layer:
// who may read it, and whether its numbers agree with the host's own `snap` and with
// the Denials report.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-metrics-'));
process.env.CONFINEMENT_DASHBOARD_STATE_DIR = path.join(tmp, 'state');
process.env.CONFINEMENT_DASHBOARD_HOST_MODE = 'demo';
process.env.CONFINEMENT_DASHBOARD_DEMO_STATE = path.join(tmp, 'demo.json');
process.env.CONFINEMENT_DASHBOARD_TOKEN = 'metrics-test-admin-token-0123456789';
delete process.env.CONFINEMENT_DASHBOARD_METRICS_TOKEN;
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const { GET } = await import('@/app/metrics/route');
const system = await import('@/app/api/system/route');
const { ensureMetricsToken } = await import('@/lib/auth/metrics-token');
const { resetAuthState } = await import('@/lib/auth/login');
const { recentDenials } = await import('@/lib/denials/service');
const { currentHost } = await import('@/lib/host');

const ctx = { params: Promise.resolve({}) };
const get = (url: string, authorization?: string) =>
  new Request(`http://127.0.0.1:3000${url}`, { headers: { host: '127.0.0.1:3000', ...(authorization ? { authorization } : {}) } });

function demo(bin: string, ...args: string[]): string {
  return execFileSync(process.execPath, [path.resolve('demo/bin', bin), ...args], { env: { ...process.env, LC_ALL: 'C' }, encoding: 'utf8' });
}

function series(text: string, name: string): { labels: Record<string, string>; value: number }[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`))
    .map((l) => {
      const m = /^[a-z0-9_]+\{(.*)\} (\S+)$/.exec(l)!;
      const labels = Object.fromEntries([...m[1]!.matchAll(/([a-z_]+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1]!, x[2]!]));
      return { labels, value: Number(m[2]) };
    });
}

describe('GET /metrics', () => {
  it('answers the admin token with the exposition format, every series labelled with the host\'s name', async () => {
    const res = await GET(get('/metrics', `Bearer ${process.env.CONFINEMENT_DASHBOARD_TOKEN}`), ctx);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    const hostname = demo('hostname').trim();
    expect(hostname).not.toBe('');
    expect(series(text, 'confinement_snapd_up')).toEqual([{ labels: { host: hostname }, value: 1 }]);
    const samples = text.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(samples.length).toBeGreaterThan(50);
    expect(samples.filter((l) => !l.includes(`host="${hostname}"`))).toEqual([]);

    // The host's own `snap list` is the witness for the snap gauges.
    const listed = demo('snap', 'list').trim().split('\n').slice(1);
    const total = series(text, 'confinement_snaps').reduce((n, s) => n + s.value, 0);
    expect(total).toBe(listed.length);
    const classic = listed.filter((l) => /\bclassic\b/.test(l.split(/\s{2,}/).pop() ?? '')).length;
    expect(series(text, 'confinement_snaps').find((s) => s.labels.confinement === 'classic')?.value).toBe(classic);
    // The demo's strict MicroK8s starts blocked, with its required interfaces unconnected.
    expect(series(text, 'confinement_snap_health').find((s) => s.labels.snap === 'microk8s' && s.labels.status === 'blocked')?.value).toBe(1);
    // The same count as the Addons page's required list (computed there from `snap connections microk8s`).
    const { microk8sOverview } = await import('@/lib/microk8s/queries');
    const missing = (await microk8sOverview(currentHost())).required.filter((r) => !r.connected).length;
    expect(missing).toBeGreaterThan(0);
    expect(series(text, 'confinement_microk8s_required_unconnected')).toEqual([{ labels: { host: hostname }, value: missing }]);
  });

  it('counts the same denials per snap as the Denials report, and the counters never go down', async () => {
    const auth = `Bearer ${process.env.CONFINEMENT_DASHBOARD_TOKEN}`;
    const first = await (await GET(get('/metrics', auth), ctx)).text();
    const report = await recentDenials(currentHost(), {});
    const perSnap = new Map<string, number>();
    for (const s of series(first, 'confinement_denials_total')) perSnap.set(s.labels.snap!, (perSnap.get(s.labels.snap!) ?? 0) + s.value);
    expect(report.total).toBeGreaterThan(0);
    expect(Object.fromEntries(perSnap)).toEqual(Object.fromEntries(report.snaps.map((s) => [s.snap, s.count])));

    await new Promise((r) => setTimeout(r, 2100)); // past the denial store's refresh window
    const second = await (await GET(get('/metrics', auth), ctx)).text();
    for (const s of series(first, 'confinement_denials_total')) {
      const later = series(second, 'confinement_denials_total').find((x) => x.labels.snap === s.labels.snap && x.labels.kind === s.labels.kind);
      expect(later!.value).toBeGreaterThanOrEqual(s.value);
    }
  });

  it('answers the read-only metrics token, which opens no other route', async () => {
    const metrics = ensureMetricsToken().token;
    expect(metrics).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(metrics).not.toBe(process.env.CONFINEMENT_DASHBOARD_TOKEN);
    expect((await GET(get('/metrics', `Bearer ${metrics}`), ctx)).status).toBe(200);
    const refused = await system.GET(get('/api/system', `Bearer ${metrics}`), ctx);
    expect(refused.status).toBe(401);
    expect((await system.GET(get('/api/system', `Bearer ${process.env.CONFINEMENT_DASHBOARD_TOKEN}`), ctx)).status).toBe(200);
  });

  it('refuses no credentials and a wrong token with 401, never a login redirect', async () => {
    resetAuthState();
    for (const authorization of [undefined, 'Bearer not-the-token-at-all-000000', 'Basic YWRtaW46YWRtaW4=']) {
      const res = await GET(get('/metrics', authorization), ctx);
      expect(res.status, String(authorization)).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    }
    resetAuthState();
  });
});
