import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConnections } from '../snap/parse';
import { adminAnswer } from './answer';
import { publisherAdvice } from './publisher-advice';
import { snapdHelper } from './unattributed';
import { parseDenials, type Denial } from './parse';
import { HINTS, suggestInterfaces } from './suggest';
import { denial, denialLog, lineOf, SNAPD_LAB } from '../../test/support/denial-fixtures';

const answer = (d: Denial, rows: ReturnType<typeof parseConnections> | null) => adminAnswer(d, suggestInterfaces(d), rows);

// `snap connections microk8s` on the snapd lab (snap 2.57.6): everything unconnected but home, network,
// network-bind and opengl; the plugs include home-read-all, docker-privileged, k8s-* (kubernetes-support).
const microk8s = parseConnections(readFileSync(`${SNAPD_LAB}06-snap-connections-microk8s.stdout`, 'utf8'));
// `snap connections lab-devmode`: network connected, network-observe and a content plug not
const labDevmode = parseConnections(readFileSync(`${SNAPD_LAB}07-snap-connections-lab-devmode.stdout`, 'utf8'));

const asMicrok8s = (line: string) => denial(line.replace(/snap\.[a-z0-9-]+\.[a-z0-9-]+/, 'snap.microk8s.daemon-kubelite'));

describe('adminAnswer', () => {
  it('connect: the snap declares an unconnected plug that allows it (capname fsetid → account-control)', () => {
    const d = denial(lineOf('dmesg.log', 4)); // snap.microk8s.daemon-cluster-agent, capname="fsetid"
    expect(answer(d, microk8s)).toEqual({
      kind: 'connect',
      snap: 'microk8s',
      plugs: [{ plug: 'account-control', interface: 'account-control', warning: 'account-control is high risk (manage user accounts)' }],
    });
  });

  it('connect: the narrow plug only when a broad one (network-control, high risk) would allow it too', () => {
    const d = asMicrok8s(lineOf('dmesg.log', 2)); // /proc/PID/mounts, fsuid == ouid
    expect(answer(d, microk8s)).toEqual({
      kind: 'connect',
      snap: 'microk8s',
      plugs: [
        { plug: 'mount-observe', interface: 'mount-observe' },
      ],
    });
  });

  it('connect: a kubernetes-support plug whose flavor allows it, without a caveat; one whose flavor does not, not offered', () => {
    // /run/flannel/… read: kubernetes-support's kubelet snippet and docker-support's `/run/flannel/{,**} rk` (kubernetes-flavors.test.ts has each flavor)
    const d = denial('audit: type=1400 audit(1700000000.000:1): apparmor="DENIED" operation="open" class="file" profile="snap.microk8s.daemon-flanneld" name="/run/flannel/subnet.env" pid=1 comm="flanneld" requested_mask="r" denied_mask="r" fsuid=0 ouid=0');
    const attrs = new Map([
      ['microk8s:k8s-kubelet', { flavor: 'kubelet' }],
      ['microk8s:k8s-kubeproxy', { flavor: 'kubeproxy' }],
    ]);
    expect(adminAnswer(d, suggestInterfaces(d), microk8s, { attrs })).toEqual({
      kind: 'connect',
      snap: 'microk8s',
      plugs: [{ plug: 'k8s-kubelet', interface: 'kubernetes-support', flavor: 'kubelet', warning: 'kubernetes-support is super-privileged (run kubernetes node services)' }],
    });
    // without attributes read, no kubernetes-support plug allows it for sure; docker-support's base rules do, whatever its attributes
    const bare = adminAnswer(d, suggestInterfaces(d), microk8s);
    expect(bare).toMatchObject({ kind: 'connect', plugs: [{ plug: 'docker-privileged' }, { plug: 'docker-unprivileged' }] });
    const k8sOnly = microk8s.filter((r) => r.interface === 'kubernetes-support');
    const unread = adminAnswer(d, suggestInterfaces(d), k8sOnly);
    expect(unread.kind).toBe('connect');
    if (unread.kind === 'connect') expect(unread.plugs.every((p) => p.flavor === undefined && /^it is a kubernetes-support plug without a flavor or with flavor "kubelet"$/.test(p.maybe ?? ''))).toBe(true);
  });

  it('connect: a plug named differently from its interface (docker-support via docker-privileged…)', () => {
    const d = asMicrok8s(lineOf('dmesg.log', 12)); // symlink create in /dev/char → only docker-support's privileged variant grants it
    // attributes not given here: which of them has privileged-containers is not known (plug-attrs-grants.test.ts has them)
    const maybe =
      `it is a docker-support plug with 'privileged-containers: true' (the privileged variant: /dev/**, /proc/**, any file, unconfined children, unrestricted seccomp — device ownership)`;
    const warning = 'docker-support is super-privileged (run a container engine (docker))';
    expect(answer(d, microk8s)).toEqual({
      kind: 'connect',
      snap: 'microk8s',
      plugs: [
        { plug: 'docker-privileged', interface: 'docker-support', warning, maybe },
        { plug: 'docker-unprivileged', interface: 'docker-support', warning, maybe },
      ],
    });
  });

  it("another user's file, attributes not read: home-read-all offered as a maybe, the connected home plug never 'already connected'", () => {
    const d = denial(
      'audit: type=1400 audit(1700000000.000:1): apparmor="DENIED" operation="open" profile="snap.microk8s.daemon-kubelite" name="/home/ann/notes.txt" pid=1 comm="k" requested_mask="r" denied_mask="r" fsuid=0 ouid=1000',
    );
    // home-attrs.test.ts has the verdicts with the attributes read
    const maybe =
      "it is a home plug with 'read: all', which grants a file it does not own " +
      "(owner uid 1000, the process ran as uid 0): a home plug without it reaches only its user's own files";
    expect(answer(d, microk8s)).toEqual({
      kind: 'connect',
      snap: 'microk8s',
      plugs: [{ plug: 'home-read-all', interface: 'home', maybe }],
      // the connected `home` plug is only a maybe too: unread, it might be one with read: all
      unsure: [{ plug: 'home', interface: 'home', maybe }],
    });
  });

  it('already-connected: the plug that allows it is connected, so the denial comes from something else', () => {
    const d = denial(
      'audit: type=1400 audit(1700000000.000:1): apparmor="DENIED" operation="open" profile="snap.microk8s.daemon-kubelite" name="/home/ann/notes.txt" pid=1 comm="k" requested_mask="wc" denied_mask="wc" fsuid=1000 ouid=1000',
    );
    // no connect time known: said so, not judged
    expect(answer(d, microk8s)).toEqual({ kind: 'already-connected', snap: 'microk8s', plugs: [{ plug: 'home', interface: 'home' }], connectedAt: null, timing: 'unknown' });
  });

  it('no-plug: no declared plug allows it; snappy-debug-style advice for the publisher', () => {
    const d = denial(lineOf('dmesg.log', 4).replace('snap.microk8s.daemon-cluster-agent', 'snap.lab-devmode.lab-devmode'));
    expect(answer(d, labDevmode)).toEqual({
      kind: 'no-plug',
      snap: 'lab-devmode',
      advice: [
        "adjust program to not require 'CAP_FSETID' (see 'man 7 capabilities')",
        "add 'account-control' to 'plugs' — account-control is high risk (manage user accounts); look for a narrower interface first",
        HINTS.doNothing,
      ],
    });
  });

  it('no-plug for a umount: network-control, and no system-files line (it grants files, not the mount point)', () => {
    const d = denial(lineOf('unix-mount.log', 2).replace('snap.network-control-consumer.cmd', 'snap.lab-devmode.lab-devmode'));
    expect(answer(d, labDevmode)).toEqual({
      kind: 'no-plug',
      snap: 'lab-devmode',
      advice: ["add 'network-control' to 'plugs' — network-control is high risk (configure host networking); look for a narrower interface first"],
    });
  });

  it('no-plug: a syscall no interface allows (pkey_alloc)', () => {
    const d = denial(lineOf('dmesg.log', 9)); // snap.signal-desktop.signal-desktop
    const rows = parseConnections('Interface  Plug                     Slot      Notes\nnetwork    signal-desktop:network   :network  -\n');
    expect(answer(d, rows)).toEqual({ kind: 'no-plug', snap: 'signal-desktop', advice: [HINTS.doNothing] });
  });

  it('no-plug when the snap has no plugs at all (empty `snap connections` output)', () => {
    const d = denial(lineOf('dmesg.log', 2));
    expect(answer(d, parseConnections(''))).toMatchObject({ kind: 'no-plug', snap: 'nextcloud' });
  });

  it('only the denied snap\'s own plugs count, not other snaps\' rows', () => {
    const d = denial(lineOf('dmesg.log', 4).replace('snap.microk8s.daemon-cluster-agent', 'snap.other.app'));
    expect(answer(d, microk8s)).toMatchObject({ kind: 'no-plug', snap: 'other' });
  });

  it('snapd-helper: snap-confine (host or snapd snap) and snap-update-ns', () => {
    const confine = answer(denial(lineOf('dmesg.log', 7)), microk8s);
    expect(confine).toMatchObject({ kind: 'snapd-helper', helper: 'snap-confine' });
    expect(answer(denial(lineOf('syslog.log', 8)), null)).toMatchObject({ kind: 'snapd-helper', helper: 'snap-confine' });
    const ns = answer(denial(lineOf('dmesg.log', 10)), null);
    expect(ns).toMatchObject({ kind: 'snapd-helper', helper: 'snap-update-ns.snapd-desktop-integration' });
    if (ns.kind === 'snapd-helper') expect(ns.explanation).toContain('snapd-desktop-integration');
  });

  it('unknown-snap: seccomp without AppArmor label, exe inside the mount namespace (the lab)', () => {
    const [unshare] = parseDenials(denialLog('lab-dmesg-seccomp.log'));
    const a = answer(unshare as Denial, microk8s);
    expect(a.kind).toBe('unknown-snap');
    if (a.kind === 'unknown-snap') {
      expect(a.explanation).toContain('/usr/bin/busybox');
      expect(a.explanation).toContain('pid 10846');
    }
  });

  it('unknown-snap: a foreign profile, a container namespace, plugs that could not be listed', () => {
    expect(answer(denial(lineOf('syslog.log', 17)), null).kind).toBe('unknown-snap');
    const lxd = answer(denial(lineOf('journal.log', 8)), microk8s);
    expect(lxd.kind).toBe('unknown-snap');
    if (lxd.kind === 'unknown-snap') expect(lxd.explanation).toContain('container');
    const gone = answer(denial(lineOf('dmesg.log', 4)), null);
    expect(gone.kind).toBe('unknown-snap');
    if (gone.kind === 'unknown-snap') expect(gone.explanation).toContain('microk8s');
  });
});

describe('helpers', () => {
  it('snapdHelper recognises the helpers only', () => {
    expect(snapdHelper(denial(lineOf('dmesg.log', 16)))).toEqual({ helper: 'snap-confine', snap: null });
    expect(snapdHelper(denial(lineOf('dmesg.log', 1)))).toBeNull();
  });

  it('publisherAdvice orders like snappy-debug: adjust…, add…, the rest', () => {
    expect(publisherAdvice({ candidates: ['a', 'b'], privileged: ['c'], hints: [HINTS.doNothing, HINTS.notRequireCap('kill')] })).toEqual([
      "adjust program to not require 'CAP_KILL' (see 'man 7 capabilities')",
      "add one of 'a, b' to 'plugs'",
      HINTS.doNothing,
    ]);
  });
});
