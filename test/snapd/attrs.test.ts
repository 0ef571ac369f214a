/**
 * Plug and slot attributes as the dashboard reads them (GET /api/snaps/{name}: `snap debug api` on snapd >= 2.64,
 * `snap interface --attrs` plus each snap's meta/snap.yaml before) against snapd's REST API over /run/snapd.socket. The lab's microk8s snap
 * declares content plugs (ceph-conf, configuration: content + target), personal-files plugs (dot-kube,
 * dot-config-helm: write lists), docker-support with privileged-containers and kubernetes-support flavours.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { connectionsRest, snap } from './support/lab';

const { snapDetail } = await import('@/lib/snap/detail');
const { currentHost } = await import('@/lib/host');
const { verdictPlugs } = await import('@/lib/snap/attrs');
const { connections } = await import('@/lib/snap/queries');
const { VERDICT_ATTR_INTERFACES } = await import('@/lib/denials/plug-attrs-grants');
const { adminAnswer } = await import('@/lib/denials/answer');
const { parseDenials } = await import('@/lib/denials/parse');
const { suggestInterfaces } = await import('@/lib/denials/suggest');
const host = currentHost();

beforeEach(() => host.invalidateReads());

async function snapdVersion(): Promise<[number, number]> {
  const out = (await snap(['version'])).stdout;
  const m = /^snapd\s+(\d+)\.(\d+)/m.exec(out);
  if (!m) throw new Error(`no snapd version in: ${out}`);
  return [Number(m[1]), Number(m[2])];
}

/** What `snap interface --attrs` prints of a scalar attribute (cmd_interface.go showAttrs: string, bool, number as text). */
function asPrinted(v: unknown): unknown {
  return typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number' ? String(v) : v;
}

describe('GET /api/snaps/microk8s attributes against /v2/connections?snap=microk8s&select=all', () => {
  it('every plug and slot carries the attributes snapd holds (snap debug api; before 2.64 the scalars snapd prints and the lists from meta/snap.yaml)', async () => {
    const [major, minor] = await snapdVersion();
    const full = major > 2 || (major === 2 && minor >= 64);
    const [detail, rest] = await Promise.all([snapDetail(host, 'microk8s'), connectionsRest('snap=microk8s&select=all')]);
    expect(detail.attrsSource).toEqual(full ? { source: 'snapd-api', complete: true } : { source: 'snap-interface', complete: true, snapYaml: true });

    const restPlugs = (rest.plugs ?? []).filter((p) => p.snap === 'microk8s');
    expect(detail.plugs.map((p) => p.name).sort()).toEqual(restPlugs.map((p) => p.plug).sort());
    const restSlots = (rest.slots ?? []).filter((s) => s.snap === 'microk8s');
    expect(detail.slots.map((s) => s.name).sort()).toEqual(restSlots.map((s) => s.slot).sort());
    const check = (kind: string, name: string, got: Record<string, unknown> | undefined, fromYaml: string[] | undefined, want: Record<string, unknown>) => {
      if (full) {
        expect({ [kind]: name, attrs: got ?? {}, fromYaml }).toEqual({ [kind]: name, attrs: want, fromYaml: undefined });
        return;
      }
      // scalars come from snapd's text (so as text), lists and maps from snap.yaml, each of those named
      const printed = Object.fromEntries(Object.entries(want).map(([k, v]) => [k, asPrinted(v)]));
      const lists = Object.keys(want).filter((k) => typeof want[k] === 'object' && want[k] !== null).sort();
      expect({ [kind]: name, attrs: got ?? {}, fromYaml: fromYaml ?? [] }).toEqual({ [kind]: name, attrs: printed, fromYaml: lists });
    };
    for (const p of detail.plugs) check('plug', p.name, p.attrs, p.attrsFromSnapYaml, restPlugs.find((r) => r.plug === p.name)!.attrs ?? {});
    for (const s of detail.slots) check('slot', s.name, s.attrs, s.attrsFromSnapYaml, restSlots.find((r) => r.slot === s.name)!.attrs ?? {});

    // the ones the issue names: the content plug, a personal-files plug, docker-support's flag
    const byName = Object.fromEntries(detail.plugs.map((p) => [p.name, p.attrs]));
    expect(byName['configuration']).toMatchObject({ content: 'configuration', target: '$SNAP/content-interface' });
    expect(byName['dot-kube']).toEqual({ write: ['$HOME/.kube'] });
    expect(restPlugs.find((r) => r.plug === 'dot-kube')!.attrs).toEqual({ write: ['$HOME/.kube'] });
    expect(byName['docker-privileged']).toEqual({ 'privileged-containers': full ? true : 'true' });
  });
});

