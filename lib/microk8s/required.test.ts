import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConnections } from '@/lib/snap/parse';
import { STRICT_REQUIRED_PLUGS, missingRequired, requiredInterfaceStates } from './required';

// Real transcript: `snap connections microk8s` on the snapd lab (strict microk8s installed from a
// local .snap, nothing connected by hand yet). Copied verbatim from
// test/fixtures/snapd-lab/06-snap-connections-microk8s.stdout.
const TRANSCRIPT = readFileSync(
  path.resolve(import.meta.dirname, '../../test/fixtures/snapd-lab/06-snap-connections-microk8s.stdout'),
  'utf8',
);

describe('STRICT_REQUIRED_PLUGS', () => {
  it('is the 23 plugs of check_snap_interfaces, without duplicates', () => {
    expect(STRICT_REQUIRED_PLUGS).toHaveLength(23);
    expect(new Set(STRICT_REQUIRED_PLUGS).size).toBe(23);
    for (const optional of ['kernel-module-control', 'fuse-support', 'cifs-mount', 'kernel-crypto-api', 'docker-unprivileged', 'configuration', 'ceph-conf']) {
      expect(STRICT_REQUIRED_PLUGS).not.toContain(optional);
    }
  });
});

describe('requiredInterfaceStates on the real transcript', () => {
  const states = requiredInterfaceStates(parseConnections(TRANSCRIPT));

  it('finds every required plug with its interface', () => {
    expect(states.map((s) => s.plug)).toEqual([...STRICT_REQUIRED_PLUGS]);
    expect(states.every((s) => s.interface !== null)).toBe(true);
    const iface = Object.fromEntries(states.map((s) => [s.plug, s.interface]));
    expect(iface).toMatchObject({
      'docker-privileged': 'docker-support',
      'dot-kube': 'personal-files',
      'dot-config-helm': 'personal-files',
      'home-read-all': 'home',
      'k8s-journald': 'kubernetes-support',
      'k8s-kubelet': 'kubernetes-support',
      'k8s-kubeproxy': 'kubernetes-support',
      network: 'network',
    });
  });

  it('reports the auto-connected ones as connected, with the system slot as ":name"', () => {
    const connected = states.filter((s) => s.connected);
    expect(connected).toEqual([
      { plug: 'home', interface: 'home', connected: true, slot: ':home' },
      { plug: 'network', interface: 'network', connected: true, slot: ':network' },
      { plug: 'network-bind', interface: 'network-bind', connected: true, slot: ':network-bind' },
      { plug: 'opengl', interface: 'opengl', connected: true, slot: ':opengl' },
    ]);
  });

  it('lists the 19 that still block the services', () => {
    expect(missingRequired(states)).toEqual([
      'account-control', 'docker-privileged', 'dot-kube', 'dot-config-helm', 'firewall-control', 'hardware-observe',
      'home-read-all', 'k8s-journald', 'k8s-kubelet', 'k8s-kubeproxy', 'kernel-module-observe', 'kubernetes-support',
      'log-observe', 'login-session-observe', 'mount-observe', 'network-control', 'network-observe', 'process-control',
      'system-observe',
    ]);
  });
});

describe('requiredInterfaceStates edge cases', () => {
  it('an empty list (classic microk8s, or nothing printed) reports every plug as absent', () => {
    const states = requiredInterfaceStates([]);
    expect(states).toHaveLength(23);
    expect(states.every((s) => !s.connected && s.interface === null && s.slot === null)).toBe(true);
    expect(missingRequired(states)).toEqual([...STRICT_REQUIRED_PLUGS]);
  });

  it('only counts plugs of the named snap, and names a non-system slot snap:slot', () => {
    const rows = [
      { interface: 'network', plug: { snap: 'other', name: 'network' }, slot: { snap: 'system', name: 'network' } },
      { interface: 'content', plug: { snap: 'mk8s-test', name: 'dot-kube' }, slot: { snap: 'provider', name: 'kube' } },
    ];
    expect(requiredInterfaceStates(rows).find((s) => s.plug === 'network')?.connected).toBe(false);
    expect(requiredInterfaceStates(rows, 'mk8s-test').find((s) => s.plug === 'dot-kube')).toEqual({
      plug: 'dot-kube', interface: 'content', connected: true, slot: 'provider:kube',
    });
  });

  it('a plug listed twice (connected and not) counts as connected', () => {
    const rows = [
      { interface: 'network', plug: { snap: 'microk8s', name: 'network' }, slot: null },
      { interface: 'network', plug: { snap: 'microk8s', name: 'network' }, slot: { snap: 'system', name: 'network' } },
    ];
    expect(requiredInterfaceStates(rows).find((s) => s.plug === 'network')).toEqual({
      plug: 'network', interface: 'network', connected: true, slot: ':network',
    });
  });
});
