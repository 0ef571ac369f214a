import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConnectionsApi, parseInterfaceAttrs, versionAtLeast } from './attrs-parse';

const LAB = fileURLToPath(new URL('../../test/fixtures/snapd-lab/', import.meta.url));
const FIX = fileURLToPath(new URL('../../test/fixtures/snapd-lab/', import.meta.url));

describe('parseConnectionsApi (snap debug api /v2/connections…)', () => {
  it('reads attrs of plugs and slots from snapd\'s REST answer (lab transcript 90, compact JSON as the socket gives it)', () => {
    const text = readFileSync(`${LAB}api/90-GET-v2-connections-snap-microk8s-select-all.json`, 'utf8');
    const r = parseConnectionsApi(text);
    expect(r.source).toBe('snapd-api');
    expect(r.complete).toBe(true);
    const plug = (n: string) => r.plugs.find((p) => p.snap === 'microk8s' && p.name === n);
    expect(plug('dot-kube')).toEqual({
      snap: 'microk8s', name: 'dot-kube', interface: 'personal-files', attrs: { write: ['$HOME/.kube'] }, attrsKnown: true,
      apps: ['ctr', 'daemon-kubelite', 'disable', 'enable', 'helm', 'helm3', 'kubectl', 'microk8s'],
    });
    // the apps a plug is bound to, sorted: log-observe only reaches two of microk8s's apps
    expect(plug('log-observe')?.apps).toEqual(['inspect', 'microk8s']);
    expect(plug('docker-privileged')?.attrs).toEqual({ 'privileged-containers': true });
    expect(plug('ceph-conf')?.attrs).toEqual({ content: 'ceph-conf', target: '$SNAP/microceph' });
    expect(plug('k8s-kubelet')?.attrs).toEqual({ flavor: 'kubelet' });
    expect(plug('network')?.attrs).toEqual({});
    expect(r.slots.find((s) => s.name === 'microk8s')?.attrs).toEqual({ content: 'microk8s', source: { read: ['$SNAP_DATA/credentials'] } });
  });

  it('an error answer is an error, with snapd\'s message', () => {
    expect(() => parseConnectionsApi('{"type":"error","status-code":400,"status":"Bad Request","result":{"message":"unsupported select qualifier"}}')).toThrow(/unsupported select qualifier/);
    expect(() => parseConnectionsApi('error: unknown command "api"')).toThrow(/not JSON/);
  });
});

describe('parseInterfaceAttrs (snap interface IFACE --attrs)', () => {
  it('entries without attributes (lab transcript 13, network-observe): names like the interface', () => {
    const r = parseInterfaceAttrs(readFileSync(`${FIX}13-snap-interface-attrs-network-observe.stdout`, 'utf8'));
    const none = { attrs: {}, holdsAttrs: false, attrsKnown: true }; // no `:` after the entry: snapd holds no attribute
    expect(r.plugs).toEqual([
      { snap: 'lab-devmode', name: 'network-observe', interface: 'network-observe', ...none },
      { snap: 'microk8s', name: 'network-observe', interface: 'network-observe', ...none },
    ]);
    expect(r.slots.map((s) => s.snap)).toEqual(['snapd']);
    expect(r.complete).toBe(false);
  });

  it('scalar attributes under `SNAP:NAME:` entries, as cmd_interface.go showAttrs prints them', () => {
    // Built to cmd/snap/cmd_interface.go: "  - %s:%s%s" + ":\n", then indent "    " + "  %s:\t%v\n" through
    // tabwriter(2, 2, 1, ' '); lists (personal-files read/write) are not printed at all.
    const text = [
      'name:    docker-support',
      'summary: allows operating as the Docker daemon',
      'plugs:',
      '  - microk8s:docker-privileged:',
      '      privileged-containers: true',
      '  - microk8s:docker-unprivileged:',
      '      privileged-containers: false',
      '  - other (with a label):',
      '      flavor: x',
      'slots:',
      '  - snapd',
      '',
    ].join('\n');
    const r = parseInterfaceAttrs(text);
    const held = { holdsAttrs: true, attrsKnown: false }; // printed scalars say nothing of lists it may also hold
    expect(r.plugs).toEqual([
      { snap: 'microk8s', name: 'docker-privileged', interface: 'docker-support', attrs: { 'privileged-containers': 'true' }, ...held },
      { snap: 'microk8s', name: 'docker-unprivileged', interface: 'docker-support', attrs: { 'privileged-containers': 'false' }, ...held },
      { snap: 'other', name: 'docker-support', interface: 'docker-support', attrs: { flavor: 'x' }, ...held },
    ]);
  });

  it('real output, both releases: docker-support scalars printed; personal-files entries end with `:` and print nothing (lists are dropped)', () => {
    for (const rel of ['2.57', '2.68']) {
      const docker = parseInterfaceAttrs(readFileSync(`${FIX}attrs/${rel}/iface-attrs-docker-support.stdout`, 'utf8'));
      expect(docker.plugs.map((p) => [p.name, p.attrs])).toEqual([
        ['docker-privileged', { 'privileged-containers': 'true' }],
        ['docker-unprivileged', { 'privileged-containers': 'false' }],
      ]);
      expect(docker.slots).toEqual([{ snap: 'snapd', name: 'docker-support', interface: 'docker-support', attrs: {}, holdsAttrs: false, attrsKnown: true }]);
      const files = parseInterfaceAttrs(readFileSync(`${FIX}attrs/${rel}/iface-attrs-personal-files.stdout`, 'utf8'));
      expect(files.plugs).toEqual([
        { snap: 'microk8s', name: 'dot-config-helm', interface: 'personal-files', attrs: {}, holdsAttrs: true, attrsKnown: false },
        { snap: 'microk8s', name: 'dot-kube', interface: 'personal-files', attrs: {}, holdsAttrs: true, attrsKnown: false },
      ]);
      const content = parseInterfaceAttrs(readFileSync(`${FIX}attrs/${rel}/iface-attrs-content.stdout`, 'utf8'));
      expect(content.slots.find((e) => e.name === 'microk8s')).toMatchObject({ attrs: { content: 'microk8s' }, holdsAttrs: true, attrsKnown: false }); // source.read (a map) left out
    }
  });

  it('snapd >= 2.76 prints lists under a bare `name:` line (PR #17059): the header is not taken for a value', () => {
    const text = ['name:          system-files', 'plugs:', '  - firefox:etc-firefox:', '      read:', '        - /etc/firefox', 'slots:', '  - snapd', ''].join('\n');
    expect(parseInterfaceAttrs(text).plugs).toEqual([{ snap: 'firefox', name: 'etc-firefox', interface: 'system-files', attrs: {}, holdsAttrs: true, attrsKnown: false }]);
  });

  it('refuses text without a name line', () => {
    expect(() => parseInterfaceAttrs('error: no such interface\n')).toThrow(/name/);
  });
});

it('versionAtLeast', () => {
  expect(versionAtLeast('2.68.3-3+deb13u1+b7', 2, 64)).toBe(true);
  expect(versionAtLeast('2.57.6-1+deb12u1+b2', 2, 64)).toBe(false);
  expect(versionAtLeast('2.64', 2, 64)).toBe(true);
  expect(versionAtLeast('3.0', 2, 64)).toBe(true);
  expect(versionAtLeast('unavailable', 2, 64)).toBe(false);
  expect(versionAtLeast(null, 2, 64)).toBe(false);
});
