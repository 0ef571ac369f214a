import { describe, expect, it } from 'vitest';
import { parseDenials, type Denial } from './parse';
import { HINTS, plugAdvice, suggestInterfaces } from './suggest';
import { denial, denialLog, lineOf } from '../../test/support/denial-fixtures';

const aa = (fields: string) => denial(`audit: type=1400 audit(1700000000.000:1): apparmor="DENIED" profile="snap.foo.bar" pid=1 comm="bar" ${fields}`);
const sc = (nr: number, arch = 'c000003e') =>
  denial(`audit: type=1326 audit(1700000000.000:1): auid=1000 uid=1000 gid=1000 ses=1 subj=snap.foo.bar pid=1 comm="bar" exe="/snap/foo/1/bar" sig=0 arch=${arch} syscall=${nr} compat=0 ip=0x1 code=0x50000`);

describe('classic cases (shared reference §4.4)', () => {
  it('/proc/PID/mounts read → mount-observe, network-control, nfs-mount (2.76.3), and the /proc hint', () => {
    const s = suggestInterfaces(denial(lineOf('dmesg.log', 2)));
    expect(s.candidates).toEqual(['mount-observe', 'network-control', 'nfs-mount']);
    expect(s.privileged).toEqual(['browser-support', 'docker-support']);
    expect(s.hints).toEqual(["adjust program to not access '@{PROC}/@{pid}/mounts'"]);
  });

  it('capname="net_admin"', () => {
    const s = suggestInterfaces(aa('operation="capable" capability=12  capname="net_admin"'));
    expect(s.candidates).toEqual([
      'bluetooth-control',
      'firewall-control',
      'netlink-audit',
      'netlink-connector',
      'netlink-driver',
      'network-control',
      'qualcomm-ipc-router',
    ]);
    expect(s.privileged).toEqual(['kubernetes-support']);
    expect(s.hints).toEqual([HINTS.notRequireCap('net_admin'), HINTS.doNothing]);
  });

  it('family="netlink" sock_type="raw" → exactly the 8 interfaces with `network netlink raw,`', () => {
    const s = suggestInterfaces(aa('operation="create" family="netlink" sock_type="raw" protocol=15 requested_mask="create" denied_mask="create"'));
    expect(s.candidates).toEqual([
      'account-control',
      'hardware-observe',
      'kernel-crypto-api',
      'network-control',
      'network-observe',
      'raw-input',
      'unity7',
      'x11',
    ]);
    expect(s.privileged).toEqual([]);
  });

  it('network rules match family and type exactly: bare `network netlink,` does not count for raw', () => {
    const raw = suggestInterfaces(aa('operation="create" family="netlink" sock_type="raw" denied_mask="create"'));
    expect(raw.candidates).not.toContain('netlink-audit');
    const dgram = suggestInterfaces(aa('operation="create" family="netlink" sock_type="dgram" denied_mask="create"'));
    expect(dgram.candidates).toEqual(['kernel-crypto-api', 'network', 'network-bind', 'network-control', 'network-observe']);
    const inet = suggestInterfaces(aa('operation="create" family="inet" sock_type="stream" denied_mask="create"'));
    expect(inet.candidates).toEqual(['network', 'network-bind']); // via <abstractions/nameservice>
  });

  it('syscall sched_setattr → process-control (x86_64 314, aarch64 274)', () => {
    expect(suggestInterfaces(sc(314)).candidates).toEqual(['process-control']);
    expect(suggestInterfaces(sc(274, 'c00000b7')).candidates).toEqual(['process-control']);
  });

  it('capname="fsetid" → account-control only; the super-privileged ones apart', () => {
    const s = suggestInterfaces(denial(lineOf('dmesg.log', 4)));
    expect(s.candidates).toEqual(['account-control']);
    expect(s.privileged).toEqual(['browser-support', 'classic-support', 'greengrass-support', 'kubernetes-support']);
    expect(s.hints).toEqual(["adjust program to not require 'CAP_FSETID' (see 'man 7 capabilities')", HINTS.doNothing]);
  });

  it('syscall pkey_alloc → no interface at all', () => {
    const s = suggestInterfaces(denial(lineOf('dmesg.log', 9)));
    expect(s.candidates).toEqual([]);
    expect(s.privileged).toEqual([]);
    expect(s.hints).toEqual([HINTS.doNothing]);
  });

  it('syscall mount → cifs-mount, fuse-support, network-control, nfs-mount, usb-gadget', () => {
    const [, mount] = parseDenials(denialLog('lab-dmesg-seccomp.log'));
    expect(suggestInterfaces(mount as Denial).candidates).toEqual(['cifs-mount', 'fuse-support', 'network-control', 'nfs-mount', 'usb-gadget']);
  });

  it('ptrace read → system-observe; ptrace trace → nothing', () => {
    expect(suggestInterfaces(denial(lineOf('syslog.log', 15)))).toEqual({
      candidates: ['system-observe'],
      privileged: [],
      hints: [HINTS.doNothing],
    });
    expect(suggestInterfaces(denial(lineOf('dmesg.log', 6))).candidates).toEqual([]);
  });

  it('signal send → process-control', () => {
    const d = aa('operation="signal" class="signal" requested_mask="send" denied_mask="send" signal=term peer="unconfined"');
    expect(suggestInterfaces(d).candidates).toEqual(['process-control']);
  });
});

