import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { hostileStrings } from '@/test/support/hostile';
import { HostError } from './errors';
import { LocalHost } from './local';
import { Semaphore } from './semaphore';
import { SshHost, type SshHostOptions } from './ssh';

// SshHost with a stand-in `ssh` that does what sshd would: runs the remote
// command line (its last argument) with the node's `sh` in a fresh environment.
// Only ssh itself is faked: the command lines, scripts and parsing are real.
// test/fleet runs the same code against real sshd instances.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ssh-host-'));
const log = path.join(tmp, 'ssh.log');
const remoteBin = path.join(tmp, 'remote-bin');
const canary = path.join(tmp, 'pwned');
fs.mkdirSync(remoteBin);
fs.symlinkSync(process.execPath, path.join(remoteBin, 'node'));
const fakeSsh = path.join(tmp, 'ssh');
fs.writeFileSync(
  fakeSsh,
  `#!${process.execPath}
const fs = require('node:fs');
const { spawnSync } = require('node:child_process');
const argv = process.argv.slice(2);
const dest = argv[argv.indexOf('--') + 1];
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ argv, env: Object.keys(process.env), start: Date.now() }) + '\\n');
if (dest === 'nobody@unreachable') { process.stderr.write('ssh: connect to host unreachable port 22: Connection refused\\r\\n'); process.exit(255); }
const remotePath = [${JSON.stringify(remoteBin)}, ${JSON.stringify(path.resolve('test/fixtures/host-bin'))}].join(':');
const r = spawnSync('/bin/sh', ['-c', argv[argv.length - 1]], { env: { PATH: remotePath, LC_ALL: 'de_DE.UTF-8' }, stdio: 'inherit' });
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ end: Date.now() }) + '\\n');
process.exit(r.status ?? 1);
`,
  { mode: 0o755 },
);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function node(extra: Partial<SshHostOptions> = {}): SshHost {
  return new SshHost({
    id: 'node-2',
    name: 'node-2',
    destination: 'admin@node-2',
    port: 2222,
    knownHostsFile: path.join(tmp, 'known_hosts'),
    controlDir: path.join(tmp, 'control'),
    sudo: false,
    snapdSocket: null,
    sshCommand: fakeSsh,
    ...extra,
  });
}

async function failure(p: Promise<unknown>): Promise<HostError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HostError) return e;
    throw e;
  }
  throw new Error('expected a HostError');
}

const logged = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { argv?: string[]; env?: string[]; start?: number; end?: number }) : []);
beforeEach(() => fs.rmSync(log, { force: true }));

