import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { parseMicrok8sStatus, statusProblem } from '@/lib/microk8s/parse';
import { MICROK8S_REQUIRED, ROOT, demo, readState, tempState } from './helpers';

/**
 * demo/bin/microk8s: the MicroK8s 1.31 status formats, parsed by the
 * dashboard's own parser, agreeing with the demo state and with the
 * addons.yaml files of demo/host-root.
 */

const require = createRequire(import.meta.url);
const mk = require('../../demo/lib/microk8s.js') as { parseYaml: (text: string) => unknown };

const NOW = { DEMO_SNAP_NOW: '2026-11-22T15:30:00Z' };
const ADDONS_DIR = path.join(ROOT, 'demo', 'host-root', 'var', 'snap', 'microk8s', 'common', 'addons');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'microk8s', 'addons');

interface Addon {
  name: string;
  description: string;
  version: string;
  check_status: string;
  supported_architectures: string[];
  confinement?: string;
}

function hostAddons(): Array<Addon & { repository: string }> {
  const out: Array<Addon & { repository: string }> = [];
  for (const repo of fs.readdirSync(ADDONS_DIR)) {
    const doc = YAML.parse(fs.readFileSync(path.join(ADDONS_DIR, repo, 'addons.yaml'), 'utf8')) as { 'microk8s-addons': { addons: Addon[] } };
    for (const a of doc['microk8s-addons'].addons) out.push({ ...a, repository: repo });
  }
  return out;
}

/** What strict MicroK8s on amd64 lists: classic-only addons are hidden (reference §5.1/§5.2). */
function expectedStrictAddons() {
  return hostAddons()
    .filter((a) => a.supported_architectures.includes('amd64'))
    .filter((a) => a.confinement === undefined || a.confinement.includes('strict'))
    .map((a) => `${a.repository}/${a.name}`)
    .sort();
}

const m8s = (state: string, ...args: string[]) => demo('microk8s', state, args, NOW);

describe('the host tree', () => {
  it('holds verbatim copies of the addons.yaml files of MicroK8s 1.31 (branch 1.31 tips)', () => {
    expect(fs.readFileSync(path.join(ADDONS_DIR, 'core', 'addons.yaml'), 'utf8')).toBe(fs.readFileSync(path.join(FIXTURES, '1.31', 'core-addons.yaml'), 'utf8'));
    expect(fs.readFileSync(path.join(ADDONS_DIR, 'community', 'addons.yaml'), 'utf8')).toBe(fs.readFileSync(path.join(FIXTURES, '1.31', 'community-addons.yaml'), 'utf8'));
  });

  it("the demo's small YAML reader reads every addons.yaml like the yaml package", () => {
    const files = fs.readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml')).map((f) => path.join(FIXTURES, f));
    expect(files.length).toBeGreaterThanOrEqual(16);
    files.push(...fs.readdirSync(ADDONS_DIR).map((r) => path.join(ADDONS_DIR, r, 'addons.yaml')));
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      expect(mk.parseYaml(text), f).toEqual(YAML.parse(text));
    }
  });
});

