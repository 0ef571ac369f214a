import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The host layer runs a stand-in `snap` from test/fixtures/host-bin through the
// same code path production uses (demo mode puts that directory first on PATH).
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'host-run-'));
const log = path.join(tmp, 'calls.log');
process.env.CONFINEMENT_DASHBOARD_HOST_MODE = 'demo';
process.env.CONFINEMENT_DASHBOARD_DEMO_BIN = path.resolve('test/fixtures/host-bin');
process.env.CONFINEMENT_DASHBOARD_STATE_DIR = tmp;
process.env.HOST_TEST_SECRET = 'must-not-leak';

const { currentHost } = await import('./index');
const { DemoHost } = await import('./demo');
const { LocalHost } = await import('./local');
const host = currentHost();
const { HostError } = await import('./errors');

function callsLogged(): number {
  return fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).length : 0;
}

beforeAll(() => {
  // Children get only DEMO_* variables from our environment; route the log through one.
  process.env.DEMO_HOST_TEST_LOG = log;
});
beforeEach(() => {
  fs.rmSync(log, { force: true });
  host.invalidateReads();
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function failure(p: Promise<unknown>): Promise<InstanceType<typeof HostError>> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HostError) return e;
    throw e;
  }
  throw new Error('expected the command to fail');
}

describe('run', () => {
  it('passes arguments as an array: shell syntax arrives as literal text', async () => {
    const r = await host.run('snap', ['args', '$(touch /tmp/x)', 'a b', '`id`', ';ls']);
    expect(JSON.parse(r.stdout)).toEqual(['$(touch /tmp/x)', 'a b', '`id`', ';ls']);
  });

  it('runs children with LC_ALL=C and without our own secrets', async () => {
    const r = await host.run('snap', ['env']);
    expect(JSON.parse(r.stdout)).toEqual({ LC_ALL: 'C', LANG: 'C', SECRET: null });
  });

  it('refuses binaries outside the allow-list without starting anything', async () => {
    const before = host.commandsStarted();
    // @ts-expect-error: the type already forbids it; the runtime check is the second layer.
    const e = await failure(host.run('bash', ['-c', 'id']));
    expect(e.message).toMatch(/not allowed/);
    expect(host.commandsStarted()).toBe(before);
  });

  it('types "cannot communicate with server" as snapd-unreachable', async () => {
    const e = await failure(host.run('snap', ['unreachable']));
    expect(e.code).toBe('snapd-unreachable');
    expect(e.exitCode).toBe(1);
  });

  it('types access denied and keeps snapd\'s words verbatim', async () => {
    const e = await failure(host.run('snap', ['denied']));
    expect(e.code).toBe('access-denied');
    expect(e.toolMessage).toBe('access denied (try with sudo)');
  });

  it('joins a re-wrapped error message and keeps the exit code', async () => {
    const e = await failure(host.run('snap', ['fail']));
    expect(e.code).toBe('command-failed');
    expect(e.toolMessage).toBe('snap "microk8s" has no plug named "nonexistent"');
    expect(e.exitCode).toBe(1);
  });

  it('times out and kills the child', async () => {
    const e = await failure(host.run('snap', ['slow', '5000'], { timeoutMs: 300 }));
    expect(e.code).toBe('timeout');
  });

  it('caps the output size', async () => {
    const e = await failure(host.run('snap', ['big', '200000'], { maxOutputBytes: 50_000 }));
    expect(e.code).toBe('output-too-large');
    const ok = await host.run('snap', ['big', '1000'], { maxOutputBytes: 50_000 });
    expect(ok.stdout).toHaveLength(1000);
  });

  it('reports a missing binary as not-installed', async () => {
    const savedPath = process.env.PATH;
    process.env.PATH = tmp; // nothing on PATH but an empty directory (plus the stand-in dir, which has only snap)
    try {
      // journalctl: not a snap app, so only PATH is searched (microk8s would also be looked for in
      // /snap/bin, which a machine with snaps has: lib/host/privilege-probe.test.ts covers that).
      const e = await failure(host.run('journalctl', ['-k']));
      expect(e.code).toBe('not-installed');
    } finally {
      process.env.PATH = savedPath;
    }
  });
});

describe('read', () => {
  it('runs identical concurrent reads once', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => host.read('snap', ['slow', '150'])));
    expect(results.every((r) => r.stdout === 'done\n')).toBe(true);
    expect(callsLogged()).toBe(1);
  });

  it('runs different reads separately', async () => {
    await Promise.all([host.read('snap', ['slow', '50']), host.read('snap', ['slow', '60'])]);
    expect(callsLogged()).toBe(2);
  });

  it('serves a fresh result from the cache, and a mutation invalidates it', async () => {
    const file = path.join(tmp, 'counter');
    fs.writeFileSync(file, '1');
    expect((await host.read('snap', ['counter', file])).stdout).toBe('1');
    fs.writeFileSync(file, '2');
    expect((await host.read('snap', ['counter', file])).stdout).toBe('1'); // cached
    await host.mutate((run) => run('snap', ['args', 'connect']));
    expect((await host.read('snap', ['counter', file])).stdout).toBe('2');
  });

  it('runs the beforeRun check only when the command really starts, and a failing check starts nothing', async () => {
    let checks = 0;
    const beforeRun = async () => {
      checks++;
    };
    await Promise.all([host.read('snap', ['slow', '80'], { beforeRun }), host.read('snap', ['slow', '80'], { beforeRun })]);
    await host.read('snap', ['slow', '80'], { beforeRun }); // cached
    expect(checks).toBe(1);
    const before = host.commandsStarted();
    await failure(host.read('snap', ['ok'], { beforeRun: async () => { throw new HostError({ code: 'snapd-unreachable', command: 'snap', message: 'down' }); } }));
    expect(host.commandsStarted()).toBe(before);
  });

  it('does not cache failures', async () => {
    await failure(host.read('snap', ['unreachable']));
    await failure(host.read('snap', ['unreachable']));
    expect(callsLogged()).toBe(2);
  });
});