describe('files', () => {
  it('home: non-hidden files for the owner', () => {
    const s = suggestInterfaces(aa('operation="open" name="/home/ann/Documents/a.txt" requested_mask="wc" denied_mask="wc" fsuid=1000 ouid=1000'));
    expect(s.candidates).toEqual(['home']);
  });

  it('home: reading another user\'s file is only the read: all variant', () => {
    const s = suggestInterfaces(aa('operation="open" name="/home/ann/Documents/a.txt" requested_mask="r" denied_mask="r" fsuid=1000 ouid=1001'));
    expect(s.candidates).not.toContain('home');
    expect(s.privileged).toContain('home');
  });

  it('owner rules need fsuid == ouid: /proc/PID/mounts of another user leaves mount-observe out', () => {
    const s = suggestInterfaces(aa('operation="open" name="/proc/42/mounts" requested_mask="r" denied_mask="r" fsuid=1000 ouid=0'));
    expect(s.candidates).toEqual(['network-control']); // mount-observe and nfs-mount grant it to the owner only
  });

  it('a write is not granted by read-only rules', () => {
    const s = suggestInterfaces(aa('operation="open" name="/proc/42/mounts" requested_mask="w" denied_mask="w" fsuid=0 ouid=0'));
    expect(s.candidates).toEqual([]);
  });

  it('/dev/shm creation → shared-memory', () => {
    expect(suggestInterfaces(denial(lineOf('syslog.log', 3))).candidates).toEqual(['shared-memory']);
  });

  it('hardware-observe for DMI data; kernel-module-observe for module parameters', () => {
    const dmi = suggestInterfaces(aa('operation="open" name="/sys/devices/virtual/dmi/id/product_name" requested_mask="r" denied_mask="r" fsuid=0 ouid=0'));
    expect(dmi.candidates).toContain('hardware-observe');
    expect(suggestInterfaces(denial(lineOf('syslog.log', 10))).candidates).toEqual(['kernel-module-observe']);
  });

  it('hex-decoded paths are matched', () => {
    const d = parseDenials(denialLog('constructed.log'))[12] as Denial;
    expect(suggestInterfaces(d).candidates).toEqual(['home']);
  });

  it('nothing grants it: /run paths get snappy-debug\'s /run advice', () => {
    const s = suggestInterfaces(aa('operation="file_lock" name="/run/vc/vm/27b/pid" requested_mask="k" denied_mask="k" fsuid=0 ouid=0'));
    expect(s.candidates).toEqual([]);
    expect(s.hints).toEqual([HINTS.useSnapData, HINTS.useRunShm, HINTS.useRunSnap, HINTS.layouts]);
  });

  it('nothing grants it: write elsewhere, and personal-files for hidden files in home', () => {
    const s = suggestInterfaces(aa('operation="open" name="/home/ann/.myapp/state" requested_mask="wc" denied_mask="wc" fsuid=1000 ouid=1000'));
    expect(s.candidates).toEqual([]);
    expect(s.hints).toEqual([HINTS.writeElsewhere, HINTS.personalFiles]);
  });

  it('/proc/PID paths with no interface only get the not-access hint', () => {
    const s = suggestInterfaces(aa('operation="open" name="/proc/42/task/43/comm" requested_mask="w" denied_mask="w" fsuid=0 ouid=0'));
    expect(s.hints).toEqual(["adjust program to not access '@{PROC}/@{pid}/task/@{tid}/comm'"]);
  });

  it("D-Bus denials: the interfaces whose D-Bus rules in snapd's plug policy allow the message", () => {
    // bluez.go: dbus (send) bus=system peer=(name=org.bluez, label=unconfined)
    expect(suggestInterfaces(denial(lineOf('syslog.log', 2)))).toEqual({ candidates: ['bluez'], privileged: [], hints: [] });
    // screen_inhibit_control.go: dbus (send) bus=session path=/org/gnome/SessionManager interface=org.gnome.SessionManager member={Inhibit,Uninhibit}
    expect(suggestInterfaces(denial(lineOf('journal.log', 7))).candidates).toEqual(['screen-inhibit-control']);
    // hostname_control.go: member=Set{,Pretty,Static}Hostname (an alternation with commas inside the rule)
    const hostname = (member: string) =>
      aa(`operation="dbus_method_call" bus="system" path="/org/freedesktop/hostname1" interface="org.freedesktop.hostname1" member="${member}" mask="send" name="org.freedesktop.hostname1" label="snap.foo.bar" peer_label="unconfined"`);
    expect(suggestInterfaces(hostname('SetStaticHostname')).candidates).toContain('hostname-control');
    expect(suggestInterfaces(hostname('SetLocation')).candidates).not.toContain('hostname-control');
  });

  it('D-Bus: a rule for a named peer label does not allow a message to another peer; super-privileged ones are named apart', () => {
    // The Unity launcher signal went to hplip's systray, not to an unconfined peer: unity7's rule
    // (peer=(label=unconfined)) does not allow it; desktop's (no label) does.
    const s = suggestInterfaces(denial(lineOf('syslog.log', 14)));
    expect(s.candidates).toContain('desktop');
    expect(s.candidates).not.toContain('unity7');
    // shutdown's plugs may not be installed by ordinary snaps (allow-installation: false)
    const reboot = aa(`operation="dbus_method_call" bus="system" path="/org/freedesktop/login1" interface="org.freedesktop.login1.Manager" member="Reboot" mask="send" name="org.freedesktop.login1" label="snap.foo.bar" peer_label="unconfined"`);
    expect(suggestInterfaces(reboot).privileged).toContain('shutdown');
    expect(suggestInterfaces(reboot).candidates).not.toContain('shutdown');
  });

});

