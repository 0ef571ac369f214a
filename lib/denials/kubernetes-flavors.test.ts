import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConnections } from '../snap/parse';
import { adminAnswer, type AnswerContext } from './answer';
import type { Attrs } from './file-attrs';
import { describeFlavors, grantingFlavors } from './kubernetes-flavors';
import type { Denial } from './parse';
import { suggestInterfaces } from './suggest';
import { denial, SNAPD_LAB } from '../../test/support/denial-fixtures';

// `snap connections microk8s` on the snapd lab: k8s-journald, k8s-kubelet, k8s-kubeproxy and kubernetes-support
// (all kubernetes-support), docker-privileged and docker-unprivileged, none of them connected
const microk8s = parseConnections(readFileSync(`${SNAPD_LAB}06-snap-connections-microk8s.stdout`, 'utf8'));
// their attributes as snapd 2.68 reports them (test/fixtures/snapd-lab/api/90-GET-v2-connections-snap-microk8s-select-all.json)
const ATTRS = new Map<string, Attrs>([
  ['microk8s:k8s-journald', { flavor: 'autobind-unix' }],
  ['microk8s:k8s-kubelet', { flavor: 'kubelet' }],
  ['microk8s:k8s-kubeproxy', { flavor: 'kubeproxy' }],
  ['microk8s:kubernetes-support', {}],
  ['microk8s:docker-privileged', { 'privileged-containers': true }],
  ['microk8s:docker-unprivileged', { 'privileged-containers': false }],
]);

const file = (path: string, mask: string, profile = 'snap.microk8s.daemon-kubelite') =>
  denial(`audit: type=1400 audit(1700000000.000:1): apparmor="DENIED" operation="open" class="file" profile="${profile}" name="${path}" pid=1 comm="k" requested_mask="${mask}" denied_mask="${mask}" fsuid=0 ouid=0`);
const cap = (name: string, profile = 'snap.microk8s.daemon-kubelite') =>
  denial(`audit: type=1400 audit(1700000000.000:1): apparmor="DENIED" operation="capable" class="cap" profile="${profile}" pid=1 comm="k" capability=7 capname="${name}"`);
// x86_64: 165 is mount, 49 bind
const syscall = (nr: number) =>
  denial(`audit: type=1326 audit(1700000000.000:1): auid=4294967295 uid=0 gid=0 ses=4294967295 subj=snap.microk8s.daemon-kubelite pid=1 comm="k" exe="/snap/microk8s/1/kubelite" sig=0 arch=c000003e syscall=${nr} compat=0 ip=0x4 code=0x50000`);

const answer = (d: Denial, ctx: AnswerContext = { attrs: ATTRS }, rows = microk8s) => adminAnswer(d, suggestInterfaces(d), rows, ctx);
const plugsOf = (a: ReturnType<typeof answer>) => ('plugs' in a ? a.plugs.map((p) => p.plug) : []);
const SUPER = 'kubernetes-support is super-privileged (run kubernetes node services)';

