import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adminAnswer, type ConnectionRow } from './answer';
import { suggestInterfaces } from './suggest';
import { buildReport } from './report';
import { formatReport } from './cli';
import { parseConnections } from '../snap/parse';
import { parseConnectionsApi } from '../snap/attrs-parse';
import { denial, SNAPD_LAB } from '../../test/support/denial-fixtures';

/**
 * A plug allows only the apps it is bound to: snapd writes its rules into those apps' profiles alone
 * (snap/info_snap_yaml.go). The witness is the snapd lab's microk8s: `snap connections microk8s` (transcript 06:
 * log-observe not connected) and the REST API's `apps` of each plug (transcript 90: log-observe is bound to
 * inspect and microk8s, not to the daemons).
 */
const ROWS: ConnectionRow[] = parseConnections(readFileSync(`${SNAPD_LAB}06-snap-connections-microk8s.stdout`, 'utf8'));
const API = parseConnectionsApi(readFileSync(`${SNAPD_LAB}api/90-GET-v2-connections-snap-microk8s-select-all.json`, 'utf8'));
const APPS = new Map(API.plugs.map((p) => [`${p.snap}:${p.name}`, p.apps ?? []] as const));
// every attribute read, as on snapd >= 2.64: docker-privileged is then known to be the privileged variant
const ATTRS = new Map(API.plugs.map((p) => [`${p.snap}:${p.name}`, p.attrs] as const));

const syslogBy = (subject: string) =>
  denial(
    `audit: type=1400 audit(1700000000.000:1): apparmor="DENIED" operation="open" class="file" profile="snap.microk8s.${subject}" name="/var/log/syslog" pid=1 comm="k" requested_mask="r" denied_mask="r" fsuid=0 ouid=102`,
  );
const answer = (subject: string, apps: ReadonlyMap<string, readonly string[]> | undefined, rows = ROWS) => {
  const d = syslogBy(subject);
  return adminAnswer(d, suggestInterfaces(d), rows, { apps, attrs: ATTRS });
};

describe('plugs are judged only for the apps they are bound to', () => {
  it('the premise: log-observe is declared, not connected, and bound to inspect and microk8s only', () => {
    expect(ROWS.filter((r) => r.plug?.name === 'log-observe').map((r) => r.slot)).toEqual([null]);
    expect(APPS.get('microk8s:log-observe')).toEqual(['inspect', 'microk8s']);
    expect(suggestInterfaces(syslogBy('daemon-kubelite')).candidates).toContain('log-observe');
  });

  it('daemon-etcd reading /var/log/syslog: no plug of its own allows it; the publisher is told to bind log-observe to it', () => {
    const a = answer('daemon-etcd', APPS);
    expect(a.kind).toBe('no-plug');
    if (a.kind !== 'no-plug') return;
    expect(a.boundElsewhere).toEqual({ app: 'daemon-etcd', plugs: ['log-observe'] });
    // never "add 'log-observe' to 'plugs'": it is declared, only bound to other apps
    expect(a.advice.some((l) => l.startsWith("add 'log-observe'"))).toBe(false);
    expect(a.advice[0]).toBe(
      'microk8s:log-observe (log-observe, not connected) would allow this, but it is bound to apps inspect, microk8s only, not to daemon-etcd: ' +
        "snapd puts a plug's rules only in the profiles of the apps it is bound to. Add log-observe to the plugs of app daemon-etcd in snapcraft.yaml",
    );
  });

  it('daemon-kubelite: not log-observe, but its own docker-privileged plug (privileged-containers: true reads any file), with its warning', () => {
    expect(APPS.get('microk8s:docker-privileged')).toContain('daemon-kubelite');
    expect(answer('daemon-kubelite', APPS)).toMatchObject({
      kind: 'connect',
      plugs: [{ plug: 'docker-privileged', warning: expect.stringMatching(/super-privileged/) as unknown as string }],
      // the plug the admin may expect is said to be bound elsewhere, so its absence is no puzzle
      boundElsewhere: { app: 'daemon-kubelite', plugs: ['log-observe'] },
    });
    const d = syslogBy('daemon-kubelite');
    const text = formatReport(buildReport([d], 0, { connections: ROWS, apps: APPS, attrs: ATTRS }));
    expect(text).toContain('    (log-observe would too, but is bound to other apps than daemon-kubelite)');
  });

  it('the microk8s app, which log-observe is bound to, is told to connect it', () => {
    expect(answer('microk8s', APPS)).toEqual({ kind: 'connect', snap: 'microk8s', plugs: [{ plug: 'log-observe', interface: 'log-observe' }] }); // nothing bound elsewhere to say
  });

  it('a connected plug bound to other apps is never "already connected" for this one', () => {
    const connected = ROWS.map((r) => (r.plug?.name === 'log-observe' ? { ...r, slot: { snap: 'snapd', name: 'log-observe' } } : r));
    expect(answer('inspect', APPS, connected).kind).toBe('already-connected');
    const a = answer('daemon-etcd', APPS, connected);
    expect(a.kind).toBe('no-plug');
    expect(a.kind === 'no-plug' ? a.advice[0] : '').toMatch(/^microk8s:log-observe \(log-observe, connected\) would allow this, but it is bound to apps inspect, microk8s only/);
  });

  it('a plug bound to no app (hooks only) says so', () => {
    const a = answer('daemon-etcd', new Map([...APPS, ['microk8s:log-observe', []]]));
    expect(a.kind === 'no-plug' ? a.advice[0] : '').toMatch(/but it is bound to no app \(hooks only\), not to daemon-etcd/);
  });

  it('where the apps are not known, and for hooks (the REST API does not say which hooks a plug reaches), every plug counts', () => {
    expect(answer('daemon-etcd', undefined)).toMatchObject({ kind: 'connect', plugs: [{ plug: 'log-observe' }] });
    expect(answer('daemon-etcd', new Map())).toMatchObject({ kind: 'connect', plugs: [{ plug: 'log-observe' }] });
    expect(answer('daemon-etcd', undefined)).not.toHaveProperty('boundElsewhere');
    expect(answer('hook.configure', APPS)).toMatchObject({ kind: 'connect', plugs: [{ plug: 'log-observe' }] });
  });
});

describe('broad plugs bound to other apps', () => {
  it('are named only when nothing narrower would do, and never as "add it"', () => {
    // without log-observe, only docker-privileged (privileged-containers: true reads any file) would allow it
    const rows = ROWS.filter((r) => r.plug?.name !== 'log-observe');
    const a = answer('daemon-etcd', APPS, rows);
    expect(a).toMatchObject({ kind: 'no-plug', boundElsewhere: { app: 'daemon-etcd', plugs: ['docker-privileged'] } });
    expect(a.kind === 'no-plug' ? a.advice[0] : '').toMatch(/^microk8s:docker-privileged \(docker-support, not connected\) would allow this, but it is bound to apps daemon-containerd, daemon-k8s-dqlite, daemon-kubelite only, not to daemon-etcd: .*docker-support is super-privileged.*: ask whether daemon-etcd really needs it$/);
  });
});
