import { describe, expect, it } from 'vitest';
import { familiesOf, type HostReading } from './collect';
import { renderExposition } from './exposition';
import type { SnapSummary } from '../snap/types';

function snap(name: string, confinement: SnapSummary['confinement'], health: SnapSummary['health'], declared: number, connected: number): SnapSummary {
  return { name, version: '1', revision: '1', tracking: null, publisher: null, verified: false, notes: [], confinement, kind: 'app', health, plugs: { declared, connected }, slots: { declared: 0, connected: 0 } };
}

const up: HostReading = {
  host: 'node-1',
  durationSeconds: 0.0123456789,
  snaps: [snap('microk8s', 'strict', 'blocked', 30, 20), snap('code', 'classic', 'ok', 0, 0), snap('hello', 'devmode', 'ok', 2, 1)],
  connected: [
    { plugSnap: 'microk8s', interface: 'network', manual: false },
    { plugSnap: 'microk8s', interface: 'kubernetes-support', manual: true },
    { plugSnap: 'hello', interface: 'network', manual: false },
  ],
  microk8s: { requiredUnconnected: 7, running: false },
  denials: { counts: [{ snap: 'microk8s', kind: 'apparmor', count: 5 }, { snap: '(unknown snap)', kind: 'seccomp', count: 2 }], dropped: 4, readable: true },
};
const down: HostReading = { host: 'node-2', durationSeconds: 1, snaps: null, connected: null, microk8s: null, denials: null };

const lines = (r: HostReading[]) => renderExposition(familiesOf(r)).split('\n');

describe('familiesOf', () => {
  it('turns a host reading into the issue\'s series, each labelled with the host', () => {
    const out = lines([up]);
    for (const l of [
      'confinement_snapd_up{host="node-1"} 1',
      'confinement_snaps{confinement="strict",host="node-1"} 1',
      'confinement_snaps{confinement="classic",host="node-1"} 1',
      'confinement_snaps{confinement="devmode",host="node-1"} 1',
      'confinement_snaps{confinement="jailmode",host="node-1"} 0',
      'confinement_snap_health{host="node-1",snap="microk8s",status="blocked"} 1',
      'confinement_snap_health{host="node-1",snap="microk8s",status="ok"} 0',
      'confinement_plugs_unconnected{host="node-1",snap="microk8s"} 10',
      'confinement_connections{host="node-1",interface="network",manual="false"} 2',
      'confinement_connections{host="node-1",interface="kubernetes-support",manual="true"} 1',
      'confinement_superprivileged_connections{host="node-1",interface="kubernetes-support",snap="microk8s"} 1',
      'confinement_microk8s_required_unconnected{host="node-1"} 7',
      'confinement_microk8s_running{host="node-1"} 0',
      'confinement_denials_total{host="node-1",kind="apparmor",snap="microk8s"} 5',
      'confinement_denials_total{host="node-1",kind="seccomp",snap="(unknown snap)"} 2',
      'confinement_kernel_denials_dropped_total{host="node-1"} 4',
      'confinement_kernel_log_readable{host="node-1"} 1',
      'confinement_scrape_duration_seconds{host="node-1"} 0.012346',
    ]) expect(out).toContain(l);
    // network is not super-privileged: only kubernetes-support is listed.
    expect(out.filter((l) => l.startsWith('confinement_superprivileged_connections{'))).toHaveLength(1);
    // Every sample line names its host.
    expect(out.filter((l) => l && !l.startsWith('#') && !l.includes('host="node-1"'))).toEqual([]);
  });

  it('leaves out what could not be read instead of reporting zeros', () => {
    const out = lines([down]).filter((l) => l && !l.startsWith('#'));
    expect(out).toEqual([
      'confinement_snapd_up{host="node-2"} 0',
      'confinement_kernel_log_readable{host="node-2"} 0',
      'confinement_scrape_duration_seconds{host="node-2"} 1',
    ]);
  });

  it('keeps several hosts apart in one exposition', () => {
    const out = lines([up, down]);
    expect(out).toContain('confinement_snapd_up{host="node-1"} 1');
    expect(out).toContain('confinement_snapd_up{host="node-2"} 0');
    expect(out.filter((l) => l === '# TYPE confinement_snapd_up gauge')).toHaveLength(1);
  });
});
