/**
 * The harness itself: it refuses to touch a host it must not touch, bring-up is idempotent,
 * and it recovers from a previous session whose processes were killed while pid files,
 * sockets and mounts stayed behind. Every process is ended by the pid the lab recorded.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HARNESS, LAB_DIR, SNAPD_SOCKET, SYSTEM_PATH, allChanges, harness, isConnected, run, sleep, snap } from './support/lab';

const FIXTURES = ['core20', 'core22', 'lab-classic', 'lab-config-provider', 'lab-denials', 'lab-devmode', 'microk8s', 'snapd'];

function pidFile(name: 'supervisor' | 'snapd'): number {
  return Number(fs.readFileSync(path.join(LAB_DIR, `${name}.pid`), 'utf8').trim());
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // a zombie is dead for our purposes
  try {
    return !/^State:\s*Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

async function waitDead(pid: number): Promise<void> {
  for (let i = 0; i < 100 && alive(pid); i++) await sleep(50);
  expect(alive(pid)).toBe(false);
}

function snapMounts(): string[] {
  return fs
    .readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[4] ?? '')
    .filter((m) => m.startsWith('/snap/'));
}

async function installedNames(): Promise<string[]> {
  const r = await snap(['list']);
  expect(r.code).toBe(0);
  return r.stdout.trim().split('\n').slice(1).map((l) => l.split(/\s+/)[0]!).sort();
}

/** Runs a harness script expecting the guard to refuse it. */
async function refused(script: string, args: string[], opts: { env?: Record<string, string>; asNobody?: boolean } = {}) {
  const cmd = opts.asNobody
    ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'bash', path.join(HARNESS, script), ...args]] as const
    : ['bash', [path.join(HARNESS, script), ...args]] as const;
  return run(cmd[0], [...cmd[1]], { env: { PATH: SYSTEM_PATH, SNAPD_LAB_DIR: LAB_DIR, ...opts.env } });
}

afterAll(async () => {
  // leave a running lab whatever happened
  if (!fs.existsSync(SNAPD_SOCKET)) await harness('lab-up.sh');
  if (await isConnected({ snap: 'microk8s', plug: 'network-observe' })) await snap(['disconnect', 'microk8s:network-observe']);
});

describe('the guard: never touch a real host', () => {
  it('refuses when not root, and says why', async () => {
    const sup = pidFile('supervisor');
    for (const script of ['lab-up.sh', 'lab-down.sh']) {
      const r = await refused(script, [], { asNobody: true });
      expect(r.code, script).toBe(3);
      expect(r.stderr).toMatch(/refusing to run: must be root/);
    }
    expect(alive(sup)).toBe(true);
  });

  it('refuses on a host booted with systemd (PID 1 is systemd, /run/systemd/system exists): the lab stays up', async () => {
    // SNAPD_LAB_GUARD_EXTRA_ROOT makes the guard look at a fake root IN ADDITION to the real one
    const fake = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-fake-systemd-host-'));
    try {
      fs.mkdirSync(path.join(fake, 'proc', '1'), { recursive: true });
      fs.writeFileSync(path.join(fake, 'proc', '1', 'comm'), 'systemd\n');
      fs.mkdirSync(path.join(fake, 'run', 'systemd', 'system'), { recursive: true });
      const sup = pidFile('supervisor');
      for (const [script, args] of [['lab-down.sh', []], ['lab-up.sh', []], ['lab-daemon.sh', ['stop']]] as const) {
        const r = await refused(script, [...args], { env: { SNAPD_LAB_GUARD_EXTRA_ROOT: fake } });
        expect(r.code, script).toBe(3);
        expect(r.stderr).toMatch(/PID 1 is systemd/);
        expect(r.stderr).toMatch(/run\/systemd\/system exists: this host was booted with systemd/);
      }
      expect(alive(sup)).toBe(true);
      expect(await installedNames()).toEqual(FIXTURES);
    } finally {
      fs.rmSync(fake, { recursive: true, force: true });
    }
  });

  it('refuses when a snapd runs that the lab did not start (here: the recorded pid does not match)', async () => {
    const file = path.join(LAB_DIR, 'snapd.pid');
    const real = fs.readFileSync(file, 'utf8');
    try {
      fs.writeFileSync(file, '999999999\n');
      const r = await refused('lab-down.sh', []);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(new RegExp(`a snapd this lab did not start is running \\(pid ${real.trim()}, /usr/lib/snapd/snapd\\)`));
    } finally {
      fs.writeFileSync(file, real);
    }
    expect(await installedNames()).toEqual(FIXTURES);
  });
});

describe('bring-up is idempotent and recovers from leftovers', () => {
  it('lab-up.sh on a running lab changes nothing', async () => {
    const [sup, child, changes] = [pidFile('supervisor'), pidFile('snapd'), (await allChanges()).length];
    const r = await harness('lab-up.sh');
    expect(r.stdout).toMatch(/supervisor already running \(pid \d+\)/);
    expect([pidFile('supervisor'), pidFile('snapd')]).toEqual([sup, child]);
    expect((await allChanges()).length).toBe(changes); // nothing reinstalled
    expect(await installedNames()).toEqual(FIXTURES);
  });

  it('after the processes were killed (pid files, stale sockets and mounts left behind) lab-up.sh recovers, state intact', async () => {
    // some state that must survive
    expect((await snap(['connect', 'microk8s:network-observe'])).code).toBe(0);
    const [sup, child] = [pidFile('supervisor'), pidFile('snapd')];
    const mounts = snapMounts();
    expect(mounts.length).toBeGreaterThanOrEqual(FIXTURES.length);

    process.kill(sup, 'SIGKILL');
    process.kill(child, 'SIGKILL');
    await waitDead(sup);
    await waitDead(child);
    // what a killed session leaves behind
    expect(fs.existsSync(path.join(LAB_DIR, 'supervisor.pid'))).toBe(true);
    expect(fs.existsSync(path.join(LAB_DIR, 'snapd.pid'))).toBe(true);
    expect(fs.existsSync(SNAPD_SOCKET)).toBe(true); // stale: nobody listens
    expect(snapMounts()).toEqual(mounts);

    const r = await harness('lab-up.sh');
    expect(r.stdout).toMatch(/supervisor started/);
    expect(pidFile('supervisor')).not.toBe(sup);
    expect(await installedNames()).toEqual(FIXTURES);
    expect(await isConnected({ snap: 'microk8s', plug: 'network-observe' })).toBe(true);
    expect(snapMounts().sort()).toEqual([...mounts].sort());
  });

  it('after only the supervisor was killed (its snapd orphaned, holding the sockets) lab-up.sh stops the orphan and recovers', async () => {
    const [sup, child] = [pidFile('supervisor'), pidFile('snapd')];
    process.kill(sup, 'SIGKILL');
    await waitDead(sup);
    expect(alive(child)).toBe(true);
    const r = await harness('lab-up.sh');
    expect(r.stdout).toMatch(new RegExp(`stopping snapd pid ${child} left behind by a dead supervisor`));
    expect(alive(child)).toBe(false);
    expect(pidFile('snapd')).not.toBe(child);
    expect(await installedNames()).toEqual(FIXTURES);
    expect((await snap(['disconnect', 'microk8s:network-observe'])).code).toBe(0);
  });
});
