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

const host = await import('./run');
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

describe('runCommand', () => {
  it('passes arguments as an array: shell syntax arrives as literal text', async () => {
    const r = await host.runCommand('snap', ['args', '$(touch /tmp/x)', 'a b', '`id`', ';ls']);
    expect(JSON.parse(r.stdout)).toEqual(['$(touch /tmp/x)', 'a b', '`id`', ';ls']);
  });

  it('runs children with LC_ALL=C and without our own secrets', async () => {
    const r = await host.runCommand('snap', ['env']);
    expect(JSON.parse(r.stdout)).toEqual({ LC_ALL: 'C', LANG: 'C', SECRET: null });
  });

  it('refuses binaries outside the allow-list without starting anything', async () => {
    const before = host.commandsStarted();
    // @ts-expect-error: the type already forbids it; the runtime check is the second layer.
    const e = await failure(host.runCommand('bash', ['-c', 'id']));
    expect(e.message).toMatch(/not allowed/);
    expect(host.commandsStarted()).toBe(before);
  });

  it('types "cannot communicate with server" as snapd-unreachable', async () => {
    const e = await failure(host.runCommand('snap', ['unreachable']));
    expect(e.code).toBe('snapd-unreachable');
    expect(e.exitCode).toBe(1);
  });

  it('types access denied and keeps snapd\'s words verbatim', async () => {
    const e = await failure(host.runCommand('snap', ['denied']));
    expect(e.code).toBe('access-denied');
    expect(e.toolMessage).toBe('access denied (try with sudo)');
  });

  it('joins a re-wrapped error message and keeps the exit code', async () => {
    const e = await failure(host.runCommand('snap', ['fail']));
    expect(e.code).toBe('command-failed');
    expect(e.toolMessage).toBe('snap "microk8s" has no plug named "nonexistent"');
    expect(e.exitCode).toBe(1);
  });

  it('times out and kills the child', async () => {
    const e = await failure(host.runCommand('snap', ['slow', '5000'], { timeoutMs: 300 }));
    expect(e.code).toBe('timeout');
  });

  it('caps the output size', async () => {
    const e = await failure(host.runCommand('snap', ['big', '200000'], { maxOutputBytes: 50_000 }));
    expect(e.code).toBe('output-too-large');
    const ok = await host.runCommand('snap', ['big', '1000'], { maxOutputBytes: 50_000 });
    expect(ok.stdout).toHaveLength(1000);
  });

  it('reports a missing binary as not-installed', async () => {
    const savedPath = process.env.PATH;
    process.env.PATH = tmp; // nothing on PATH but an empty directory (plus the stand-in dir, so use microk8s)
    try {
      const e = await failure(host.runCommand('microk8s', ['status']));
      expect(e.code).toBe('not-installed');
    } finally {
      process.env.PATH = savedPath;
    }
  });
});

describe('readCommand', () => {
  it('runs identical concurrent reads once', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => host.readCommand('snap', ['slow', '150'])));
    expect(results.every((r) => r.stdout === 'done\n')).toBe(true);
    expect(callsLogged()).toBe(1);
  });

  it('runs different reads separately', async () => {
    await Promise.all([host.readCommand('snap', ['slow', '50']), host.readCommand('snap', ['slow', '60'])]);
    expect(callsLogged()).toBe(2);
  });

  it('serves a fresh result from the cache, and a mutation invalidates it', async () => {
    const file = path.join(tmp, 'counter');
    fs.writeFileSync(file, '1');
    expect((await host.readCommand('snap', ['counter', file])).stdout).toBe('1');
    fs.writeFileSync(file, '2');
    expect((await host.readCommand('snap', ['counter', file])).stdout).toBe('1'); // cached
    await host.withMutation((run) => run('snap', ['args', 'connect']));
    expect((await host.readCommand('snap', ['counter', file])).stdout).toBe('2');
  });

  it('runs the beforeRun check only when the command really starts, and a failing check starts nothing', async () => {
    let checks = 0;
    const beforeRun = async () => {
      checks++;
    };
    await Promise.all([host.readCommand('snap', ['slow', '80'], { beforeRun }), host.readCommand('snap', ['slow', '80'], { beforeRun })]);
    await host.readCommand('snap', ['slow', '80'], { beforeRun }); // cached
    expect(checks).toBe(1);
    const before = host.commandsStarted();
    await failure(host.readCommand('snap', ['ok'], { beforeRun: async () => { throw new HostError({ code: 'snapd-unreachable', command: 'snap', message: 'down' }); } }));
    expect(host.commandsStarted()).toBe(before);
  });

  it('does not cache failures', async () => {
    await failure(host.readCommand('snap', ['unreachable']));
    await failure(host.readCommand('snap', ['unreachable']));
    expect(callsLogged()).toBe(2);
  });
});

describe('withMutation', () => {
  it('runs actions one at a time, in order', async () => {
    const order: string[] = [];
    const a = host.withMutation(async (run) => {
      order.push('a-start');
      await run('snap', ['slow', '200']);
      order.push('a-end');
    });
    const b = host.withMutation(async (run) => {
      order.push('b-start');
      await run('snap', ['ok']);
      order.push('b-end');
    });
    await Promise.all([a, b]);
    expect(order).toEqual(['a-start', 'a-end', 'b-start', 'b-end']);
  });

  it('keeps going after a failed action', async () => {
    await failure(host.withMutation((run) => run('snap', ['fail'])));
    const r = await host.withMutation((run) => run('snap', ['ok']));
    expect(r.stdout).toBe('ok\n');
  });
});