describe('unix sockets (unix-policy.json)', () => {
  it("opengl's rule for Xorg's peer label allows the unnamed socket pair passed from Xorg (snapd#15181)", () => {
    expect(suggestInterfaces(denial(lineOf('unix-mount.log', 1)))).toEqual({ candidates: ['opengl'], privileged: [], hints: [] });
  });

  it("the same socket pair from another peer: no rule names it (opengl's names Xorg)", () => {
    const other = lineOf('unix-mount.log', 1).replace('peer="Xorg"', 'peer="unconfined"');
    expect(suggestInterfaces(denial(other))).toEqual({ candidates: [], privileged: [], hints: [] });
  });

  it("docker's containerd-shim socket (abstract, hex decoded, the kernel's NUL dropped): only docker-support, which is super-privileged", () => {
    // docker_support.go: unix (bind,listen) type=stream addr="@/containerd-shim/**.sock\x00",
    expect(suggestInterfaces(denial(lineOf('dmesg.log', 14)))).toEqual({ candidates: [], privileged: ['docker-support'], hints: [] });
  });

  it('an unnamed dgram bind: no plug an ordinary snap may use grants it', () => {
    // docker-support and kubernetes-support (its autobind-unix snippet) have `unix (bind) type=dgram,`
    expect(suggestInterfaces(denial(lineOf('dmesg.log', 13)))).toEqual({ candidates: [], privileged: ['docker-support', 'kubernetes-support'], hints: [] });
  });

  it("the X server's abstract socket: x11 and unity7, through <abstractions/X> that both include", () => {
    // the format of unix-mount.log line 1 (snapd#15181), connecting to display :0
    const x = (peerAddr: string) =>
      aa(`operation="connect" class="net" family="unix" sock_type="stream" protocol=0 requested_mask="send receive connect" denied_mask="send connect" addr=none peer_addr="${peerAddr}" peer="unconfined"`);
    expect(suggestInterfaces(x('@/tmp/.X11-unix/X0')).candidates).toEqual(['unity7', 'x11']);
    // ICE: x11's snippet denies it, so neither is named
    expect(suggestInterfaces(x('@/tmp/.ICE-unix/1234')).candidates).toEqual([]);
  });

  it('operations and type must be granted: a connect is not a bind, a dgram is not a stream', () => {
    // firewall_control.go: unix (bind, listen) type=stream addr="@xtables",
    const bind = (fields: string) => aa(`operation="bind" family="unix" sock_type="stream" protocol=0 addr="@xtables" ${fields}`);
    expect(suggestInterfaces(bind('requested_mask="bind" denied_mask="bind"')).candidates).toEqual(['firewall-control']);
    expect(suggestInterfaces(bind('requested_mask="connect" denied_mask="connect"')).candidates).toEqual([]);
    const dgram = aa('operation="bind" family="unix" sock_type="dgram" protocol=0 requested_mask="bind" denied_mask="bind" addr="@xtables"');
    expect(suggestInterfaces(dgram).candidates).toEqual([]);
  });

  it("a peer that must be the slot's snap: a snap label fits, an unconfined peer or none logged does not", () => {
    // mir.go: unix (receive, send) type=seqpacket addr=none peer=(label=###SLOT_SECURITY_TAGS###),
    const send = (peer: string) => aa(`operation="sendmsg" family="unix" sock_type="seqpacket" protocol=0 requested_mask="send" denied_mask="send" addr=none peer_addr=none${peer}`);
    expect(suggestInterfaces(send(' peer="snap.mir-kiosk.mir-kiosk"')).candidates).toContain('mir');
    expect(suggestInterfaces(send(' peer="unconfined"')).candidates).not.toContain('mir');
    expect(suggestInterfaces(send('')).candidates).not.toContain('mir');
  });
});

