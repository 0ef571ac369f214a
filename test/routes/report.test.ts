import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import type { PostureReport } from '@/lib/contracts/report';

// GET /api/report on the simulated host, checked against the host's own `snap`.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-report-'));
process.env.CONFINEMENT_DASHBOARD_STATE_DIR = path.join(tmp, 'state');
process.env.CONFINEMENT_DASHBOARD_HOST_MODE = 'demo';
process.env.CONFINEMENT_DASHBOARD_DEMO_STATE = path.join(tmp, 'demo.json');
process.env.CONFINEMENT_DASHBOARD_TOKEN = 'report-test-admin-token-0123456789';
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const { GET } = await import('@/app/api/report/route');
const { postureReport } = await import('@/lib/report/posture');
const { postureMarkdown } = await import('@/lib/report/markdown');
const { currentHost } = await import('@/lib/host');

const ctx = { params: Promise.resolve({}) };
const get = (query: string) =>
  GET(new Request(`http://127.0.0.1:3000/api/report${query}`, { headers: { host: '127.0.0.1:3000', authorization: `Bearer ${process.env.CONFINEMENT_DASHBOARD_TOKEN}` } }), ctx);

function demo(bin: string, ...args: string[]): string {
  return execFileSync(process.execPath, [path.resolve('demo/bin', bin), ...args], { env: { ...process.env, LC_ALL: 'C' }, encoding: 'utf8' });
}

describe('GET /api/report', () => {
  it('downloads JSON that agrees with the host\'s own snap list and connections', async () => {
    demo('snap', 'connect', 'microk8s:kubernetes-support'); // a manual, super-privileged connection
    const res = await get('?format=json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const hostname = demo('hostname').trim();
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="confinement-posture-${hostname}-\\d{4}-\\d\\d-\\d\\dT[\\d-]+Z\\.json"$`));
    const report = (await res.json()) as PostureReport;
    expect(report.signature.hostnames).toEqual([hostname]);
    expect(Date.parse(report.generatedAt)).toBeGreaterThan(Date.now() - 60_000);
    const [h] = report.hosts;

    // Witness: the Notes column of `snap list`.
    const rows = demo('snap', 'list').trim().split('\n').slice(1).map((l) => l.split(/\s{2,}/));
    const unconfined = rows.filter((r) => /\b(classic|devmode)\b/.test(r.at(-1)!)).map((r) => r[0]).sort();
    expect(unconfined.length).toBeGreaterThan(0);
    expect(h!.unconfined.map((u) => u.snap)).toEqual(unconfined);

    // Witness: the manual rows of `snap connections --all`.
    const manual = demo('snap', 'connections', '--all').trim().split('\n').slice(1).filter((l) => /\bmanual\b/.test(l)).length;
    expect(h!.manual).toHaveLength(manual);
    expect(h!.manual).toContainEqual({ plug: 'microk8s:kubernetes-support', interface: 'kubernetes-support', slot: ':kubernetes-support' });
    expect(h!.superPrivileged).toContainEqual({ plug: 'microk8s:kubernetes-support', interface: 'kubernetes-support', slot: ':kubernetes-support', manual: true });
    // The demo's strict MicroK8s is blocked: required plugs are missing, kubernetes-support no longer.
    expect(h!.requiredUnconnected.length).toBeGreaterThan(0);
    expect(h!.requiredUnconnected.map((r) => r.plug)).not.toContain('microk8s:kubernetes-support');
    expect(h!.unhealthy).toContainEqual({ snap: 'microk8s', health: 'blocked' });
    expect(h!.denials.readable).toBe(true);
    expect(h!.denials.total).toBe(h!.denials.bySnap.reduce((n, s) => n + s.count, 0));
  });

  it('downloads Markdown, dated and signed with the hostname', async () => {
    const res = await get('?format=md');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/filename="confinement-posture-.+\.md"$/);
    const md = await res.text();
    const hostname = demo('hostname').trim();
    expect(md).toMatch(new RegExp(`^# Snap confinement posture: ${hostname}\n\nGenerated \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z by confinement-dashboard \\d+\\.\\d+\\.\\d+\\.`));
    expect(md).toMatch(new RegExp(`\nSigned: ${hostname} · \\d{4}-[\\d:T.-]+Z · posture digest \`sha256:[0-9a-f]{64}\`\n$`));
    expect(md).toContain('| microk8s:kubernetes-support | kubernetes-support | :kubernetes-support | yes |');
    // Every table row has as many cells as its header.
    const tableRows = md.split('\n').filter((l) => l.startsWith('| '));
    for (const l of tableRows) expect(l.endsWith(' |'), l).toBe(true);
  });

  it('diffs between two dates to nothing but the dates when the host did not change', async () => {
    const host = currentHost();
    // At once, so both read the same host state (the simulated kernel log grows with the clock).
    const [a, b] = await Promise.all([postureReport([host], new Date('2026-01-01T00:00:00Z')), postureReport([host], new Date('2026-01-02T00:00:00Z'))]);
    expect(b.signature.digest).toBe(a.signature.digest);
    const la = postureMarkdown(a).split('\n');
    const lb = postureMarkdown(b).split('\n');
    expect(lb.length).toBe(la.length);
    const differing = la.map((l, i) => [l, lb[i]]).filter(([x, y]) => x !== y);
    expect(differing.map(([x, y]) => [x!.split(' ')[0], y!.split(' ')[0], x!.replace('2026-01-01', '2026-01-02') === y])).toEqual([
      ['Generated', 'Generated', true],
      ['Signed:', 'Signed:', true],
    ]);

    demo('snap', 'disconnect', 'microk8s:kubernetes-support');
    host.invalidateReads();
    const c = await postureReport([host], new Date('2026-01-03T00:00:00Z'));
    expect(c.signature.digest).not.toBe(a.signature.digest);
  });

  it('refuses an unknown format', async () => {
    const res = await get('?format=pdf');
    expect(res.status).toBe(400);
  });
});