describe('mutate', () => {
  it('runs actions one at a time, in order', async () => {
    const order: string[] = [];
    const a = host.mutate(async (run) => {
      order.push('a-start');
      await run('snap', ['slow', '200']);
      order.push('a-end');
    });
    const b = host.mutate(async (run) => {
      order.push('b-start');
      await run('snap', ['ok']);
      order.push('b-end');
    });
    await Promise.all([a, b]);
    expect(order).toEqual(['a-start', 'a-end', 'b-start', 'b-end']);
  });

  it('keeps going after a failed action', async () => {
    await failure(host.mutate((run) => run('snap', ['fail'])));
    const r = await host.mutate((run) => run('snap', ['ok']));
    expect(r.stdout).toBe('ok\n');
  });
});

describe('hosts as objects', () => {
  const other = () => new DemoHost({ id: 'other', name: 'Other', binDir: path.resolve('test/fixtures/host-bin'), stateFile: path.join(tmp, 'other.json'), root: tmp });

  it('keeps one cache and one mutation queue per host', async () => {
    const second = other();
    const file = path.join(tmp, 'counter-2');
    fs.writeFileSync(file, 'a');
    expect((await host.read('snap', ['counter', file])).stdout).toBe('a');
    expect((await second.read('snap', ['counter', file])).stdout).toBe('a');
    fs.writeFileSync(file, 'b');
    // A mutation on one host drops only that host's cached reads.
    await second.mutate((run) => run('snap', ['ok']));
    expect((await second.read('snap', ['counter', file])).stdout).toBe('b');
    expect((await host.read('snap', ['counter', file])).stdout).toBe('a');
    expect(second.commandsStarted()).toBe(3);
  });

  it('reads a file by cursor: only what was appended, whole lines only, and starts over after a rotation', async () => {
    const second = other();
    const log = path.join(tmp, 'var/log/kern.log');
    fs.mkdirSync(path.dirname(log), { recursive: true });
    fs.writeFileSync(log, 'one\ntwo\npart');
    const first = await second.readFileTail('/var/log/kern.log', null, 1024);
    expect(first).toMatchObject({ text: 'one\ntwo\n', reset: false });
    fs.appendFileSync(log, 'ial\nthree\n');
    const next = await second.readFileTail('/var/log/kern.log', first.cursor, 1024);
    expect(next).toMatchObject({ text: 'partial\nthree\n', reset: false });
    fs.rmSync(log);
    fs.writeFileSync(log, 'fresh\n');
    const rotated = await second.readFileTail('/var/log/kern.log', next.cursor, 1024);
    expect(rotated).toMatchObject({ text: 'fresh\n', reset: true });
  });

  it('keeps the simulated host inside its own tree', async () => {
    const second = other();
    fs.writeFileSync(path.join(tmp, 'inside.txt'), 'inside');
    expect(await second.readSmallFile('/inside.txt')).toBe('inside');
    expect(await second.readSmallFile('/../../inside.txt')).toBe('inside');
    await expect(second.readSmallFile('/../../etc/passwd')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a small file that is not small', async () => {
    const second = other();
    fs.writeFileSync(path.join(tmp, 'big.txt'), 'x'.repeat(2000));
    await expect(second.readSmallFile('/big.txt', 1000)).rejects.toMatchObject({ code: 'output-too-large' });
  });

  it('never attributes a pid or probes a socket on the simulated host, and has no sudo', async () => {
    const second = other();
    expect(await second.cgroupOf(process.pid)).toBeNull();
    await expect(second.probeSnapd()).resolves.toBeUndefined();
    expect(second.capabilities).toEqual({ transport: 'demo', simulated: true, sudo: false });
  });
});

describe('the local host', () => {
  const local = () => new LocalHost({ id: 'local', name: 'Local', sudo: true, snapdSocket: path.join(tmp, 'no-such.socket') });

  it('reads the cgroup of a live process, and null for one that is gone', async () => {
    expect(await local().cgroupOf(process.pid)).toMatch(/^\d+:/m);
    expect(await local().cgroupOf(2 ** 22 + 12345)).toBeNull();
    expect(await local().cgroupOf(-1)).toBeNull();
  });

  it('reports a missing snapd socket at once, in snapd\'s words', async () => {
    const e = await failure(local().probeSnapd());
    expect(e.code).toBe('snapd-unreachable');
    expect(e.message).toMatch(/^cannot communicate with server: dial unix .*no-such\.socket: connect: no such file or directory$/);
  });

  it('says what it may do', () => {
    expect(local().capabilities).toEqual({ transport: 'local', simulated: false, sudo: true });
  });
});