describe('mounts (mount-policy.json)', () => {
  it("umount of a network namespace: network-control's `umount /run/netns/*,` (snapd#15171)", () => {
    expect(suggestInterfaces(denial(lineOf('unix-mount.log', 2)))).toEqual({ candidates: ['network-control'], privileged: [], hints: [] });
  });

  it("snap-update-ns bind-mounting /etc/apparmor.d and snap-confine's tmpfs: no plug grants them", () => {
    expect(suggestInterfaces(denial(lineOf('dmesg.log', 15)))).toEqual({ candidates: [], privileged: [], hints: [] });
    expect(suggestInterfaces(denial(lineOf('dmesg.log', 16)))).toEqual({ candidates: [], privileged: [], hints: [] });
  });

  it('flags are matched as a set: rshared on /run/netns/ is network-control\'s, private is nobody\'s', () => {
    // network_control.go: mount options=(rw, rshared) -> /run/netns/,
    const netns = (flags: string) => aa(`operation="mount" class="mount" info="failed flags match" error=-13 name="/run/netns/" flags="${flags}"`);
    expect(suggestInterfaces(netns('rw, rshared')).candidates).toEqual(['network-control']);
    expect(suggestInterfaces(netns('rw, private')).candidates).toEqual([]);
  });

  it("a rule that needs a type or a source the line does not carry is not taken; the snap's own directories only", () => {
    // nfs_mount.go: mount fstype=nfs{,4} *:** -> /var/snap/{@{SNAP_NAME},@{SNAP_INSTANCE_NAME}}/common/{,**},
    const nfs = (snap: string, fields: string) =>
      denial(`audit: type=1400 audit(1700000000.000:1): apparmor="DENIED" operation="mount" class="mount" info="failed mntpnt match" error=-13 profile="snap.${snap}.app" name="/var/snap/foo/common/share/" pid=1 comm="mount.nfs" ${fields}`);
    expect(suggestInterfaces(nfs('foo', 'fstype="nfs4" srcname="server:/export"')).candidates).toEqual(['nfs-mount']);
    expect(suggestInterfaces(nfs('foo', 'srcname="server:/export"')).candidates).toEqual([]);
    expect(suggestInterfaces(nfs('bar', 'fstype="nfs4" srcname="server:/export"')).candidates).toEqual([]);
  });
});