describe('grantingFlavors: the flavors whose rules allow a denial', () => {
  it('files, capabilities, syscalls, unix sockets and mounts, by the snippets each flavor gets', () => {
    const sorted = (s: ReadonlySet<string> | null) => (s ? [...s].sort() : s);
    expect(sorted(grantingFlavors(file('/run/flannel/subnet.env', 'r')))).toEqual(['', 'kubelet']); // Kubelet: /run/flannel/{,**} rw
    expect(sorted(grantingFlavors(file('/run/flannel/subnet.env', 'k')))).toEqual(['', 'kubelet']); // Kubelet: /run/flannel/** k
    expect(sorted(grantingFlavors(file('/run/flannel/subnet.env', 'x')))).toEqual([]);
    expect(sorted(grantingFlavors(file('/sys/module/ip_vs/initstate', 'r')))).toEqual(['', 'kubeproxy']);
    expect(sorted(grantingFlavors(file('/sys/fs/cgroup/cpu.max', 'r')))).toEqual(['', 'kubelet', 'kubeproxy']); // Common
    expect(sorted(grantingFlavors(cap('fsetid')))).toEqual(['', 'kubelet']);
    expect(sorted(grantingFlavors(syscall(165)))).toEqual(['', 'kubelet']); // mount
    expect(sorted(grantingFlavors(syscall(49)))).toEqual(['', 'autobind-unix', 'kubelet', 'kubeproxy']); // bind
    const autobind = denial('audit: type=1400 audit(1700000000.000:1): apparmor="DENIED" operation="bind" class="net" profile="snap.microk8s.daemon-kubelite" pid=1 comm="k" family="unix" sock_type="dgram" protocol=0 requested_mask="bind" denied_mask="bind" addr=none');
    expect(sorted(grantingFlavors(autobind))).toEqual(['', 'autobind-unix', 'kubelet', 'kubeproxy']);
    const mount = denial('audit: type=1400 audit(1700000000.000:1): apparmor="DENIED" operation="mount" class="mount" info="failed flags match" error=-13 profile="snap.microk8s.daemon-kubelite" name="/var/snap/microk8s/common/var/lib/kubelet/pods/x/" pid=1 comm="k" flags="rw, rshared"');
    expect(sorted(grantingFlavors(mount))).toEqual(['', 'kubelet']); // Kubelet: mount options=(rw, rshared) -> /var/snap/@{SNAP_INSTANCE_NAME}/common/{,**}
    // another snap's common directory is not this snap's @{SNAP_INSTANCE_NAME}
    expect(sorted(grantingFlavors({ ...mount, path: '/var/snap/other/common/x/' }))).toEqual([]);
  });

  it('a rule of the systemd_run child profile allows only what runs under it, and the other way round', () => {
    // Common: "/run/systemd/private r," in the snap's profile, "/run/systemd/private rw," in profile systemd_run
    expect([...grantingFlavors(file('/run/systemd/private', 'w'))!]).toEqual([]);
    expect([...grantingFlavors(file('/run/systemd/private', 'w', 'snap.microk8s.daemon-kubelite//systemd_run'))!].sort()).toEqual(['', 'kubelet', 'kubeproxy']);
    expect([...grantingFlavors(file('/run/systemd/private', 'w'), true)!].sort()).toEqual(['', 'kubelet', 'kubeproxy']);
    // "capability net_admin," is only in the child profile; "capability sys_ptrace," only in the snap's (Kubelet)
    expect([...grantingFlavors(cap('net_admin'))!]).toEqual([]);
    expect([...grantingFlavors(cap('net_admin', 'snap.microk8s.daemon-kubelite//systemd_run'))!].sort()).toEqual(['', 'kubelet', 'kubeproxy']);
    expect([...grantingFlavors(cap('sys_ptrace', 'snap.microk8s.daemon-kubelite//systemd_run'))!]).toEqual([]);
  });

  it('null for kinds the table has no rules of (ptrace, D-Bus)', () => {
    const ptrace = denial('audit: type=1400 audit(1700000000.000:1): apparmor="DENIED" operation="ptrace" class="ptrace" profile="snap.microk8s.daemon-kubelite" pid=1 comm="k" requested_mask="read" denied_mask="read" peer="unconfined"');
    expect(grantingFlavors(ptrace)).toBeNull();
  });

  it('describeFlavors names them the way a publisher declares them', () => {
    expect(describeFlavors(new Set(['', 'kubelet']))).toBe('a kubernetes-support plug without a flavor or with flavor "kubelet"');
    expect(describeFlavors(new Set(['kubeproxy', '', 'kubelet']))).toBe('a kubernetes-support plug without a flavor or with flavor "kubelet" or "kubeproxy"');
  });
});

