import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The kernel-log sources, through the real host layer, against the simulated
// host's journalctl and dmesg (demo mode) and a temporary /var/log tree.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sources-'));
const hostRoot = path.join(tmp, 'root');
fs.mkdirSync(path.join(hostRoot, 'var/log'), { recursive: true });
process.env.CONFINEMENT_DASHBOARD_HOST_MODE = 'demo';
process.env.CONFINEMENT_DASHBOARD_DEMO_STATE = path.join(tmp, 'state.json');
process.env.CONFINEMENT_DASHBOARD_STATE_DIR = tmp;
process.env.CONFINEMENT_DASHBOARD_DEMO_ROOT = hostRoot;

const { readKernelLog } = await import('@/lib/denials/sources');
const { currentHost } = await import('@/lib/host');
const host = currentHost();
const { parseDenials } = await import('@/lib/denials/parse');

afterAll(() => {
  delete process.env.DEMO_JOURNAL_DENIED;
  delete process.env.DEMO_SNAP_NOW;
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('readKernelLog', () => {
  it('reads the journal first, then only what is new after its cursor', async () => {
    const first = await readKernelLog(host, null);
    expect(first.source).toBe('journal');
    expect(first.attempts).toEqual([{ source: 'journal', ok: true }]);
    expect(parseDenials(first.text).length).toBeGreaterThan(10);
    expect(first.text).not.toContain('-- cursor:');

    const again = await readKernelLog(host, first.cursor);
    expect(again.source).toBe('journal');
    // Nothing (or only the few lines logged since) comes back: no rescan of the whole log.
    expect(again.text.length).toBeLessThan(first.text.length / 10);
  });

  it('a later read sees lines logged after the cursor, and only those', async () => {
    const now = Date.now();
    process.env.DEMO_SNAP_NOW = new Date(now).toISOString();
    const first = await readKernelLog(host, null);
    process.env.DEMO_SNAP_NOW = new Date(now + 10 * 60_000).toISOString();
    const later = await readKernelLog(host, first.cursor);
    const newLines = later.text.split('\n').filter(Boolean);
    expect(newLines.length).toBeGreaterThan(0);
    for (const line of newLines) expect(first.text).not.toContain(line);
    delete process.env.DEMO_SNAP_NOW;
  });

  it('falls back to /var/log/kern.log when the journal is not readable, and says why', async () => {
    process.env.DEMO_JOURNAL_DENIED = '1';
    const line = 'Nov 23 10:52:01 host kernel: audit: type=1400 audit(1763895121.123:42): apparmor="DENIED" operation="open" class="file" profile="snap.htop.htop" name="/proc/1/environ" pid=1 comm="htop" requested_mask="r" denied_mask="r" fsuid=0 ouid=0\n';
    fs.writeFileSync(path.join(hostRoot, 'var/log/kern.log'), line);
    const r = await readKernelLog(host, null);
    expect(r.source).toBe('kern.log');
    expect(r.attempts[0]).toMatchObject({ source: 'journal', ok: false });
    expect(r.attempts[0]!.hint).toContain('systemd-journal');
    expect(parseDenials(r.text)).toHaveLength(1);

    // Appended lines are read incrementally from the byte offset.
    fs.appendFileSync(path.join(hostRoot, 'var/log/kern.log'), line.replace(':42)', ':43)'));
    const next = await readKernelLog(host, r.cursor);
    expect(next.source).toBe('kern.log');
    expect(parseDenials(next.text)).toHaveLength(1);
    expect(next.text).toContain(':43)');
    delete process.env.DEMO_JOURNAL_DENIED;
  });

  it('from /var/log/syslog takes only the kernel\'s own lines: a denial planted with logger is ignored', async () => {
    process.env.DEMO_JOURNAL_DENIED = '1';
    fs.rmSync(path.join(hostRoot, 'var/log/kern.log'), { force: true });
    const denial = 'audit: type=1400 audit(1763895121.123:42): apparmor="DENIED" operation="open" class="file" profile="snap.htop.htop" name="/proc/1/environ" pid=1 comm="htop" requested_mask="r" denied_mask="r" fsuid=0 ouid=0';
    fs.writeFileSync(
      path.join(hostRoot, 'var/log/syslog'),
      [
        `Nov 23 10:52:01 host kernel: ${denial}`,
        `Nov 23 10:52:02 host mallory: ${denial.replace('htop.htop', 'victim.app')}`,
        // `logger -t kernel` through journald: the tag carries a PID.
        `Nov 23 10:52:02 host kernel[4242]: ${denial.replace('htop.htop', 'victim.app')}`,
        // The tag alone, but not the kernel's audit format (the record does not start the message).
        `Nov 23 10:52:02 host kernel: note ${denial.replace('htop.htop', 'victim.app')}`,
        `2026-11-23T10:52:03.000000+00:00 host kernel: ${denial.replace(':42)', ':44)')}`,
        `Nov 23 10:52:04 host kernel: [ 1234.567890] ${denial.replace(':42)', ':45)')}`,
      ].join('\n') + '\n',
    );
    const r = await readKernelLog(host, null);
    expect(r.source).toBe('syslog');
    const found = parseDenials(r.text);
    expect(found.map((d) => d.snap)).toEqual(['htop', 'htop', 'htop']);
    // What passes the shape check is still labelled: the origin of a syslog line cannot be proven (F9).
    expect(r.attempts.at(-1)).toMatchObject({ source: 'syslog', ok: true, message: expect.stringMatching(/^unverified: .*no Connect buttons/) });
    fs.rmSync(path.join(hostRoot, 'var/log/syslog'));
    delete process.env.DEMO_JOURNAL_DENIED;
  });

  it('reports every source that failed when none can be read', async () => {
    process.env.DEMO_JOURNAL_DENIED = '1';
    fs.rmSync(path.join(hostRoot, 'var/log/kern.log'), { force: true });
    const r = await readKernelLog(host, null);
    expect(r.attempts.map((a) => [a.source, a.ok])).toEqual([
      ['journal', false],
      ['kern.log', false],
      ['syslog', false],
      ['dmesg', false],
    ]);
    expect(r.attempts.find((a) => a.source === 'dmesg')).toMatchObject({ message: 'permission denied', hint: expect.stringContaining('adm') });
    delete process.env.DEMO_JOURNAL_DENIED;
  });
});
