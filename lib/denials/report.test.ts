import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseDenials } from '@/lib/denials/parse';
import { buildReport, describeDenial, groupKeyOf, withAnswers } from '@/lib/denials/report';
import { parseConnections } from '@/lib/snap/parse';

const mounts = (pid: number, t: number) =>
  `audit: type=1400 audit(${t}.123:${pid}): apparmor="DENIED" operation="open" class="file" profile="snap.microk8s.daemon-kubelite" name="/proc/${pid}/mounts" pid=${pid} comm="kubelite" requested_mask="r" denied_mask="r" fsuid=0 ouid=0`;
const seccomp = 'audit: type=1326 audit(1763895200.000:9): auid=4294967295 uid=0 gid=0 ses=4294967295 subj=snap.htop.htop pid=77 comm="htop" exe="/snap/htop/4000/usr/bin/htop" sig=0 arch=c000003e syscall=314 compat=0 ip=0x7f code=0x50000';
const text = [mounts(100, 1763895100), mounts(200, 1763895150), 'kauditd_printk_skb: 4 callbacks suppressed', seccomp].join('\n');

// `snap connections --all` of a host where microk8s declares mount-observe (unconnected) and htop declares nothing useful.
const connections = parseConnections(
  [
    'Interface      Plug                    Slot  Notes',
    'mount-observe  microk8s:mount-observe  -     -',
    'network        htop:network            :network  -',
  ].join('\n'),
);

describe('buildReport', () => {
  it('groups the same access of the same snap (PIDs do not split a group), with first and last sighting', () => {
    const r = buildReport(parseDenials(text), 4, { connections, installed: new Set(['microk8s', 'htop']) });
    expect(r.total).toBe(3);
    expect(r.dropped).toBe(4);
    const m = r.groups.find((g) => g.snap === 'microk8s')!;
    expect(m.what).toBe('read /proc/PID/mounts');
    expect(m.count).toBe(2);
    expect(m.firstSeen).toBe(new Date(1763895100123).toISOString());
    expect(m.lastSeen).toBe(new Date(1763895150123).toISOString());
    expect(m.suggestion.candidates).toContain('mount-observe');
    expect(m.answer).toEqual({ kind: 'connect', snap: 'microk8s', plugs: [{ plug: 'mount-observe', interface: 'mount-observe' }] });
    const h = r.groups.find((g) => g.snap === 'htop')!;
    expect(h.what).toBe('syscall sched_setattr');
    expect(h.answer.kind).toBe('no-plug');
    expect(r.snaps).toEqual([
      { snap: 'microk8s', count: 2 },
      { snap: 'htop', count: 1 },
    ]);
  });

  it('filters by snap, kind and time', () => {
    const all = parseDenials(text);
    expect(buildReport(all, 0, { connections, snap: 'htop' }).total).toBe(1);
    expect(buildReport(all, 0, { connections, kind: 'apparmor' }).total).toBe(2);
    expect(buildReport(all, 0, { connections, since: new Date(1763895140000).toISOString() }).total).toBe(2);
  });

  it('does not answer for a snap that is not installed, and re-answers when connections change', () => {
    const r = buildReport(parseDenials(text), 0, { connections, installed: new Set(['htop']) });
    expect(r.groups.find((g) => g.snap === 'microk8s')!.answer.kind).toBe('unknown-snap');
    const connected = parseConnections(['Interface      Plug                    Slot            Notes', 'mount-observe  microk8s:mount-observe  :mount-observe  manual'].join('\n'));
    const again = withAnswers(r.groups, { connections: connected, installed: null });
    expect(again.find((g) => g.snap === 'microk8s')!.answer.kind).toBe('already-connected');
  });

  it('describes each kind of denial in words', () => {
    const [d] = parseDenials('audit: type=1400 audit(1.0:1): apparmor="DENIED" operation="capable" class="cap" profile="snap.microk8s.daemon-kubelite" pid=1 comm="x" capability=12  capname="net_admin"');
    expect(describeDenial(d!)).toBe('capability net_admin');
    const [n] = parseDenials('audit: type=1400 audit(1.0:2): apparmor="DENIED" operation="create" class="net" profile="snap.microk8s.daemon-kubelite" pid=1 comm="x" family="netlink" sock_type="raw" protocol=0 requested_mask="create" denied_mask="create"');
    expect(describeDenial(n!)).toBe('network netlink raw');
  });

  it('builds a timeline with one series per snap', () => {
    const now = 1763895200000 + 60_000;
    const r = buildReport(parseDenials(text), 0, { connections, now });
    expect(r.timeline?.buckets).toBe(48);
    const sum = (s: string) => r.timeline!.series.find((x) => x.snap === s)!.counts.reduce((a, b) => a + b, 0);
    expect(sum('microk8s')).toBe(2);
    expect(sum('htop')).toBe(1);
  });
});

