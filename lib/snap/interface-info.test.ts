import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { INTERFACE_INFO, describeInterface, interfaceInfo, type InterfaceInfo } from './interface-info';

// The sources the table is checked against, vendored in the repository so the checks run
// on every clone: snapd 2.76.3's plug-side policy, and snapd 2.57.6's own interface list.
const POLICY_JSON = fileURLToPath(new URL('../denials/policy.json', import.meta.url));
const SNAPD_INTERFACES = fileURLToPath(new URL('../../test/fixtures/snapd-lab/11-snap-interface-all.stdout', import.meta.url));

const entries = Object.entries(INTERFACE_INFO);
const covered = (name: string): InterfaceInfo => {
  const info = interfaceInfo(name);
  if (!info) throw new Error(`no entry for ${name}`);
  return info;
};

// snap-reference.md §5.3: interfaces the strict MicroK8s snap (1.31-strict) plugs.
const MICROK8S_PLUG_INTERFACES = [
  'account-control', 'cifs-mount', 'content', 'docker-support', 'firewall-control', 'fuse-support',
  'hardware-observe', 'home', 'kernel-crypto-api', 'kernel-module-control', 'kernel-module-observe',
  'kubernetes-support', 'log-observe', 'login-session-observe', 'mount-observe', 'network', 'network-bind',
  'network-control', 'network-observe', 'opengl', 'personal-files', 'process-control', 'system-observe',
];

// snap-reference.md §4.4: super-privileged interfaces named there (plug base declaration allow-installation: false).
const REFERENCE_SUPER_PRIVILEGED = [
  'docker-support', 'kubernetes-support', 'classic-support', 'greengrass-support', 'lxd-support', 'snapd-control',
  'system-files', 'personal-files', 'steam-support', 'mount-control',
];

// Plug-side `allow-installation: false` snippets in the snapd 2.57.6 binary of the lab host
// (/usr/lib/snapd/snapd, Debian 12). Interfaces with only slot-side snippets are not here.
const SNAPD_2_57_SUPER_PRIVILEGED_PLUGS = new Set([
  'block-devices', 'classic-support', 'desktop-launch', 'dm-crypt', 'docker-support', 'gpio-control',
  'greengrass-support', 'ion-memory-control', 'kernel-module-control', 'kernel-module-load', 'kubernetes-support',
  'lxd-support', 'microstack-support', 'mount-control', 'multipass-support', 'packagekit-control', 'personal-files',
  'polkit', 'sd-control', 'snap-refresh-control', 'snap-themes-control', 'snapd-control', 'steam-support',
  'system-files', 'tee', 'uinput', 'unity8', 'xilinx-dma',
]);
// Same binary: base declarations with no deny-auto-connection at all, and those where it is conditional.
const SNAPD_2_57_AUTO_CONNECT = new Set([
  'audio-playback', 'content', 'desktop', 'desktop-legacy', 'gsettings', 'media-hub', 'mir', 'network', 'network-bind',
  'network-status', 'online-accounts-service', 'opengl', 'screen-inhibit-control', 'ubuntu-download-manager', 'unity7',
  'unity8', 'upower-observe',
]);
const SNAPD_2_57_CONDITIONAL_AUTO_CONNECT = new Set(['browser-support', 'home', 'optical-drive', 'wayland', 'x11']);
// Covered interfaces added to snapd after 2.57.6 (not in the lab's binary or `snap interface --all`).
const NEWER_THAN_2_57 = new Set(['nvidia-drivers-support']);

