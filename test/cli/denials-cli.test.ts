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

// Anything that would move the cursor, recolour, retitle or write the clipboard; the newline is the only control
// character the text report may contain.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

// Each run is a node process through tsx, one at a time (the other CLI tests run beside these); a test runs up to
// three, and a shared 2-core CI box can be slow.
describe('confinement-dashboard denials', { timeout: 60_000 }, () => {
  // The page judges a pasted log as one from elsewhere (service.ts analyseLog); a file given to the CLI is the same.
  it('judges a log file as one from elsewhere by default: interfaces only, a note of this host, no plug verdict', async () => {
    const r = await run(['denials', path.join(tmp, 'kern.log')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 denials in 1 group; 5 dropped by the kernel');
    expect(r.stdout).toContain('== microk8s ==');
    expect(r.stdout).toContain('2× apparmor read /proc/PID/mounts');
    expect(r.stdout).toContain('→ allowed by: mount-observe');
    // the demo host's microk8s has mount-observe unconnected: said as a note, not as "connect it"
    expect(r.stdout).toContain('microk8s:mount-observe is not connected');
    expect(r.stdout).not.toContain('sudo snap connect');
    expect(r.stdout).toContain('Judged as a log from elsewhere');
    const json = JSON.parse((await run(['denials', path.join(tmp, 'kern.log'), '--json'])).stdout);
    expect(json.groups.length).toBeGreaterThan(0);
    expect(json.groups.map((g: { answer: { kind: string } }) => g.answer.kind)).toEqual(json.groups.map(() => 'interfaces-only'));
  });

  it('with --this-host judges the log against this host and names the plug to connect', async () => {
    const r = await run(['denials', path.join(tmp, 'kern.log'), '--this-host']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2× apparmor read /proc/PID/mounts');
    expect(r.stdout).toContain('sudo snap connect microk8s:mount-observe');
    expect(r.stdout).not.toContain('Judged as a log from elsewhere');
    // the same count of lines that are not denials in either judgement
    expect(r.stdout).toContain('\n1 of 4 lines not recognised as denials.\n');
  });

  it('reads stdin and prints JSON with --json', async () => {
    const r = await run(['denials', '-', '--json', '--snap', 'microk8s', '--this-host'], log);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.total).toBe(2);
    expect(report.groups[0].answer.kind).toBe('connect');
    expect(report.groups[0].answer.plugs.map((p: { plug: string }) => p.plug)).toContain('mount-observe');
  });

  it('counts the lines that are not denials, as the page does for a pasted log, and says nothing when there are none', async () => {
    const junk = ['Nov 23 10:53:00 host kernel: [UFW BLOCK] IN=eth0 OUT= SRC=10.0.0.9', '', 'garbage', '   ', log, 'Nov 23 10:53:01 host systemd[1]: Started session 4.'].join('\n');
    fs.writeFileSync(path.join(tmp, 'junk.log'), `${junk}\n`);
    // 7 non-blank lines: 2 denials, 1 kauditd note, the log's own unrelated line and 3 more
    const clean = [log.split('\n')[0], log.split('\n')[2]].join('\n');
    const text = await run(['denials', path.join(tmp, 'junk.log')]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('2 denials in 1 group; 5 dropped');
    expect(text.stdout).toContain('\n4 of 7 lines not recognised as denials.\n');
    // --snap narrows the report, not the count of the input's lines
    const report = JSON.parse((await run(['denials', path.join(tmp, 'junk.log'), '--json', '--snap', 'htop'])).stdout);
    expect(report.total).toBe(0);
    expect({ lines: report.lines, unrecognised: report.unrecognised }).toEqual({ lines: 7, unrecognised: 4 });
    const cleanRun = await run(['denials', '-'], clean);
    expect(cleanRun.stdout).toContain('1 denial in 1 group; 5 dropped');
    expect(cleanRun.stdout).not.toContain('not recognised');
  });

  it('never writes the control characters of a junk line to the terminal', async () => {
    const hostile = [
      'Dec  3 11:00:00 host evil: \u001b[2J\u001b[H\u001b]0;owned\u0007\u001b]52;c;c3VkbyBybSAtcmYgLw==\u0007',
      'Dec  3 11:00:00 host evil: \u009b31m\u202egnp.exe\rfake line\u007f',
      log.split('\n')[0],
    ].join('\n');
    fs.writeFileSync(path.join(tmp, 'hostile.log'), `${hostile}\n`);
    const file = path.join(tmp, 'hostile.log');
    const r = await run(['denials', file, '--raw']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 of 3 lines not recognised as denials.');
    expect(r.stdout).not.toMatch(CONTROL);
    expect(r.stderr).not.toMatch(CONTROL);
    const json = await run(['denials', file, '--json']);
    expect(JSON.parse(json.stdout).unrecognised).toBe(2);
    expect(json.stdout).not.toMatch(CONTROL);
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
    // the flag takes no value: a guess at one is refused, not taken for "yes"
    const valued = await run(['denials', path.join(tmp, 'kern.log'), '--this-host=no']);
    expect(valued.code).toBe(64);
    expect(valued.stdout).toBe('');
    expect(valued.stderr).toContain('error: unknown option --this-host=no');
    const help = await run(['denials', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--this-host +the log is this host's own/);
  });
});
