import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The CLI twin of the Denials page, run as an admin would, against the simulated host.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
const env = {
  ...process.env,
  CONFINEMENT_DASHBOARD_HOST_MODE: 'demo',
  CONFINEMENT_DASHBOARD_DEMO_STATE: path.join(tmp, 'state.json'),
  CONFINEMENT_DASHBOARD_STATE_DIR: tmp,
};
const bin = path.resolve('bin/confinement-dashboard.mjs');
const log = [
  'Nov 23 10:52:01 host kernel: audit: type=1400 audit(1763895121.123:42): apparmor="DENIED" operation="open" class="file" profile="snap.microk8s.daemon-kubelite" name="/proc/1234/mounts" pid=1234 comm="kubelite" requested_mask="r" denied_mask="r" fsuid=0 ouid=0',
  'Nov 23 10:52:02 host kernel: audit: type=1400 audit(1763895122.123:43): apparmor="DENIED" operation="open" class="file" profile="snap.microk8s.daemon-kubelite" name="/proc/99/mounts" pid=99 comm="kubelite" requested_mask="r" denied_mask="r" fsuid=0 ouid=0',
  'Nov 23 10:52:03 host kernel: kauditd_printk_skb: 5 callbacks suppressed',
  'Nov 23 10:52:04 host kernel: some unrelated line',
].join('\n');
fs.writeFileSync(path.join(tmp, 'kern.log'), log + '\n');

function run(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], { env, cwd: tmp }, (err, stdout, stderr) => {
      // execFile's error carries the exit status in `code` (a number here, not an errno name).
      const code = err ? Number((err as { code?: unknown }).code ?? 1) : 0;
      resolve({ code, stdout, stderr });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

describe('confinement-dashboard denials', () => {
  it('groups a log file by snap and names the plug to connect', async () => {
    const r = await run(['denials', path.join(tmp, 'kern.log')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 denials in 1 groups; 5 dropped by the kernel');
    expect(r.stdout).toContain('== microk8s ==');
    expect(r.stdout).toContain('2× apparmor read /proc/PID/mounts');
    expect(r.stdout).toContain('sudo snap connect microk8s:mount-observe');
  });

  it('reads stdin and prints JSON with --json', async () => {
    const r = await run(['denials', '-', '--json', '--snap', 'microk8s'], log);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.total).toBe(2);
    expect(report.groups[0].answer.kind).toBe('connect');
    expect(report.groups[0].answer.plugs.map((p: { plug: string }) => p.plug)).toContain('mount-observe');
  });

  it('filters by snap', async () => {
    const r = await run(['denials', path.join(tmp, 'kern.log'), '--json', '--snap', 'htop']);
    expect(JSON.parse(r.stdout).total).toBe(0);
  });

  // The review's F2 reproduction: a kernel-style line whose hex-encoded name decodes to escape
  // sequences (clear screen, window title, OSC 52 clipboard write).
  it('never writes the control characters of a hex-decoded name to the terminal (F2)', async () => {
    const name = Buffer.from('/tmp/\u001b[2J\u001b[H\u001b]0;owned\u0007\u001b]52;c;c3VkbyBybSAtcmYgLw==\u0007x').toString('hex').toUpperCase();
    const line = `Dec  3 11:00:01 host kernel: audit: type=1400 audit(1764759600.001:101): apparmor="DENIED" operation="open" profile="snap.microk8s.daemon-kubelite" name=${name} pid=1001 comm="kubelite" requested_mask="r" denied_mask="r" fsuid=0 ouid=0`;
    fs.writeFileSync(path.join(tmp, 'ansi.log'), `${line}\n`);
    for (const args of [['denials', path.join(tmp, 'ansi.log')], ['denials', path.join(tmp, 'ansi.log'), '--raw']]) {
      const r = await run(args);
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      expect(r.stdout).toContain('read /tmp/\\x1b[2J\\x1b[H\\x1b]0;owned\\x07\\x1b]52;c;c3VkbyBybSAtcmYgLw==\\x07x');
    }
    // JSON stays JSON: the decoded name, escaped by JSON itself, round-trips exactly.
    const json = await run(['denials', path.join(tmp, 'ansi.log'), '--json']);
    expect(JSON.parse(json.stdout).groups[0].what).toContain('\u001b]52;c;');
  });

  it('refuses bad input clearly', async () => {
    expect((await run(['denials', '--snap', '$(id)'])).stderr).toContain('invalid snap name');
    const missing = await run(['denials', path.join(tmp, 'nope.log')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cannot read');
    const unknown = await run(['denials', '--frobnicate']);
    expect(unknown.code).toBe(64);
  });
});