describe('INTERFACE_INFO data', () => {
  it('covers every interface the strict MicroK8s snap plugs', () => {
    const missing = MICROK8S_PLUG_INTERFACES.filter((n) => !interfaceInfo(n));
    expect(missing).toEqual([]);
  });

  it('covers the common server and desktop interfaces', () => {
    const common = [
      'audio-playback', 'audio-record', 'bluez', 'camera', 'desktop', 'desktop-legacy', 'gsettings', 'wayland', 'x11',
      'unity7', 'removable-media', 'raw-usb', 'serial-port', 'lxd-support', 'lxd', 'multipass-support', 'snapd-control',
      'system-files', 'system-trace', 'ssh-keys', 'ssh-public-keys', 'gpg-keys', 'password-manager-service', 'shutdown',
      'time-control', 'timezone-control', 'hostname-control', 'locale-control', 'network-manager',
      'network-setup-control', 'network-setup-observe', 'modem-manager', 'ppp', 'dbus', 'u2f-devices', 'joystick',
      'optical-drive', 'block-devices', 'raw-volume', 'physical-memory-observe', 'physical-memory-control',
      'mount-control', 'microstack-support', 'greengrass-support', 'classic-support', 'browser-support',
      'upower-observe', 'cups-control', 'cups', 'screen-inhibit-control', 'kvm', 'nvidia-drivers-support', 'gpio',
      'i2c', 'spi', 'hidraw', 'netlink-audit', 'netlink-connector', 'tpm', 'system-packages-doc',
    ];
    expect(common.filter((n) => !interfaceInfo(n))).toEqual([]);
  });

  it("uses snapd's interface naming rule and keys equal to names", () => {
    const rule = /^[a-z](?:-?[a-z0-9])*$/;
    for (const [key, info] of entries) {
      expect(key, key).toMatch(rule);
      expect(info.name).toBe(key);
    }
  });

  it('has complete, curated text for every entry', () => {
    for (const [key, info] of entries) {
      expect(info.title.trim(), key).not.toBe('');
      expect(info.title.length, key).toBeLessThanOrEqual(50);
      expect(info.grants, key).toMatch(/^[A-Z].*[.)]$/s);
      expect(info.riskReason, key).toMatch(/^[A-Z].*\.$/s);
      expect(['low', 'medium', 'high', 'critical']).toContain(info.risk);
      expect(info.generic, key).toBe(false);
      expect(Object.isFrozen(info), key).toBe(true);
    }
    expect(Object.isFrozen(INTERFACE_INFO)).toBe(true);
  });

  it('rates every super-privileged interface of the reference list critical or high', () => {
    for (const name of REFERENCE_SUPER_PRIVILEGED) {
      const info = covered(name);
      expect(info.superPrivileged, name).toBe(true);
      expect(['critical', 'high'], name).toContain(info.risk);
    }
  });

  it('rates the root-equivalent interfaces critical', () => {
    for (const name of ['docker-support', 'kubernetes-support', 'kernel-module-control', 'snapd-control', 'system-files']) {
      expect(covered(name).risk, name).toBe('critical');
    }
    for (const name of ['network-control', 'firewall-control', 'process-control', 'mount-control']) {
      expect(covered(name).risk, name).toBe('high');
    }
    for (const name of ['network', 'opengl', 'audio-playback']) expect(covered(name).risk, name).toBe('low');
  });

  it("matches snapd 2.57.6's base declaration for superPrivileged", () => {
    for (const [name, info] of entries) {
      if (NEWER_THAN_2_57.has(name)) continue;
      expect(info.superPrivileged, name).toBe(SNAPD_2_57_SUPER_PRIVILEGED_PLUGS.has(name));
    }
  });

  it("matches snapd 2.57.6's base declaration for autoConnect", () => {
    for (const [name, info] of entries) {
      if (NEWER_THAN_2_57.has(name)) {
        expect(info.autoConnect, name).toBe(false);
        continue;
      }
      const auto = SNAPD_2_57_AUTO_CONNECT.has(name) || SNAPD_2_57_CONDITIONAL_AUTO_CONNECT.has(name);
      expect(info.autoConnect, name).toBe(auto);
      // Conditional rules (and content's same-publisher rule) are spelled out.
      const conditional = SNAPD_2_57_CONDITIONAL_AUTO_CONNECT.has(name) || name === 'content';
      expect(info.autoConnectCondition !== undefined, name).toBe(conditional);
    }
    // Lab evidence: a fresh strict MicroK8s install on a classic host auto-connected exactly these.
    const autoOnInstall = MICROK8S_PLUG_INTERFACES.filter((n) => n !== 'content' && covered(n).autoConnect);
    expect(autoOnInstall.sort()).toEqual(['home', 'network', 'network-bind', 'opengl']);
  });
});

