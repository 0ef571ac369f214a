/**
 * Real seccomp denials: the lab's lab-denials snap calls unshare(2) and
 * mount(2), which its strict seccomp profile refuses. The kernel logs real
 * `audit: type=1326` lines; the dashboard must read them from the host's log
 * (here: dmesg, as this host has no journal) and name the syscall. With no
 * AppArmor there is no subj= label and exe= is the path inside the snap's
 * mount namespace, so the snap is honestly unknown unless the process lives.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HARNESS, run } from './support/lab';

const { readKernelLog } = await import('@/lib/denials/sources');
const { parseDenials } = await import('@/lib/denials/parse');
const { recentDenials } = await import('@/lib/denials/service');
const { followDenials } = await import('@/lib/denials/follow');
const { currentHost } = await import('@/lib/host');
const host = currentHost();

describe('real seccomp denials from the lab-denials snap', () => {
  it('appear in the kernel log read by the dashboard, with the right syscall name', async () => {
    const before = await readKernelLog(host, null);
    const ran = await run('bash', [path.join(HARNESS, 'lab-run.sh'), 'lab-denials.unshare'], { env: { PATH: process.env.PATH } });
    expect(ran.stderr + ran.stdout).toMatch(/Operation not permitted/);

    const after = await readKernelLog(host, before.cursor);
    expect(after.attempts.some((a) => a.ok)).toBe(true);
    const fresh = parseDenials(after.text).filter((d) => d.kind === 'seccomp');
    expect(fresh.map((d) => d.syscall)).toContain('unshare');
    const d = fresh.find((x) => x.syscall === 'unshare')!;
    expect(d.arch).toBe('x86_64');
    expect(d.action).toBe('errno');
    expect(d.exe).toBe('/usr/bin/busybox'); // the path inside the snap's mount namespace
    expect(d.profile).toBeNull(); // no AppArmor, no subj=
  });

  it('reach the Denials report, grouped, with the syscall named and the snap not guessed', async () => {
    await run('bash', [path.join(HARNESS, 'lab-run.sh'), 'lab-denials.unshare'], { env: { PATH: process.env.PATH } });
    const report = await recentDenials(host, { kind: 'seccomp' });
    const group = report.groups.find((g) => g.what === 'syscall unshare');
    expect(group).toBeDefined();
    expect(group!.count).toBeGreaterThanOrEqual(1);
    // The process has exited, so no live cgroup can vouch for a snap.
    expect(group!.snap).toBeNull();
    expect(group!.answer.kind).toBe('unknown-snap');
  });

  it('are followed live: after the start, the new one and only it, its syscall named', async () => {
    const start = await followDenials(host, { kind: 'seccomp' });
    expect(start.events).toEqual([]);
    await run('bash', [path.join(HARNESS, 'lab-run.sh'), 'lab-denials.unshare'], { env: { PATH: process.env.PATH } });
    // the server reads a host's log at most every 2 s
    await new Promise((r) => setTimeout(r, 2_100));
    const next = await followDenials(host, { kind: 'seccomp', after: start.cursor });
    expect(next.restarted).toBe(false);
    expect(next.events.length).toBeGreaterThanOrEqual(1);
    const groups = new Map(next.groups.map((g) => [g.key, g]));
    expect(next.events.map((e) => groups.get(e.group)?.what)).toContain('syscall unshare');
    // every event is from after the start, by the audit record's own time
    for (const e of next.events) expect(Date.parse(e.time!)).toBeGreaterThanOrEqual(Date.parse(start.generatedAt) - 1_000);
  });
});