describe('snap-update-ns.SNAP belongs to SNAP', () => {
  const ns = 'audit: type=1400 audit(1763895300.000:11): apparmor="DENIED" operation="open" class="file" profile="snap-update-ns.firefox" name="/proc/4242/maps" pid=4242 comm="5" requested_mask="r" denied_mask="r" fsuid=0 ouid=0';
  it('is grouped, counted and filtered under the snap, and still answered as snapd\'s helper', () => {
    const r = buildReport(parseDenials(ns), 0, { connections, snap: 'firefox' });
    expect(r.total).toBe(1);
    expect(r.groups[0]!.snap).toBe('firefox');
    expect(r.groups[0]!.answer).toMatchObject({ kind: 'snapd-helper', helper: 'snap-update-ns.firefox' });
    expect(r.snaps).toEqual([{ snap: 'firefox', count: 1 }]);
  });
});

describe('describeDenial: D-Bus and mount details', () => {
  it('names the bus, destination, interface.member and path of a D-Bus denial (fixture auditd.log line 6)', () => {
    const line = 'audit: type=1107 audit(1561053426.749:186): pid=640 uid=103 auid=4294967295 ses=4294967295 msg=\'apparmor="DENIED" operation="dbus_method_call"  bus="system" path="/org/freedesktop/hostname1" interface="org.freedesktop.DBus.Properties" member="GetAll" mask="send" name="org.freedesktop.hostname1" pid=20596 label="snap.juju.juju" peer_pid=1 peer_label="unconfined" exe="/usr/bin/dbus-daemon" sauid=103 hostname=? addr=? terminal=?\'';
    const [d] = parseDenials(line);
    expect(describeDenial(d!)).toBe('dbus_method_call (system bus) to org.freedesktop.hostname1 org.freedesktop.DBus.Properties.GetAll on /org/freedesktop/hostname1');
  });

  it('names a mount as mount(8) would (`… on DIR`) and an umount by its mount point alone (umount(8))', () => {
    const lines = readFileSync('test/fixtures/denials/dmesg.log', 'utf8').split('\n');
    const [bind] = parseDenials(lines[14]!);
    expect(describeDenial(bind!)).toBe('mount /etc/apparmor.d/ on /etc/apparmor.d/ flags rw, bind');
    const [tmpfs] = parseDenials(lines[15]!);
    expect(describeDenial(tmpfs!)).toBe('mount -t tmpfs none on /tmp/snap.rootfs_9ftEd8/');
    const [umount] = parseDenials(readFileSync('test/fixtures/denials/unix-mount.log', 'utf8').split('\n')[1]!);
    expect(describeDenial(umount!)).toBe('umount /run/netns/foo');
  });
});

describe('describeDenial: unix sockets', () => {
  it('names the socket: its own address (bind) or its peer\'s (connect), abstract names decoded from hex', () => {
    const [docker] = parseDenials(readFileSync('test/fixtures/denials/dmesg.log', 'utf8').split('\n')[13]!);
    expect(docker!.unix).toEqual({ addr: '@/containerd-shim/moby/4d5796fbaa2ef45842d73611bd33f7802dacd9424a9e3b106562bcc091c5ac08/shim.sock', peerAddr: null });
    expect(describeDenial(docker!)).toBe('network unix stream (bind) at @/containerd-shim/moby/4d5796fbaa2ef45842d73611bd33f7802dacd9424a9e3b106562bcc091c5ac08/shim.sock');
    const [x11] = parseDenials(
      'audit: type=1400 audit(1700000000.000:1): apparmor="DENIED" operation="connect" profile="snap.telegram-desktop.telegram-desktop" pid=2848 comm="telegram-deskto" family="unix" sock_type="stream" protocol=0 requested_mask="send receive connect" denied_mask="send connect" addr=none peer_addr="@/tmp/.X11-unix/X0" peer="unconfined"',
    );
    expect(describeDenial(x11!)).toBe('network unix stream (send, connect) to @/tmp/.X11-unix/X0 peer unconfined');
    // an unnamed socket: nothing to add
    const [unnamed] = parseDenials(readFileSync('test/fixtures/denials/dmesg.log', 'utf8').split('\n')[12]!);
    expect(unnamed!.unix).toBeUndefined();
    expect(describeDenial(unnamed!)).toBe('network unix dgram (bind)');
  });

  it('unix denials that differ in their operations or peer are different groups: a unix rule names both', () => {
    const line = readFileSync('test/fixtures/denials/unix-mount.log', 'utf8').split('\n')[0]!;
    const [xorg] = parseDenials(line);
    const [other] = parseDenials(line.replace('peer="Xorg"', 'peer="unconfined"'));
    expect(describeDenial(xorg!)).toBe('network unix stream (send, receive) peer Xorg');
    expect(groupKeyOf(xorg!)).not.toBe(groupKeyOf(other!));
  });
});