describe('adminAnswer for kubernetes-support plugs with a flavor', () => {
  it('a denial the kubelet flavor allows: connect k8s-kubelet (narrowest first) or the plug without a flavor, no caveat; kubeproxy and autobind-unix not offered', () => {
    const a = answer(file('/run/flannel/subnet.env', 'r', 'snap.microk8s.daemon-flanneld'));
    expect(a).toEqual({
      kind: 'connect',
      snap: 'microk8s',
      plugs: [
        { plug: 'k8s-kubelet', interface: 'kubernetes-support', flavor: 'kubelet', warning: SUPER },
        { plug: 'kubernetes-support', interface: 'kubernetes-support', warning: SUPER },
      ],
    });
  });

  it('a denial the kubelet flavor does not allow (a kubeproxy rule): the kubelet plug is not offered', () => {
    // the ordinary kernel-module-observe allows /sys/module/*/initstate too: without that plug, the kubernetes-support ones
    const rows = microk8s.filter((r) => r.interface !== 'kernel-module-observe');
    // docker-privileged's privileged-containers allows any file (`/** rwlix`): offered, but after them
    expect(plugsOf(answer(file('/sys/module/ip_vs/initstate', 'r'), { attrs: ATTRS }, rows))).toEqual(['k8s-kubeproxy', 'kubernetes-support', 'docker-privileged']);
    // the kubelet syscalls: mount (which cifs-mount and fuse-support allow too: left out)
    const k8sOnly = microk8s.filter((r) => r.interface === 'kubernetes-support');
    expect(plugsOf(answer(syscall(165), { attrs: ATTRS }, k8sOnly))).toEqual(['k8s-kubelet', 'kubernetes-support']);
  });

  it('no plug of a flavor that allows it: no-plug, with a line for each that does not and why', () => {
    const rows = microk8s.filter((r) => r.plug?.name !== 'kubernetes-support' && r.plug?.name !== 'k8s-kubelet' && r.interface !== 'docker-support');
    const a = answer(file('/run/flannel/subnet.env', 'r', 'snap.microk8s.daemon-flanneld'), { attrs: ATTRS }, rows);
    expect(a.kind).toBe('no-plug');
    if (a.kind !== 'no-plug') return;
    expect(a.advice.slice(0, 2)).toEqual([
      expect.stringMatching(/^microk8s:k8s-journald \(kubernetes-support, not connected\) does not allow this: it takes a kubernetes-support plug without a flavor or with flavor "kubelet";/),
      expect.stringMatching(/^microk8s:k8s-kubeproxy \(kubernetes-support, not connected\) does not allow this/),
    ]);
  });

  it('a rule of the systemd_run child profile: not for a denial of the snap own profile, said once for all plugs', () => {
    const rows = microk8s.filter((r) => r.interface !== 'docker-support');
    const main = answer(file('/run/systemd/private', 'w'), { attrs: ATTRS }, rows);
    expect(main.kind).toBe('no-plug');
    if (main.kind === 'no-plug') {
      expect(main.advice[0]).toBe(
        'microk8s:k8s-journald, microk8s:k8s-kubelet, microk8s:k8s-kubeproxy, microk8s:kubernetes-support (kubernetes-support) do not allow this: ' +
          "kubernetes-support's rule for this is in its systemd_run child profile only, which applies to what snapd runs under " +
          'snap.microk8s.APP//systemd_run, and this was denied under snap.microk8s.daemon-kubelite',
      );
    }
    const child = answer(file('/run/systemd/private', 'w', 'snap.microk8s.daemon-kubelite//systemd_run'), { attrs: ATTRS }, rows);
    expect(plugsOf(child)).toEqual(['k8s-kubeproxy', 'k8s-kubelet', 'kubernetes-support']);
  });

  it('attributes not read: a plug is offered as unsure unless every flavor allows it', () => {
    const unread = answer(file('/run/flannel/subnet.env', 'r'), {}, microk8s.filter((r) => r.interface !== 'docker-support'));
    expect(unread.kind).toBe('connect');
    if (unread.kind === 'connect') {
      expect(unread.plugs.map((p) => p.plug)).toEqual(['k8s-journald', 'k8s-kubelet', 'k8s-kubeproxy', 'kubernetes-support']);
      expect(unread.plugs[1]!.warning).toBe(SUPER);
      expect(unread.plugs[1]!.maybe).toBe(`it is a kubernetes-support plug without a flavor or with flavor "kubelet"`);
    }
    // the bind syscall: every flavor has it, so any plug will do (network-bind, connected, allows it too: left out)
    const bind = answer(syscall(49), {}, microk8s.filter((r) => r.interface === 'kubernetes-support'));
    expect(bind.kind).toBe('connect');
    if (bind.kind === 'connect') expect(bind.plugs.every((p) => p.warning === SUPER)).toBe(true);
  });

  it('a flavor snapd does not accept, or a denial the table has no rules of: the caveat stays', () => {
    const attrs = new Map(ATTRS).set('microk8s:k8s-kubelet', { flavor: 'kube-scheduler' });
    const rows = microk8s.filter((r) => r.plug?.name === 'k8s-kubelet');
    const a = answer(file('/run/flannel/subnet.env', 'r'), { attrs }, rows);
    expect(a).toEqual({
      kind: 'connect',
      snap: 'microk8s',
      plugs: [
        {
          plug: 'k8s-kubelet',
          interface: 'kubernetes-support',
          flavor: 'kube-scheduler',
          warning: `${SUPER}; k8s-kubelet has flavor "kube-scheduler", which snapd 2.76.3 does not accept (its BeforePreparePlug refuses it), so which of kubernetes-support's rules it gets is not known here`,
        },
      ],
    });
  });

  it('connected plugs: only one whose flavor allows the denial makes it already-connected or resolved', () => {
    // as `snap connections` shows a plug connected to the system's slot (`:kubernetes-support`)
    const connected = (plug: string) => microk8s.map((r) => (r.plug?.name === plug ? { ...r, slot: { snap: 'core', name: 'kubernetes-support' } } : r));
    const d = file('/run/flannel/subnet.env', 'r', 'snap.microk8s.daemon-flanneld');
    const at = { at: '2023-11-14T22:00:00.000Z', source: 'snapd-change' as const };
    // k8s-kubeproxy connected before the denial: it does not allow it, so the kubelet plug is still the fix
    const proxy = answer(d, { attrs: ATTRS, connectedAt: new Map([['microk8s:k8s-kubeproxy', at]]) }, connected('k8s-kubeproxy'));
    expect(proxy.kind).toBe('connect');
    expect(plugsOf(proxy)).toEqual(['k8s-kubelet', 'kubernetes-support']);
    // k8s-kubelet connected after the denial's time (1700000000 = 2023-11-14T22:13:20Z is later: denied after the connect)
    const kubelet = answer(d, { attrs: ATTRS, connectedAt: new Map([['microk8s:k8s-kubelet', at]]) }, connected('k8s-kubelet'));
    expect(kubelet).toMatchObject({ kind: 'already-connected', plugs: [{ plug: 'k8s-kubelet', flavor: 'kubelet' }], timing: 'denied-after' });
    const later = { at: '2023-11-15T00:00:00.000Z', source: 'snapd-change' as const };
    const resolved = answer(d, { attrs: ATTRS, connectedAt: new Map([['microk8s:k8s-kubelet', later]]) }, connected('k8s-kubelet'));
    expect(resolved).toMatchObject({ kind: 'resolved', plugs: [{ plug: 'k8s-kubelet' }], connectedAt: later.at });
  });
});