describe('SshHost commands', () => {
  it('hands hostile arguments to the node byte for byte; none reaches a shell', async () => {
    const hostile = hostileStrings(canary);
    const r = await node().run('snap', ['args', ...hostile]);
    expect(JSON.parse(r.stdout)).toEqual(hostile);
    expect(fs.existsSync(canary)).toBe(false);
  });

  it('starts ssh with our options and only the environment ssh needs; the node runs in the C locale', async () => {
    process.env.HOST_TEST_SECRET = 'must-not-leak';
    const r = await node().run('snap', ['env']);
    expect(JSON.parse(r.stdout)).toEqual({ LC_ALL: 'C', LANG: 'C', SECRET: null });
    const [call] = logged();
    expect(call?.env?.every((k) => ['PATH', 'HOME', 'USER', 'LOGNAME', 'SSH_AUTH_SOCK', 'LC_ALL', 'LANG'].includes(k))).toBe(true);
    expect(call?.argv).toContain('BatchMode=yes');
    expect(call?.argv?.slice(-3, -1)).toEqual(['--', 'admin@node-2']);
  });

  it('refuses binaries off the allow-list without starting ssh', async () => {
    const host = node();
    // @ts-expect-error: the type forbids it; the runtime check is the second layer.
    const e = await failure(host.run('bash', ['-c', 'id']));
    expect(e.message).toMatch(/not allowed/);
    expect(host.commandsStarted()).toBe(0);
    expect(logged()).toEqual([]);
  });

  it('tells a program missing on the node, naming the node', async () => {
    const e = await failure(node().run('dmesg', []));
    expect(e.code).toBe('not-installed');
    expect(e.message).toBe('node-2 (admin@node-2:2222): dmesg is not installed (not found on PATH)');
  });

  it("keeps snap's own error text", async () => {
    const e = await failure(node().run('snap', ['fail']));
    expect(e.code).toBe('command-failed');
    expect(e.toolMessage).toBe('snap "microk8s" has no plug named "nonexistent"');
  });

  it('times out a command that never finishes, naming the node', async () => {
    const started = Date.now();
    const e = await failure(node({ commandTimeoutMs: 600 }).run('snap', ['slow', '10000']));
    expect(e.code).toBe('timeout');
    expect(e.message).toBe('node-2 (admin@node-2:2222): snap slow 10000 did not finish within 1 s');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('coalesces identical reads into one ssh command', async () => {
    const host = node();
    const rs = await Promise.all([1, 2, 3].map(() => host.read('snap', ['args', 'x'])));
    expect(rs.map((r) => r.stdout)).toEqual(['["x"]', '["x"]', '["x"]']);
    expect(host.commandsStarted()).toBe(1);
  });

  it('makes one connection attempt for concurrent commands to an unreachable node; all get its typed error', async () => {
    const host = node({ destination: 'nobody@unreachable' });
    const errors = await Promise.all(['a', 'b', 'c', 'd'].map((x) => failure(host.run('snap', ['args', x]))));
    expect(errors.map((e) => e.code)).toEqual(['unreachable', 'unreachable', 'unreachable', 'unreachable']);
    expect(errors[3]?.message).toMatch(/^node-2 \(nobody@unreachable:2222\): cannot connect over SSH \(ssh: connect to host unreachable port 22: Connection refused\)$/);
    expect(errors[3]?.command).toBe('snap args d');
    expect(host.commandsStarted()).toBe(1);
  });

  it('runs connect/disconnect through the node\'s sudo -n in sudo mode, and tells a node without the rule', async () => {
    const sudo = path.join(remoteBin, 'sudo');
    fs.writeFileSync(sudo, '#!/bin/sh\n[ "$1 $2" = "-n --" ] || exit 9\nshift 2\nexec "$@"\n', { mode: 0o755 });
    const host = node({ sudo: true });
    const r = await host.mutate((run) => run('snap', ['args', 'connect', 'a:b'], { sudo: true }));
    expect(JSON.parse(r.stdout)).toEqual(['connect', 'a:b']);
    expect(logged()[0]?.argv?.at(-1)).toMatch(/ exec sudo -n -- snap args connect a:b$/);
    fs.writeFileSync(sudo, '#!/bin/sh\necho "sudo: a password is required" >&2\nexit 1\n', { mode: 0o755 });
    const e = await failure(host.mutate((run) => run('snap', ['connect', 'a:b'], { sudo: true })));
    expect(e.code).toBe('sudo-refused');
    expect(e.message).toBe('node-2 (admin@node-2:2222): sudo refused snap connect a:b (sudo: a password is required)');
    fs.rmSync(sudo);
  });

  it('keeps this node within its limit of commands in flight, and all nodes within the shared one', async () => {
    const shared = new Semaphore(3);
    const a = node({ perHostLimit: 2, sharedLimit: shared });
    const b = node({ id: 'node-3', perHostLimit: 2, sharedLimit: shared });
    await Promise.all([...[1, 2, 3, 4].map((i) => a.run('snap', ['slow', `${200 + i}`])), ...[1, 2, 3, 4].map((i) => b.run('snap', ['slow', `${300 + i}`]))]);
    const events = logged().flatMap((e) => (e.start ? [{ t: e.start, d: 1 }] : e.end ? [{ t: e.end, d: -1 }] : []));
    let now = 0;
    let peak = 0;
    for (const e of events.sort((x, y) => x.t - y.t || x.d - y.d)) peak = Math.max(peak, (now += e.d));
    expect(events).toHaveLength(16);
    expect(peak).toBe(3);
  });
});

describe('SshHost files (same answers as LocalHost)', () => {
  const local = new LocalHost({ id: 'local', name: 'local', sudo: false, snapdSocket: '' });
  const file = path.join(tmp, 'kern.log');

  it('reads a growing, rotated and truncated file by the same inode:offset cursor', async () => {
    const host = node();
    fs.writeFileSync(file, 'first line\nsecond ünïcødé line\npartial');
    const steps: [string | null, number][] = [[null, 1 << 20], [null, 12]];
    for (const [cursor, max] of steps) expect(await host.readFileTail(file, cursor, max)).toEqual(await local.readFileTail(file, cursor, max));
    let cursor = (await host.readFileTail(file, null, 1 << 20)).cursor;
    const compare = async (max = 1 << 20) => {
      const [s, l] = [await host.readFileTail(file, cursor, max), await local.readFileTail(file, cursor, max)];
      expect(s).toEqual(l);
      cursor = s.cursor;
      return s;
    };
    expect((await compare()).text).toBe('');
    fs.appendFileSync(file, ' ends here\n雪 🐧\n');
    expect((await compare()).text).toBe('partial ends here\n雪 🐧\n');
    fs.renameSync(file, `${file}.1`);
    fs.writeFileSync(file, 'after rotation\n');
    expect(await compare()).toMatchObject({ text: 'after rotation\n', reset: true });
    fs.writeFileSync(file, '');
    expect(await compare()).toMatchObject({ text: '', reset: true });
    cursor = 'not-a-cursor';
    expect(await compare(4)).toMatchObject({ reset: true });
  });

  it('lists a directory like readdir, whatever the names', async () => {
    const dir = path.join(tmp, 'listing');
    fs.mkdirSync(dir);
    const names = ['plain', '.hidden', '-rf', '*', 'with space', 'new\nline', '$(touch x)', 'ünï', "it's"];
    for (const n of names) fs.writeFileSync(path.join(dir, n), '');
    fs.symlinkSync('/nonexistent', path.join(dir, 'dangling'));
    expect((await node().listDir(dir)).sort()).toEqual(fs.readdirSync(dir).sort());
    expect(await node().listDir(path.join(tmp, 'empty-dir-missing')).catch((e: NodeJS.ErrnoException) => e.code)).toBe('ENOENT');
    expect(await node().listDir(file).catch((e: NodeJS.ErrnoException) => e.code)).toBe('ENOTDIR');
  });

  it('reads a small file, refuses a large one, and fails like fs for a missing one', async () => {
    const f = path.join(tmp, 'addons.yaml');
    fs.writeFileSync(f, 'microk8s-addons:\n  addons: [ünï]\n');
    expect(await node().readSmallFile(f)).toBe(await local.readSmallFile(f));
    expect((await failure(node().readSmallFile(f, 10))).code).toBe('output-too-large');
    expect(await node().readSmallFile(`${f}.missing`).catch((e: NodeJS.ErrnoException) => e.code)).toBe('ENOENT');
    expect(await node().readSmallFile(tmp).catch((e: NodeJS.ErrnoException) => e.code)).toBe('EISDIR');
  });

  it("reads a live process's cgroup, null for a gone one", async () => {
    expect(await node().cgroupOf(process.pid)).toBe(fs.readFileSync(`/proc/${process.pid}/cgroup`, 'utf8'));
    expect(await node().cgroupOf(2 ** 22 + 17)).toBeNull();
    expect(await node().cgroupOf(-1)).toBeNull();
  });

  it('probes the snapd socket on the node; none at all for a simulated node', async () => {
    const socket = path.join(tmp, 'snapd.socket');
    const server = net.createServer().listen(socket);
    await new Promise((r) => server.once('listening', r));
    try {
      await expect(node({ snapdSocket: socket }).probeSnapd()).resolves.toBeUndefined();
      const e = await failure(node({ snapdSocket: path.join(tmp, 'gone.socket') }).probeSnapd());
      expect(e.code).toBe('snapd-unreachable');
      const sim = node({ snapdSocket: null });
      await sim.probeSnapd();
      expect(sim.commandsStarted()).toBe(0);
    } finally {
      server.close();
    }
  });
});

describe('SshHost configuration', () => {
  it('creates its control directory 0700 and narrows an existing one', async () => {
    const dir = path.join(tmp, 'ctl-open');
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    await node({ controlDir: dir }).run('snap', ['args']);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('refuses destinations, ports and paths ssh would misread', () => {
    expect(() => node({ destination: '-oProxyCommand=touch /tmp/x' })).toThrow(/not an SSH destination/);
    expect(() => node({ port: 70000 })).toThrow(/not a TCP port/);
    expect(() => node({ knownHostsFile: 'known_hosts' })).toThrow(/absolute path/);
    expect(() => node({ identityFile: '/keys/my key' })).toThrow(/absolute path/);
    expect(() => node({ controlDir: `/${'x'.repeat(100)}` })).toThrow(/too long/);
  });

  it('names a separate connection for a different destination, port, key or known_hosts', () => {
    const paths = new Set([node(), node({ port: 2223 }), node({ destination: 'other@node-2' }), node({ identityFile: '/k/id' }), node({ knownHostsFile: '/k/kh' })].map((h) => h.controlPath));
    expect(paths.size).toBe(5);
    expect(node().capabilities).toEqual({ transport: 'ssh', simulated: false, sudo: false });
  });

  it("asks the node who the SSH user is (and, in sudo mode, the node's sudo -n -l) with one fixed script", async () => {
    // The stand-in ssh runs the remote line with /bin/sh on this machine: `id` is this process's own.
    const uid = process.getuid?.() ?? -1;
    const p = await node().probePrivilege();
    expect(p.root).toBe(uid === 0);
    expect(p.sudoRule).toBeNull(); // not in sudo mode: sudo is not asked
    const last = logged().filter((l) => l.argv).pop();
    expect(last?.argv?.at(-1)).toContain("sudo -n -l -- snap");
  });
});
