import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

// The privilege probes and /snap/bin lookup with stand-in `sudo`/`id` programs: the
// argument arrays, the script and the parsing are the real ones (test/snapd runs them
// against the real sudo and snapd as an ordinary user).
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'privilege-probe-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const { resolveBinary, sudoAllowsSnapChanges } = await import('./process');
const { LocalHost } = await import('./local');
const { PRIVILEGE_SCRIPT, parsePrivilegeScript } = await import('./ssh-privilege');

const env = (PATH: string) => ({ PATH }) as unknown as NodeJS.ProcessEnv;

function dir(name: string, programs: Record<string, string>): string {
  const d = path.join(tmp, name);
  fs.mkdirSync(d, { recursive: true });
  for (const [file, body] of Object.entries(programs)) fs.writeFileSync(path.join(d, file), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return d;
}

const argvLog = path.join(tmp, 'sudo-argv.log');
// Like sudo -l with a command: exit 0 printing the command's path when allowed, else its message and 1.
const ALLOWING_SUDO = `printf "%s\\n" "$*" >> ${argvLog}; echo /usr/bin/snap "$5" "$6"; exit 0`;
const REFUSING_SUDO = `printf "%s\\n" "$*" >> ${argvLog}; echo 'sudo: a password is required' >&2; exit 1`;
// A rule for connect only: disconnect refused, as sudo -l does for a command no rule matches.
const CONNECT_ONLY_SUDO = `printf "%s\\n" "$*" >> ${argvLog}; [ "$5" = connect ] && { echo /usr/bin/snap connect x:y; exit 0; }; exit 1`;

describe('resolveBinary: snap apps in /snap/bin', () => {
  const snapBin = dir('snap-bin', { microk8s: 'echo from-snap-bin' });
  const onPath = dir('on-path', { microk8s: 'echo from-path' });
  const empty = dir('empty', {});

  it('finds microk8s in /snap/bin when PATH lacks it', () => {
    expect(resolveBinary('microk8s', env(empty), snapBin)).toBe(path.join(snapBin, 'microk8s'));
  });
  it('leaves it to PATH when PATH has it', () => {
    expect(resolveBinary('microk8s', env(`${empty}:${onPath}`), snapBin)).toBe('microk8s');
  });
  it('keeps the bare name when neither has it (spawn then says not installed)', () => {
    expect(resolveBinary('microk8s', env(empty), empty)).toBe('microk8s');
  });
  it('only snap apps are looked up there: snap itself is a distribution package', () => {
    expect(resolveBinary('snap', env(empty), snapBin)).toBe('snap');
  });
});

describe('sudoAllowsSnapChanges: `sudo -n -l -- snap connect|disconnect x:y`', () => {
  it('asks exactly that, and says allowed when sudo lists both', async () => {
    fs.rmSync(argvLog, { force: true });
    const r = await sudoAllowsSnapChanges(env(dir('sudo-allow', { sudo: ALLOWING_SUDO })));
    expect(r).toEqual({ allowed: true, detail: null });
    expect(fs.readFileSync(argvLog, 'utf8').trim().split('\n')).toEqual(['-n -l -- snap connect x:y', '-n -l -- snap disconnect x:y']);
  });
  it("refused: sudo's own words", async () => {
    const r = await sudoAllowsSnapChanges(env(dir('sudo-refuse', { sudo: REFUSING_SUDO })));
    expect(r).toEqual({ allowed: false, detail: 'sudo: a password is required' });
  });
  it('a rule for connect alone is not enough', async () => {
    const r = await sudoAllowsSnapChanges(env(dir('sudo-connect-only', { sudo: CONNECT_ONLY_SUDO })));
    expect(r).toEqual({ allowed: false, detail: 'sudo -n -l does not allow snap disconnect' });
  });
  it('no sudo at all: refused, saying so', async () => {
    const r = await sudoAllowsSnapChanges(env(dir('no-sudo', {})));
    expect(r.allowed).toBe(false);
    expect(r.detail).toMatch(/sudo is not installed/);
  });
});

class OrdinaryLocalHost extends LocalHost {
  constructor(
    sudo: boolean,
    private readonly bin: string,
  ) {
    super({ id: 'local', name: 'This host', sudo, snapdSocket: '/nonexistent' });
  }
  protected override isRoot(): boolean {
    return false;
  }
  protected override childEnv(): NodeJS.ProcessEnv {
    return { ...super.childEnv(), PATH: this.bin };
  }
}

describe('LocalHost.probePrivilege', () => {
  it('as an ordinary user without sudo mode: not root, sudo not asked', async () => {
    fs.rmSync(argvLog, { force: true });
    const p = await new OrdinaryLocalHost(false, dir('sudo-allow', { sudo: ALLOWING_SUDO })).probePrivilege();
    expect(p).toMatchObject({ root: false, sudoRule: null });
    expect(fs.existsSync(argvLog)).toBe(false);
  });
  it('sudo mode with the rule', async () => {
    expect(await new OrdinaryLocalHost(true, dir('sudo-allow', { sudo: ALLOWING_SUDO })).probePrivilege()).toMatchObject({ root: false, sudoRule: true, sudoDetail: null });
  });
  it('sudo mode without it', async () => {
    expect(await new OrdinaryLocalHost(true, dir('sudo-refuse', { sudo: REFUSING_SUDO })).probePrivilege()).toMatchObject({ root: false, sudoRule: false, sudoDetail: 'sudo: a password is required' });
  });
});

describe('the SSH node probe script (run by /bin/sh as the node would)', () => {
  const run = (programs: Record<string, string>, sudoMode: boolean) => {
    const bin = dir(`node-${Object.keys(programs).join('-')}-${Math.random().toString(36).slice(2)}`, programs);
    const r = spawnSync('/bin/sh', ['-c', PRIVILEGE_SCRIPT, 'sh', sudoMode ? '1' : '0'], { env: env(`${bin}:/usr/bin:/bin`), encoding: 'utf8' });
    expect(r.status).toBe(0);
    return parsePrivilegeScript(r.stdout, sudoMode);
  };
  const id = (uid: string, name: string) => `[ "$1" = -u ] && echo ${uid}; [ "$1" = -un ] && echo ${name}; exit 0`;

  it('root on the node', () => {
    expect(run({ id: id('0', 'root'), sudo: REFUSING_SUDO }, true)).toEqual({ user: 'root', root: true, sudoRule: null, sudoDetail: null });
  });
  it('an ordinary SSH user in sudo mode with the rule', () => {
    expect(run({ id: id('1000', 'admin'), sudo: ALLOWING_SUDO }, true)).toEqual({ user: 'admin', root: false, sudoRule: true, sudoDetail: null });
  });
  it("without it: sudo's words come back", () => {
    expect(run({ id: id('1000', 'admin'), sudo: REFUSING_SUDO }, true)).toEqual({ user: 'admin', root: false, sudoRule: false, sudoDetail: 'sudo: a password is required' });
  });
  it('not in sudo mode: sudo is not asked', () => {
    expect(run({ id: id('1000', 'admin'), sudo: 'echo asked >&2; exit 99' }, false)).toEqual({ user: 'admin', root: false, sudoRule: null, sudoDetail: null });
  });
  it('an answer that is not ours is an error, not a guess', () => {
    expect(() => parsePrivilegeScript('Welcome to node-2!\n', true)).toThrow(/unexpected answer/);
    expect(() => parsePrivilegeScript('uid=1000\nuser=admin\n', true)).toThrow(/unexpected answer from sudo/);
  });
});
