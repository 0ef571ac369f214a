import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, sh } from './support';

/**
 * `install-service` output checked by the tools that will read it:
 * `systemd-analyze verify` (offline: no systemd runs here), `visudo -c`, and
 * real sudo run as a system user under the unit's capability bounding set
 * (setpriv stands in for systemd's CapabilityBoundingSet= and NoNewPrivileges=).
 */

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-install-service-'));
const cli = path.join(ROOT, 'bin', 'confinement-dashboard.mjs');
const UNIT = 'etc/systemd/system/confinement-dashboard.service';
const SUDOERS = 'etc/sudoers.d/confinement-dashboard';
// The sudo test's user and drop-in (a previous run's leftovers are reused / replaced).
const TEST_USER = 'cdsvctest';
const TEST_DROP_IN = '/etc/sudoers.d/confinement-dashboard-service-test';

function install(root: string, ...args: string[]) {
  return sh(process.execPath, [cli, 'install-service', '--write', '--root', root, ...args]);
}

/** systemd-analyze verify exits 0 on mere warnings (an unknown value is "ignored"): silence is the pass. */
function verify(unit: string) {
  const r = sh('systemd-analyze', ['verify', unit]);
  return { status: r.status, output: (r.stdout + r.stderr).trim() };
}

afterAll(() => {
  fs.rmSync(TEST_DROP_IN, { force: true });
  sh('userdel', [TEST_USER]);
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('install-service', () => {
  it('prints exactly the unit and the drop-in that --write writes', () => {
    const root = path.join(tmp, 'print');
    expect(install(root).status).toBe(0);
    const printed = sh(process.execPath, [cli, 'install-service']).stdout;
    expect(printed).toBe(`${fs.readFileSync(path.join(root, UNIT), 'utf8')}\n${fs.readFileSync(path.join(root, SUDOERS), 'utf8')}`);
    expect(fs.statSync(path.join(root, SUDOERS)).mode & 0o777).toBe(0o440);
  });

  it('writes a unit that systemd-analyze verify accepts without a word, in both modes', () => {
    for (const [name, args] of [['sudo', []], ['no-sudo', ['--no-sudo']], ['lan', ['--bind', '0.0.0.0', '--port', '8080']], ['fleet', ['--ssh-nodes', '10.0.4.0/24,fd00::/8']]] as const) {
      const root = path.join(tmp, name);
      expect(install(root, ...args).status).toBe(0);
      expect(verify(path.join(root, UNIT)), name).toEqual({ status: 0, output: '' });
    }
    expect(fs.readFileSync(path.join(tmp, 'fleet', UNIT), 'utf8')).toMatch(/^IPAddressAllow=localhost 10\.0\.4\.0\/24 fd00::\/8$/m);
    expect(install(path.join(tmp, 'fleet-bad'), '--ssh-nodes', 'node-2.example').status).not.toBe(0);
    // The negative control: a misspelt value is reported.
    const bad = path.join(tmp, 'bad', 'confinement-dashboard.service');
    fs.mkdirSync(path.dirname(bad));
    fs.writeFileSync(bad, fs.readFileSync(path.join(tmp, 'sudo', UNIT), 'utf8').replace('ProtectSystem=strict', 'ProtectSystem=stricter'));
    expect(verify(bad).output).toMatch(/protect system value, ignoring: stricter/);
  });

  it('is as hardened as sudo allows, and more without it (systemd-analyze security)', () => {
    const exposure = (root: string) => Number(/Overall exposure level for [^:]+: ([\d.]+)/.exec(sh('systemd-analyze', ['security', '--offline=true', path.join(root, UNIT)]).stdout)?.[1]);
    const withSudo = exposure(path.join(tmp, 'sudo'));
    const without = exposure(path.join(tmp, 'no-sudo'));
    // Figures of systemd 252 (README "Install as a service"): 6.2 MEDIUM with sudo mode, 2.2 OK without.
    expect(withSudo).toBeLessThanOrEqual(6.5);
    expect(without).toBeLessThanOrEqual(2.5);
  });

  it('writes a sudoers drop-in that visudo -c accepts', () => {
    const r = sh('visudo', ['-c', '-f', path.join(tmp, 'sudo', SUDOERS)]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(fs.existsSync(path.join(tmp, 'no-sudo', SUDOERS))).toBe(false);
  });

  it('refuses --write without root rights, and an option that would inject a line', () => {
    const asNobody = sh('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, cli, 'install-service', '--write']);
    expect(asNobody.status).toBe(77);
    expect(sh(process.execPath, [cli, 'install-service', '--user', 'root ALL=(ALL) ALL']).status).toBe(64);
  });
});

describe('sudo under the unit\'s restrictions', () => {
  const fakeSnap = path.join(tmp, 'bin', 'snap');
  let bounding = '';

  beforeAll(() => {
    if (sh('id', ['-u', TEST_USER]).status !== 0) {
      const r = sh('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', TEST_USER]);
      expect(r.status, r.stderr).toBe(0);
    }
    fs.mkdirSync(path.dirname(fakeSnap), { recursive: true, mode: 0o755 });
    fs.chmodSync(tmp, 0o755);
    // Stands in for /usr/bin/snap: says who ran it with what.
    fs.writeFileSync(fakeSnap, '#!/bin/sh\necho "uid=$(id -u) $*"\n', { mode: 0o755 });
    const root = path.join(tmp, 'sudo-test');
    expect(install(root, '--user', TEST_USER, '--snap', fakeSnap).status).toBe(0);
    fs.copyFileSync(path.join(root, SUDOERS), TEST_DROP_IN);
    fs.chmodSync(TEST_DROP_IN, 0o440);
    const caps = /^CapabilityBoundingSet=(.*)$/m.exec(fs.readFileSync(path.join(root, UNIT), 'utf8'))![1]!;
    bounding = ['-all', ...caps.split(' ').map((c) => `+${c.replace(/^CAP_/, '').toLowerCase()}`)].join(',');
  });

  const asService = (bset: string, extra: string[], ...command: string[]) =>
    sh('setpriv', [`--reuid=${TEST_USER}`, `--regid=${TEST_USER}`, '--init-groups', `--bounding-set=${bset}`, ...extra, '--', 'sudo', '-n', ...command]);

  it('runs snap connect and snap disconnect as root, with only the unit\'s capabilities', () => {
    expect(bounding).toBe('-all,+setuid,+setgid,+audit_write');
    const connect = asService(bounding, [], fakeSnap, 'connect', 'microk8s:network-control');
    expect({ status: connect.status, stdout: connect.stdout, stderr: connect.stderr }).toEqual({ status: 0, stdout: 'uid=0 connect microk8s:network-control\n', stderr: '' });
    expect(asService(bounding, [], fakeSnap, 'disconnect', 'microk8s:home').stdout).toBe('uid=0 disconnect microk8s:home\n');
  });

  it('runs nothing else', () => {
    for (const command of [[fakeSnap, 'install', 'evil'], [fakeSnap, 'remove', 'microk8s'], ['/bin/sh', '-c', 'id']]) {
      const r = asService(bounding, [], ...command);
      expect(r.status, command.join(' ')).not.toBe(0);
      expect(r.stdout).toBe('');
    }
  });

  it('is why NoNewPrivileges (and everything implying it) stays off, and why setuid/setgid stay in the bounding set', () => {
    const nnp = asService(bounding, ['--no-new-privs'], fakeSnap, 'connect', 'microk8s:home');
    expect(nnp.status).not.toBe(0);
    expect(nnp.stderr).toMatch(/no new privileges/i);
    const noCaps = asService('-all', [], fakeSnap, 'connect', 'microk8s:home');
    expect(noCaps.status).not.toBe(0);
    expect(noCaps.stdout).toBe('');
  });
});