// ------------------------------------------------------------------ denial-policy.json (snapd 2.76.3)

interface PolicyRow {
  candidates: string[];
  alsoGrantedBy: string[];
  pattern?: string;
  perms?: string;
  capability?: string;
  rule?: string;
  syscall?: string;
}
interface Policy {
  files: PolicyRow[];
  capabilities: PolicyRow[];
  network: PolicyRow[];
  syscalls: PolicyRow[];
}
type Kind = 'file' | 'capability' | 'network' | 'syscall';

// A sample of `grants` claims: the policy rule behind it, and how the text says it.
const CLAIMS: { iface: string; kind: Kind; value: string; text: RegExp }[] = [
  { iface: 'mount-observe', kind: 'file', value: '@{PROC}/@{pid}/mounts', text: /\/proc\/\*\/mounts/ },
  { iface: 'mount-observe', kind: 'file', value: '/etc/fstab', text: /\/etc\/fstab/ },
  { iface: 'mount-observe', kind: 'syscall', value: 'quotactl', text: /quotactl/ },
  { iface: 'log-observe', kind: 'file', value: '/var/log/**', text: /\/var\/log/ },
  { iface: 'log-observe', kind: 'file', value: '/dev/kmsg', text: /\/dev\/kmsg/ },
  { iface: 'log-observe', kind: 'file', value: '/run/log/journal/**', text: /\/run\/log\/journal/ },
  { iface: 'log-observe', kind: 'capability', value: 'dac_override', text: /CAP_DAC_OVERRIDE/ },
  { iface: 'system-observe', kind: 'file', value: '@{PROC}/*/{,task/*/}cmdline', text: /cmdline/ },
  { iface: 'system-observe', kind: 'file', value: '@{PROC}/kallsyms', text: /\/proc\/kallsyms/ },
  { iface: 'system-observe', kind: 'file', value: '/boot/config*', text: /\/boot\/config/ },
  { iface: 'hardware-observe', kind: 'file', value: '@{PROC}/cpuinfo', text: /\/proc\/cpuinfo/ },
  { iface: 'hardware-observe', kind: 'file', value: '/{,usr/}bin/lsusb', text: /lsusb/ },
  { iface: 'network-control', kind: 'file', value: '/etc/hosts', text: /\/etc\/hosts/ },
  { iface: 'network-control', kind: 'file', value: '/run/netns/*', text: /\/run\/netns/ },
  { iface: 'network-control', kind: 'file', value: '/dev/net/tun', text: /tun/ },
  { iface: 'network-control', kind: 'capability', value: 'net_admin', text: /CAP_NET_ADMIN/ },
  { iface: 'network-control', kind: 'network', value: 'network packet,', text: /packet sockets/ },
  { iface: 'network-observe', kind: 'capability', value: 'net_raw', text: /CAP_NET_RAW/ },
  { iface: 'network-observe', kind: 'file', value: '/{,usr/}{,s}bin/ss', text: /\bss\b/ },
  { iface: 'network-bind', kind: 'syscall', value: 'listen', text: /listen/ },
  { iface: 'firewall-control', kind: 'capability', value: 'net_admin', text: /CAP_NET_ADMIN/ },
  { iface: 'firewall-control', kind: 'file', value: '/{,usr/}{,s}bin/iptables{,-save,-restore}', text: /iptables/ },
  { iface: 'process-control', kind: 'syscall', value: 'sched_setattr', text: /sched_setattr/ },
  { iface: 'process-control', kind: 'capability', value: 'kill', text: /CAP_KILL/ },
  { iface: 'kernel-module-control', kind: 'syscall', value: 'finit_module', text: /finit_module/ },
  { iface: 'kernel-module-control', kind: 'capability', value: 'sys_module', text: /CAP_SYS_MODULE/ },
  { iface: 'kernel-module-observe', kind: 'file', value: '@{PROC}/modules', text: /\/proc\/modules/ },
  { iface: 'kernel-crypto-api', kind: 'network', value: 'network alg seqpacket,', text: /AF_ALG/ },
  { iface: 'kernel-crypto-api', kind: 'file', value: '@{PROC}/crypto', text: /\/proc\/crypto/ },
  { iface: 'kubernetes-support', kind: 'file', value: '/run/systemd/private', text: /\/run\/systemd\/private/ },
  { iface: 'kubernetes-support', kind: 'syscall', value: 'setns', text: /setns/ },
  { iface: 'kubernetes-support', kind: 'capability', value: 'sys_ptrace', text: /CAP_SYS_PTRACE/ },
  { iface: 'docker-support', kind: 'file', value: '/dev/**', text: /every device under \/dev/ },
  { iface: 'docker-support', kind: 'file', value: '/sys/kernel/security/apparmor/.replace', text: /apparmor\/\.replace/ },
  { iface: 'snapd-control', kind: 'file', value: '/run/snapd.socket', text: /\/run\/snapd\.socket/ },
  { iface: 'lxd-support', kind: 'file', value: '/{,usr/}{,s}bin/aa-exec', text: /aa-exec/ },
  { iface: 'classic-support', kind: 'file', value: '/{,usr/}bin/sudo', text: /sudo/ },
  { iface: 'multipass-support', kind: 'file', value: '/{,usr/}sbin/apparmor_parser', text: /apparmor_parser/ },
  { iface: 'microstack-support', kind: 'file', value: '/dev/sev', text: /\/dev\/sev/ },
  { iface: 'greengrass-support', kind: 'syscall', value: 'pivot_root', text: /pivot_root/ },
  { iface: 'block-devices', kind: 'file', value: '/{,usr/}sbin/mke2fs', text: /mke2fs/ },
  { iface: 'block-devices', kind: 'capability', value: 'sys_rawio', text: /CAP_SYS_RAWIO/ },
  { iface: 'physical-memory-control', kind: 'file', value: '/dev/mem', text: /\/dev\/mem/ },
  { iface: 'physical-memory-observe', kind: 'file', value: '@{PROC}/@{pids}/pagemap', text: /pagemap/ },
  { iface: 'home', kind: 'file', value: '@{HOME}/[^s.]**', text: /non-hidden/ },
  { iface: 'home', kind: 'capability', value: 'dac_read_search', text: /CAP_DAC_READ_SEARCH/ },
  { iface: 'removable-media', kind: 'file', value: '/mnt/**', text: /\/mnt/ },
  { iface: 'ssh-keys', kind: 'file', value: '@{HOME}/.ssh/{,**}', text: /~\/\.ssh/ },
  { iface: 'ssh-public-keys', kind: 'file', value: '@{HOME}/.ssh/*.pub', text: /\*\.pub/ },
  { iface: 'gpg-keys', kind: 'file', value: '@{HOME}/.gnupg/{,**}', text: /~\/\.gnupg/ },
  { iface: 'time-control', kind: 'capability', value: 'sys_time', text: /CAP_SYS_TIME/ },
  { iface: 'hostname-control', kind: 'syscall', value: 'sethostname', text: /sethostname/ },
  { iface: 'timezone-control', kind: 'file', value: '/etc/{,writable/}localtime', text: /\/etc\/localtime/ },
  { iface: 'locale-control', kind: 'file', value: '/etc/default/locale', text: /\/etc\/default\/locale/ },
  { iface: 'fuse-support', kind: 'file', value: '/dev/fuse', text: /\/dev\/fuse/ },
  { iface: 'cifs-mount', kind: 'syscall', value: 'mount', text: /mount/ },
  { iface: 'account-control', kind: 'file', value: '/var/lib/extrausers/**', text: /\/var\/lib\/extrausers/ },
  { iface: 'login-session-observe', kind: 'file', value: '/var/log/wtmp', text: /\/var\/log\/wtmp/ },
  { iface: 'system-trace', kind: 'syscall', value: 'perf_event_open', text: /perf_event_open/ },
  { iface: 'camera', kind: 'file', value: '/dev/video[0-9]*', text: /\/dev\/video/ },
  { iface: 'wayland', kind: 'file', value: '/run/user/[0-9]*/wayland-[0-9]*', text: /wayland-/ },
  { iface: 'tpm', kind: 'file', value: '/dev/tpmrm[0-9]*', text: /\/dev\/tpmrm/ },
  { iface: 'uinput', kind: 'file', value: '/dev/uinput', text: /\/dev\/uinput/ },
  { iface: 'network-setup-control', kind: 'file', value: '/etc/netplan/{,**}', text: /\/etc\/netplan/ },
  { iface: 'ppp', kind: 'file', value: '/etc/ppp/**', text: /\/etc\/ppp/ },
  { iface: 'kvm', kind: 'file', value: '/dev/kvm', text: /\/dev\/kvm/ },
  { iface: 'docker', kind: 'file', value: '/{,var/}run/docker.sock', text: /docker\.sock/ },
  { iface: 'lxd', kind: 'file', value: '/var/snap/lxd/common/lxd/unix.socket', text: /lxd\/unix\.socket/ },
  { iface: 'libvirt', kind: 'file', value: '/run/libvirt/libvirt-sock', text: /libvirt-sock/ },
  { iface: 'nvidia-drivers-support', kind: 'syscall', value: 'mknod', text: /mknod/ },
  { iface: 'opengl', kind: 'file', value: '/dev/dri/renderD[0-9]*', text: /\/dev\/dri/ },
];