describe('denial verdicts read the deciding attributes on both releases', () => {
  it('a read of ~/.kube/config by microk8s is matched to its personal-files plug dot-kube, and /dev/… to docker-privileged only', async () => {
    const [major, minor] = await snapdVersion();
    const full = major > 2 || (major === 2 && minor >= 64);
    const { attrs, apps } = await verdictPlugs(host, VERDICT_ATTR_INTERFACES, ['microk8s']);
    const rest = await connectionsRest('snap=microk8s&select=all');
    for (const name of ['dot-kube', 'dot-config-helm', 'docker-privileged', 'docker-unprivileged', 'k8s-kubelet']) {
      const want = (rest.plugs ?? []).find((p) => p.snap === 'microk8s' && p.plug === name)!.attrs ?? {};
      const printed = full ? want : Object.fromEntries(Object.entries(want).map(([k, v]) => [k, asPrinted(v)]));
      expect({ name, attrs: attrs.get(`microk8s:${name}`) }).toEqual({ name, attrs: printed });
    }
    const rows = await connections(host, 'microk8s');
    const kube = parseDenials(
      'audit: type=1400 audit(1700000000.000:1): apparmor="DENIED" operation="open" class="file" profile="snap.microk8s.kubectl" name="/home/ann/.kube/config" pid=1 comm="kubectl" requested_mask="r" denied_mask="r" fsuid=1000 ouid=1000',
    )[0]!;
    expect(adminAnswer(kube, suggestInterfaces(kube), rows, { attrs, apps })).toMatchObject({ kind: 'connect', plugs: [{ plug: 'dot-kube', interface: 'personal-files', paths: ['$HOME/.kube'] }] });
    const dev = parseDenials(
      'audit: type=1400 audit(1700000000.000:1): apparmor="DENIED" operation="mknod" class="file" profile="snap.microk8s.daemon-kubelite" name="/dev/char/195:255" pid=1 comm="k" requested_mask="c" denied_mask="c" fsuid=0 ouid=0',
    )[0]!;
    const a = adminAnswer(dev, suggestInterfaces(dev), rows, { attrs, apps });
    expect(a).toMatchObject({ kind: 'connect', plugs: [{ plug: 'docker-privileged', interface: 'docker-support' }] });
    expect(a.kind === 'connect' ? a.plugs.length : 0).toBe(1);
  });
});

describe('the apps each plug is bound to, on both releases', () => {
  it("equal the REST API's `apps` (snap debug api on >= 2.64, microk8s's meta/snap.yaml bound as snapd binds it before)", async () => {
    const { apps } = await verdictPlugs(host, VERDICT_ATTR_INTERFACES, ['microk8s']);
    const rest = await connectionsRest('snap=microk8s&select=all');
    const plugs = (rest.plugs ?? []).filter((p) => p.snap === 'microk8s');
    expect(plugs.length).toBeGreaterThan(20);
    for (const p of plugs) expect({ plug: p.plug, apps: apps.get(`microk8s:${p.plug}`) }).toEqual({ plug: p.plug, apps: [...(p.apps ?? [])].sort() });
    // the lab's log-observe reaches two of microk8s's apps: not its daemons
    expect(apps.get('microk8s:log-observe')).toEqual(['inspect', 'microk8s']);
  });

  it('a daemon-etcd read of /var/log/syslog is never "connect log-observe": that plug is bound to inspect and microk8s only', async () => {
    const { attrs, apps } = await verdictPlugs(host, VERDICT_ATTR_INTERFACES, ['microk8s']);
    const rows = await connections(host, 'microk8s');
    expect(rows.some((r) => r.plug?.snap === 'microk8s' && r.plug.name === 'log-observe')).toBe(true);
    const line = (app: string) =>
      `audit: type=1400 audit(1700000000.000:1): apparmor="DENIED" operation="open" class="file" profile="snap.microk8s.${app}" name="/var/log/syslog" pid=1 comm="k" requested_mask="r" denied_mask="r" fsuid=0 ouid=102`;
    const etcd = parseDenials(line('daemon-etcd'))[0]!;
    const a = adminAnswer(etcd, suggestInterfaces(etcd), rows, { attrs, apps });
    expect(a).toMatchObject({ kind: 'no-plug', boundElsewhere: { app: 'daemon-etcd', plugs: ['log-observe'] } });
    expect(a.kind === 'no-plug' ? a.advice[0] : '').toMatch(/^microk8s:log-observe \(log-observe, (not )?connected\) would allow this, but it is bound to apps inspect, microk8s only, not to daemon-etcd/);
    // daemon-kubelite has docker-privileged (privileged-containers: true reads any file): that is offered, with
    // log-observe said to be bound elsewhere
    const kubelite = parseDenials(line('daemon-kubelite'))[0]!;
    const k = adminAnswer(kubelite, suggestInterfaces(kubelite), rows, { attrs, apps });
    const dockerOn = rows.some((r) => r.plug?.snap === 'microk8s' && r.plug.name === 'docker-privileged' && r.slot !== null);
    expect(k).toMatchObject(dockerOn ? { kind: 'already-connected', plugs: [{ plug: 'docker-privileged' }] } : { kind: 'connect', plugs: [{ plug: 'docker-privileged' }], boundElsewhere: { app: 'daemon-kubelite', plugs: ['log-observe'] } });
    // the app it is bound to: judged on that plug
    const inspect = parseDenials(line('inspect'))[0]!;
    const on = rows.some((r) => r.plug?.snap === 'microk8s' && r.plug.name === 'log-observe' && r.slot !== null);
    expect(adminAnswer(inspect, suggestInterfaces(inspect), rows, { attrs, apps })).toMatchObject({ kind: on ? 'already-connected' : 'connect', plugs: [{ plug: 'log-observe' }] });
  });
});