describe('microk8s status while the strict snap is blocked', () => {
  let state: string;
  beforeAll(() => {
    state = tempState();
  });

  it('is not running in every format, exit 1, as transcript 72 of the snapd lab', async () => {
    const pretty = await m8s(state, 'status');
    expect(pretty).toEqual({ stdout: 'microk8s is not running. Use microk8s inspect for a deeper inspection.\n', stderr: '', code: 1 });
    expect(parseMicrok8sStatus(pretty.stdout)).toMatchObject({ running: false, addons: [] });
    expect(statusProblem(pretty.stdout).kind).toBe('not-running');
    for (const args of [['--format', 'pretty'], ['--format', 'short'], ['--format=short']]) {
      expect(await m8s(state, 'status', ...args)).toEqual(pretty);
    }
    const yaml = await m8s(state, 'status', '--format', 'yaml');
    expect(yaml.code).toBe(1);
    // print_yaml's not-running branch: "   message:" indented by three (reproduced-yaml-not-running.txt)
    expect(yaml.stdout).toBe(
      'microk8s:\n  running: False\nhigh-availability:\n  enabled: True\n  nodes:\n   message: microk8s is not running. Use microk8s inspect for a deeper inspection.\n',
    );
    expect(parseMicrok8sStatus(yaml.stdout)).toMatchObject({ running: false, addons: [] });
    const legacy = await m8s(state, 'status', '--yaml');
    expect(legacy).toEqual({ stdout: 'microk8s:\n  running: False\n   message: microk8s is not running. Use microk8s inspect for a deeper inspection.\n', stderr: '', code: 1 });
    expect(await m8s(state, 'status', '-a', 'dns')).toEqual({ stdout: 'disabled\n', stderr: '', code: 1 });
  });

  it('microk8s version reads the snap (MicroK8s <version> revision <rev>)', async () => {
    expect(await m8s(state, 'version')).toEqual({ stdout: 'MicroK8s v1.31.9 revision 7970\n', stderr: '', code: 0 });
  });

  it('prints the strict permission message for a user outside snap_microk8s', async () => {
    const r = await demo('microk8s', state, ['status'], { ...NOW, DEMO_MICROK8S_NO_PERMISSION: '1', USER: 'dash' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      "Insufficient permissions to access MicroK8s.\nYou can either try again with sudo or add the user dash to the 'snap_microk8s' group:\n\n    sudo usermod -a -G snap_microk8s dash\n    sudo chown -R dash ~/.kube\n\nAfter this, reload the user groups either via a reboot or by running 'newgrp snap_microk8s'.\n",
    );
    expect(statusProblem(r.stderr)).toEqual({ kind: 'insufficient-permissions', group: 'snap_microk8s' });
    expect(parseMicrok8sStatus(r.stderr).running).toBe(false);
    expect((await demo('microk8s', state, ['version'], { ...NOW, DEMO_MICROK8S_NO_PERMISSION: '1' })).code).toBe(1);
  });

  it('rejects what the wrapper and argparse reject', async () => {
    const r = await m8s(state, 'frobnicate');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^'frobnicate' is not a valid MicroK8s subcommand\.\nAvailable subcommands are:\n\tadd-node\n/);
    const bad = await m8s(state, 'status', '--format', 'xml');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^usage: microk8s status .*\nmicrok8s status: error: argument --format: invalid choice: 'xml'/s);
  });
});