describe('memo', () => {
  it('two unix denials that differ only in their peer do not share an answer', () => {
    const xorg = denial(lineOf('unix-mount.log', 1));
    const other = denial(lineOf('unix-mount.log', 1).replace('peer="Xorg"', 'peer="snap.other.app"'));
    expect(suggestInterfaces(xorg).candidates).toEqual(['opengl']);
    expect(suggestInterfaces(other).candidates).toEqual([]);
    expect(suggestInterfaces(xorg).candidates).toEqual(['opengl']);
  });

  it('two unix denials that differ only in their address do not share an answer', () => {
    const at = (addr: string) => aa(`operation="bind" family="unix" sock_type="stream" protocol=0 requested_mask="bind" denied_mask="bind" addr="${addr}"`);
    expect(suggestInterfaces(at('@xtables')).candidates).toEqual(['firewall-control']);
    expect(suggestInterfaces(at('@other')).candidates).toEqual([]);
  });

  it('two mount denials at the same mount point with other flags, type or source do not share an answer', () => {
    const netns = (fields: string) => aa(`operation="mount" class="mount" info="failed flags match" error=-13 name="/run/netns/" ${fields}`);
    expect(suggestInterfaces(netns('flags="rw, rshared"')).candidates).toEqual(['network-control']);
    expect(suggestInterfaces(netns('flags="rw, private"')).candidates).toEqual([]);
    expect(suggestInterfaces(netns('srcname="/run/netns/" flags="rw, bind"')).candidates).toEqual(['network-control']);
    expect(suggestInterfaces(netns('srcname="/etc/" flags="rw, bind"')).candidates).toEqual([]);
  });
});

describe('behaviour', () => {
  it('answers are copies: callers may mutate them', () => {
    const d = denial(lineOf('dmesg.log', 4));
    suggestInterfaces(d).candidates.push('x');
    expect(suggestInterfaces(d).candidates).toEqual(['account-control']);
  });

  it('never throws, also on odd denials', () => {
    for (const line of denialLog('garbage.log').split('\n')) {
      for (const d of parseDenials(line)) expect(() => suggestInterfaces(d)).not.toThrow();
    }
  });

  it("snappy-debug's plug line", () => {
    expect(plugAdvice([])).toBeNull();
    expect(plugAdvice(['home'])).toBe("add 'home' to 'plugs'");
    expect(plugAdvice(['mount-observe', 'network-control'])).toBe("add one of 'mount-observe, network-control' to 'plugs'");
  });
});