// Covered interfaces whose plug side has no file/capability/network/seccomp rule in the
// table (D-Bus only, or paths taken from plug/slot attributes at connect time).
const NOT_IN_POLICY_TABLE = new Set([
  'audio-record', 'avahi-control', 'content', 'dbus', 'gpio', 'hidraw', 'kernel-module-load', 'network-manager-observe',
  'network-status', 'packagekit-control', 'password-manager-service', 'personal-files', 'screen-inhibit-control',
  'serial-port', 'snap-refresh-control', 'snap-themes-control', 'spi', 'steam-support', 'system-files',
  'upower-observe',
]);

describe('agreement with denial-policy.json (snapd 2.76.3)', () => {
  const policy = JSON.parse(fs.readFileSync(POLICY_JSON, 'utf8')) as Policy;
  const rows = (): [Kind, PolicyRow][] => [
    ...(policy.files ?? []).map((r): [Kind, PolicyRow] => ['file', r]),
    ...(policy.capabilities ?? []).map((r): [Kind, PolicyRow] => ['capability', r]),
    ...(policy.network ?? []).map((r): [Kind, PolicyRow] => ['network', r]),
    ...(policy.syscalls ?? []).map((r): [Kind, PolicyRow] => ['syscall', r]),
  ];
  const value = (kind: Kind, r: PolicyRow) =>
    kind === 'file' ? r.pattern : kind === 'capability' ? r.capability : kind === 'network' ? r.rule : r.syscall;
  const candidates = new Set(rows().flatMap(([, r]) => r.candidates));
  const inPolicy = new Set(rows().flatMap(([, r]) => [...r.candidates, ...r.alsoGrantedBy]));

  it('names real interfaces: every covered interface with plug-side rules appears in the policy', () => {
    const absent = entries.map(([n]) => n).filter((n) => !NOT_IN_POLICY_TABLE.has(n) && !inPolicy.has(n));
    expect(absent).toEqual([]);
    // and the exception list only holds covered interfaces that really are absent
    for (const n of NOT_IN_POLICY_TABLE) {
      expect(interfaceInfo(n), n).not.toBeNull();
      expect(inPolicy.has(n), n).toBe(false);
    }
  });

  it("backs a sample of `grants` claims with the interface's own policy rules", () => {
    for (const c of CLAIMS) {
      const hit = rows().some(
        ([kind, r]) =>
          kind === c.kind && value(kind, r) === c.value && (r.candidates.includes(c.iface) || r.alsoGrantedBy.includes(c.iface)),
      );
      expect(hit, `${c.iface}: ${c.kind} ${c.value} in policy`).toBe(true);
      expect(covered(c.iface).grants, `${c.iface} grants mentions ${c.value}`).toMatch(c.text);
    }
  });

  it('never marks an interface super-privileged that ordinary snaps may plug (policy candidates)', () => {
    for (const [name, info] of entries) {
      if (info.superPrivileged) expect(candidates.has(name), name).toBe(false);
    }
  });

  it('marks super-privileged the covered interfaces the policy only lists as excluded', () => {
    // browser-support is excluded by the table's method (never suggested), not because it is super-privileged.
    // shutdown: 2.76.3 lists it only as excluded (for `bind`), but the 2.57.6 base declaration has no plug rule
    // for it; kept as not super-privileged until checked against 2.76.3's shutdown.go.
    const notSuper = new Set(['browser-support', 'shutdown']);
    for (const [name, info] of entries) {
      if (inPolicy.has(name) && !candidates.has(name) && !notSuper.has(name)) expect(info.superPrivileged, name).toBe(true);
    }
  });
});