describe('microk8s status once the 23 required plugs are connected', () => {
  let state: string;
  beforeAll(async () => {
    state = tempState();
    for (const plug of MICROK8S_REQUIRED) {
      const r = await demo('snap', state, ['connect', `microk8s:${plug}`], NOW);
      expect(r, plug).toEqual({ stdout: '', stderr: '', code: 0 });
    }
  }, 60_000);

  it('is running with the enabled addons of the state, in the pretty format by default', async () => {
    const r = await m8s(state, 'status');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 6)).toEqual(['microk8s is running', 'high-availability: no', '  datastore master nodes: 127.0.0.1:19001', '  datastore standby nodes: none', 'addons:', '  enabled:']);
    const parsed = parseMicrok8sStatus(r.stdout);
    expect(parsed.running).toBe(true);
    expect(parsed.highAvailability).toBe(false);
    const enabled = parsed.addons.filter((a) => a.enabled).map((a) => `${a.repository}/${a.name}`);
    expect(enabled).toEqual((readState(state).microk8s as { enabled: string[] }).enabled);
    // exactly the addons of the host's addons.yaml files, minus the classic-only ones
    expect(parsed.addons.map((a) => `${a.repository}/${a.name}`).sort()).toEqual(expectedStrictAddons());
    expect(parsed.addons.map((a) => a.name)).not.toEqual(expect.arrayContaining(['cilium']));
    for (const hidden of ['gpu', 'nvidia', 'kube-ovn', 'cilium', 'multus', 'nfs', 'kata', 'kwasm', 'kubearmor', 'cloudnative-pg', 'ngrok', 'amd']) {
      expect(parsed.addons.some((a) => a.name === hidden), hidden).toBe(false);
    }
    // descriptions are those of addons.yaml; rows use "{:>3} {:<20} # ({}) {}"
    const byKey = new Map(hostAddons().map((a) => [`${a.repository}/${a.name}`, a]));
    for (const a of parsed.addons) expect(a.description).toBe(byKey.get(`${a.repository}/${a.name}`)!.description);
    expect(r.stdout).toContain('\n    dns                  # (core) CoreDNS\n');
    expect(r.stdout).toContain('\n    sriov-device-plugin  # (community) SR-IOV Network Device Plugin.\n');
    // sorted by (repository, name) within each section, as get_available_addons sorts them
    const disabled = parsed.addons.filter((a) => !a.enabled).map((a) => `${a.repository}/${a.name}`);
    expect(disabled).toEqual([...disabled].sort());
    expect(r.stdout).not.toMatch(/ \n/);
  });

  it('agrees in the short, yaml and legacy --yaml formats', async () => {
    const pretty = parseMicrok8sStatus((await m8s(state, 'status')).stdout);
    const key = (s: typeof pretty) => s.addons.map((a) => `${a.repository}/${a.name}:${a.enabled}`);

    const short = await m8s(state, 'status', '--format', 'short');
    expect(short.code).toBe(0);
    expect(short.stdout).toMatch(/^microk8s is running\naddons:\ncore\/community: enabled\ncore\/dns: enabled\n/);
    expect(key(parseMicrok8sStatus(short.stdout))).toEqual(key(pretty));

    const yaml = await m8s(state, 'status', '--format', 'yaml');
    expect(yaml.code).toBe(0);
    expect(yaml.stdout).toMatch(
      /^microk8s:\n {2}running: True\nhigh-availability:\n {2}enabled: True\n {2}nodes:\n {4}- address: 127\.0\.0\.1:19001\n {6}role: voter\naddons:\n {2}- name: community\n {4}repository: core\n {4}description: The community addons repository\n {4}version: \n {4}status: enabled\n {2}- name: dns\n {4}repository: core\n {4}description: CoreDNS\n {4}version: 1\.10\.1\n {4}status: enabled\n/,
    );
    const parsedYaml = parseMicrok8sStatus(yaml.stdout);
    expect(parsedYaml.running).toBe(true);
    expect(parsedYaml.highAvailability).toBe(true);
    expect(key(parsedYaml)).toEqual(key(pretty));
    const byKey = new Map(hostAddons().map((a) => [`${a.repository}/${a.name}`, a]));
    for (const a of parsedYaml.addons) expect(a.version ?? '').toBe(byKey.get(`${a.repository}/${a.name}`)!.version);

    const legacy = await m8s(state, 'status', '--yaml');
    expect(legacy.stdout).toMatch(/^microk8s:\n {2}running: True\naddons:\n {2}core\/community: enabled\n/);
    expect(key(parseMicrok8sStatus(legacy.stdout))).toEqual(key(pretty));
  });

  it('-a/--addon answers enabled or disabled; classic-only and unknown addons are disabled', async () => {
    expect(await m8s(state, 'status', '-a', 'dns')).toEqual({ stdout: 'enabled\n', stderr: '', code: 0 });
    expect(await m8s(state, 'status', '--addon', 'cert-manager')).toEqual({ stdout: 'disabled\n', stderr: '', code: 0 });
    expect(await m8s(state, 'status', '--addon=cilium')).toEqual({ stdout: 'disabled\n', stderr: '', code: 0 });
    expect(await m8s(state, 'status', '-a', 'no-such-addon')).toEqual({ stdout: 'disabled\n', stderr: '', code: 0 });
  });

  it('is not running again when a required plug is disconnected', async () => {
    const other = tempState();
    for (const plug of MICROK8S_REQUIRED) await demo('snap', other, ['connect', `microk8s:${plug}`], NOW);
    expect((await m8s(other, 'status')).code).toBe(0);
    expect((await demo('snap', other, ['disconnect', 'microk8s:mount-observe'], NOW)).code).toBe(0);
    expect(await m8s(other, 'status')).toMatchObject({ code: 1, stdout: 'microk8s is not running. Use microk8s inspect for a deeper inspection.\n' });
  }, 60_000);
});
