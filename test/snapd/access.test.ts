/**
 * The dashboard as an ORDINARY user (`cdlab`, created for this file and removed afterwards):
 * the app's host layer runs in a child process started with runuser, so `snap` and `sudo` run
 * with that user's uid exactly as in production.
 *  - without sudo mode, snapd refuses connect/disconnect: typed `access-denied` with snapd's
 *    own text, and nothing changes;
 *  - with sudo mode and the README's sudoers line, the same actions work;
 *  - that line allows nothing but `snap connect` and `snap disconnect`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostActionResult } from './support/host-action';
import { LAB_DIR, REPO_ROOT, SYSTEM_PATH, allChanges, connectionsRest, expectedRows, isConnected, parsedRows, run, snap } from './support/lab';
import type { PrivilegeInfo } from '../../lib/contracts/privilege';
import { sudoersLine } from '../../lib/service/unit';

const USER = 'cdlab';
const MARKER = path.join(LAB_DIR, `created-${USER}`); // lab-down.sh removes the user if a killed run left it
const SUDOERS = '/etc/sudoers.d/confinement-dashboard-snapd-lab'; // lab-down.sh removes it too
// The README's line, for this user.
const SUDOERS_LINE = `${USER} ALL=(root) NOPASSWD: /usr/bin/snap connect *, /usr/bin/snap disconnect *`;
const HOST_ACTION = path.join(REPO_ROOT, 'test', 'snapd', 'support', 'host-action.ts');

async function must(file: string, args: string[]): Promise<void> {
  const r = await run(file, args);
  if (r.code !== 0) throw new Error(`${file} ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
}

async function userExists(): Promise<boolean> {
  return (await run('id', ['-u', USER])).code === 0;
}

async function removeUser(): Promise<void> {
  fs.rmSync(SUDOERS, { force: true });
  if (fs.existsSync(MARKER) && (await userExists())) await must('userdel', ['-r', USER]);
  fs.rmSync(MARKER, { force: true });
}

/** One host-layer operation as `cdlab`, with the given dashboard settings. */
async function asUser(args: string[], settings: Record<string, string> = {}): Promise<HostActionResult> {
  const r = await run(
    'runuser',
    ['-u', USER, '--', process.execPath, '--conditions=react-server', '--import', 'tsx', HOST_ACTION, ...args],
    {
      cwd: REPO_ROOT,
      env: { PATH: SYSTEM_PATH, LANG: 'C', CONFINEMENT_DASHBOARD_HOST_MODE: 'local', ...settings },
    },
  );
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as HostActionResult;
  } catch {
    throw new Error(`host-action as ${USER} printed no result (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
}

function asSudoUser(args: string[]): Promise<HostActionResult> {
  return asUser(args, { CONFINEMENT_DASHBOARD_SUDO: '1' });
}

async function lastChangeId(): Promise<number> {
  return Math.max(0, ...(await allChanges()).map((c) => Number(c.id)));
}

async function snapshot(): Promise<{ rows: string[]; lastChange: number }> {
  const [r, lastChange] = await Promise.all([connectionsRest('select=all'), lastChangeId()]);
  return { rows: expectedRows(r, { all: true }), lastChange };
}

beforeAll(async () => {
  if (await userExists()) {
    // left by a killed run of this suite (marker), or somebody's real user: never touch the latter
    if (!fs.existsSync(MARKER)) throw new Error(`user ${USER} exists and this suite did not create it; refusing to use or delete it`);
    await removeUser();
  }
  fs.mkdirSync(LAB_DIR, { recursive: true });
  fs.writeFileSync(MARKER, `${new Date().toISOString()}\n`);
  await must('useradd', ['--create-home', '--shell', '/bin/bash', USER]);
  if (await isConnected({ snap: 'microk8s', plug: 'network-observe' })) await snap(['disconnect', 'microk8s:network-observe']);
});

afterAll(async () => {
  await removeUser();
  if (await isConnected({ snap: 'microk8s', plug: 'network-observe' })) await snap(['disconnect', 'microk8s:network-observe']);
});

describe('an ordinary user without sudo mode', () => {
  it('reads connections like root does (reads need no privilege)', async () => {
    const r = await asUser(['connections', 'microk8s']);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(r.uid).not.toBe(0);
    const rest = await connectionsRest('snap=microk8s&select=all');
    if (r.ok) expect(parsedRows(r.value as Parameters<typeof parsedRows>[0])).toEqual(expectedRows(rest, { all: true, wanted: 'microk8s' }));
  });

  it("connect: typed access-denied with snapd's `access denied (try with sudo)`, and nothing changes", async () => {
    const before = await snapshot();
    const r = await asUser(['connect', 'microk8s:network-observe']);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({ type: 'ActionFailed', code: 'access-denied', status: 403, message: 'access denied (try with sudo)', changeId: null });
      expect(r.error.hint).toMatch(/sudo mode/);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('disconnect of a connected plug (microk8s:home): access-denied, it stays connected', async () => {
    expect(await isConnected({ snap: 'microk8s', plug: 'home' })).toBe(true);
    const before = await snapshot();
    const r = await asUser(['disconnect', 'microk8s:home']);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'access-denied', message: 'access denied (try with sudo)' });
    expect(await snapshot()).toEqual(before);
  });

  it('the dashboard knows it is read-only: privilege "read-only", naming the user, with the sudoers line for it', async () => {
    const r = await asUser(['privilege']);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const info = (r.ok ? r.value : null) as PrivilegeInfo;
    expect(info).toMatchObject({ privilege: 'read-only', user: USER, sudoersLine: SUDOERS_LINE });
    expect(sudoersLine(USER)).toBe(SUDOERS_LINE); // the README's line, from the one place
    expect(info.reason).toMatch(/runs as "cdlab", not root, and sudo mode is off/);
    expect(info.restartCommand).toContain('CONFINEMENT_DASHBOARD_SUDO=1');
  });

  it('sudo mode without a sudoers rule: privilege "read-only" with sudo\'s own refusal (`sudo -n -l`)', async () => {
    expect(fs.existsSync(SUDOERS)).toBe(false);
    const r = await asSudoUser(['privilege']);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const info = (r.ok ? r.value : null) as PrivilegeInfo;
    expect(info).toMatchObject({ privilege: 'read-only', user: USER, sudoersLine: SUDOERS_LINE });
    expect(info.reason).toMatch(/sudo mode is on, but sudo does not let "cdlab" run snap connect\/disconnect without a password \(sudo: .+\)/);
  });

  it('microk8s is found in /snap/bin although PATH lacks it (a real snap app of the lab)', async () => {
    expect(SYSTEM_PATH.split(':')).not.toContain('/snap/bin');
    expect(fs.existsSync('/snap/bin/microk8s')).toBe(true);
    // the witness: a plain exec with that PATH does not find it
    expect((await run('runuser', ['-u', USER, '--', 'env', `PATH=${SYSTEM_PATH}`, 'sh', '-c', 'command -v microk8s'], { env: { PATH: SYSTEM_PATH } })).code).not.toBe(0);
    const r = await asUser(['microk8s', 'version']);
    // Whatever the fixture's wrapper answers, it ran: not "not installed".
    expect(r.ok, JSON.stringify(r)).toBe(true);
  });

  it('sudo mode without a sudoers rule: access-denied (sudo -n refuses), nothing changes', async () => {
    expect(fs.existsSync(SUDOERS)).toBe(false);
    const before = await snapshot();
    const r = await asSudoUser(['connect', 'microk8s:network-observe']);
    expect(r.ok).toBe(false);
    // sudo says "sudo: a password is required", which is not snapd's `error:` form: the host
    // layer classifies it (access-denied) but the message is the generic "exited with status 1".
    if (!r.ok) expect(r.error).toMatchObject({ code: 'access-denied', status: 403, changeId: null });
    expect(await snapshot()).toEqual(before);
  });
});

describe("sudo mode with the README's sudoers line", () => {
  beforeAll(async () => {
    const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cd-sudoers-')), 'line');
    fs.writeFileSync(tmp, SUDOERS_LINE + '\n', { mode: 0o440 });
    await must('visudo', ['-c', '-f', tmp]);
    fs.copyFileSync(tmp, SUDOERS);
    fs.chmodSync(SUDOERS, 0o440);
    fs.rmSync(path.dirname(tmp), { recursive: true, force: true });
    await must('visudo', ['-c']);
  });

  it('the line validates and allows exactly snap connect/disconnect (`sudo -n -l`)', async () => {
    const list = (cmd: string[]) => run('runuser', ['-u', USER, '--', 'sudo', '-n', '-l', ...cmd], { env: { PATH: SYSTEM_PATH } });
    expect((await list(['/usr/bin/snap', 'connect', 'x:y'])).code).toBe(0);
    expect((await list(['/usr/bin/snap', 'disconnect', 'x:y'])).code).toBe(0);
    expect((await list(['/usr/bin/snap', 'install', 'x'])).code).not.toBe(0);
    expect((await list(['/usr/bin/snap', 'remove', 'microk8s'])).code).not.toBe(0);
    expect((await list(['/bin/sh'])).code).not.toBe(0);
  });

  it('privilege "sudo": the rule allows exactly snap connect/disconnect', async () => {
    const r = await asSudoUser(['privilege']);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(r.ok ? r.value : null).toMatchObject({ privilege: 'sudo', user: USER, sudoersLine: null, restartCommand: null });
  });

  it('connect works through `sudo -n`; the change is a real, finished change', async () => {
    const r = await asSudoUser(['connect', 'microk8s:network-observe']);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(r.uid).not.toBe(0);
    const changeId = r.ok ? (r.value as { changeId: string }).changeId : '';
    expect(changeId).toMatch(/^\d+$/);
    expect(await isConnected({ snap: 'microk8s', plug: 'network-observe' }, { snap: 'snapd', slot: 'network-observe' })).toBe(true);
    const change = (await allChanges()).find((c) => c.id === changeId);
    expect(change).toMatchObject({ kind: 'connect-snap', status: 'Done' });
  });

  it('disconnect works through `sudo -n`', async () => {
    const r = await asSudoUser(['disconnect', 'microk8s:network-observe']);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(await isConnected({ snap: 'microk8s', plug: 'network-observe' })).toBe(false);
  });

  it('anything else through sudo is still refused: `sudo -n snap install x` needs a password', async () => {
    const r = await run('runuser', ['-u', USER, '--', 'sudo', '-n', '/usr/bin/snap', 'install', 'x'], { env: { PATH: SYSTEM_PATH } });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/a password is required/);
  });
});