// ------------------------------------------------------------------ `snap interface --all` (snapd 2.57.6)

describe("agreement with snapd's interface list", () => {
  const text = fs.readFileSync(SNAPD_INTERFACES, 'utf8');
  const summaries = new Map(
    text
      .split('\n')
      .slice(1)
      .map((l) => /^(\S+)\s+(.*)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!, m[2]!]),
  );

  it('every covered interface (bar newer ones) is one snapd knows', () => {
    const unknown = entries.map(([n]) => n).filter((n) => !NEWER_THAN_2_57.has(n) && !summaries.has(n));
    expect(unknown).toEqual([]);
  });

  it("falls back to snapd's summary for interfaces without an entry", () => {
    const name = 'acrn-support';
    expect(interfaceInfo(name)).toBeNull();
    const info = describeInterface(name, summaries.get(name));
    expect(info.generic).toBe(true);
    expect(info.grants).toContain('operating managing the ACRN hypervisor');
  });
});

// ------------------------------------------------------------------ lookup and fallback

describe('interfaceInfo / describeInterface', () => {
  it('returns the curated entry and ignores the summary for known interfaces', () => {
    const info = describeInterface('mount-observe', 'allows reading mount table and quota information');
    expect(info).toBe(INTERFACE_INFO['mount-observe']);
    expect(info.generic).toBe(false);
    expect(interfaceInfo('log-observe')?.title).toBe('Read system logs');
  });

  it('marks unknown interfaces as generic and uses snapd summary', () => {
    const info = describeInterface('acrn-support', 'allows operating managing the ACRN hypervisor');
    expect(info).toMatchObject({
      name: 'acrn-support',
      title: 'Acrn support',
      risk: 'unknown',
      generic: true,
      superPrivileged: false,
      autoConnect: false,
    });
    expect(info.grants).toBe("snapd's summary: Allows operating managing the ACRN hypervisor.");
    expect(info.riskReason).toMatch(/unknown/);
    expect(Object.isFrozen(info)).toBe(true);
  });

  it('still describes an unknown interface when snapd gave no summary', () => {
    for (const summary of [undefined, '', '   ']) {
      const info = describeInterface('frobnicate-control', summary);
      expect(info.generic).toBe(true);
      expect(info.title).toBe('Frobnicate control');
      expect(info.grants).toBe('No description of this interface is known here, and snapd gave none.');
    }
  });

  it('does not treat Object.prototype keys as interfaces', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(interfaceInfo(name), name).toBeNull();
      expect(describeInterface(name).generic, name).toBe(true);
    }
  });
});
