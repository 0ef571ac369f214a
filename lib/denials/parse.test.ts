import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { countSuppressed, parseDenials, parseSnapSubject, resolveSyscall, type Denial } from './parse';

// Real public log lines; test/fixtures/denials/SOURCES.md gives the source of every line.
const FIXTURES = fileURLToPath(new URL('../../test/fixtures/denials/', import.meta.url));
const fixture = (name: string): string => readFileSync(`${FIXTURES}${name}`, 'utf8');
const lineOf = (name: string, n: number): string => fixture(name).split('\n')[n - 1] ?? '';
const one = (line: string): Denial => {
  const ds = parseDenials(line);
  expect(ds).toHaveLength(1);
  return ds[0] as Denial;
};

describe('prefixes', () => {
  it('syslog with hostname and uptime: time from audit(epoch), snap/app from the profile', () => {
    const d = one(lineOf('syslog.log', 1));
    expect(d).toMatchObject({
      kind: 'apparmor',
      time: '2021-01-30T14:34:29.344Z',
      snap: 'standard-notes',
      app: 'standard-notes',
      hook: null,
      profile: 'snap.standard-notes.standard-notes',
      operation: 'open',
      path: '/home/chshrc/.dotfiles/config/.config/gtk-3.0/settings.ini',
      access: ['r'],
      action: 'denied',
      pid: 21631,
      comm: 'standard-notes',
      fsuid: 1000,
      ouid: 1000,
    });
    expect(d.raw).toBe(lineOf('syslog.log', 1));
  });

  it('dmesg uptime stamps, also indented as pasted', () => {
    const d = one(lineOf('dmesg.log', 5));
    expect(d).toMatchObject({ snap: 'microk8s', app: null, hook: 'disconnect-plug-network-control', capability: 'sys_module' });
    expect(d.time).toBe('2021-09-27T10:55:35.247Z');
  });

  it('dmesg -H relative stamps and dmesg -T dates', () => {
    const [skype, sentry] = parseDenials(fixture('dmesg-human.log'));
    expect(skype).toMatchObject({ kind: 'seccomp', snap: 'skype', app: 'skype', syscall: 'pkey_alloc', time: '2025-02-21T10:06:48.788Z' });
    expect(sentry).toMatchObject({ snap: 'sentry', app: 'web', path: '/proc/425/mounts' });
  });

  it('printk priority prefix <5>', () => {
    const d = one(lineOf('dmesg-human.log', 4));
    expect(d).toMatchObject({ kind: 'seccomp', arch: 'arm', syscall: 'setresuid32', syscallNumber: 208, action: 'kill_process' });
  });

  it('journald audit transport (audit[PID]: AVC / SECCOMP) keeps the syslog time as printed', () => {
    const avc = one(lineOf('syslog.log', 9));
    expect(avc).toMatchObject({ kind: 'apparmor', time: 'Apr 14 15:21:37', family: 'unix', sockType: 'stream', access: ['create'] });
    const seccomp = one(lineOf('journal.log', 2));
    expect(seccomp).toMatchObject({ kind: 'seccomp', time: null, arch: 'arm', syscall: 'utimensat_time64', syscallNumber: 412 });
  });

  it('journalctl short-iso, short-precise and RFC 3339 prefixes', () => {
    const [iso, precise, rfc3339] = parseDenials(fixture('constructed.log'));
    expect(iso?.time).toBe('2020-07-09T10:04:52.000Z');
    expect(precise?.time).toBe('Jul 09 12:04:52.233146');
    // the audit(epoch) stamp wins over the prefix
    expect(rfc3339?.time).toBe('2024-09-18T11:10:40.181Z');
  });

  it('journalctl -o json: MESSAGE as text or as a byte array', () => {
    const ds = parseDenials(fixture('constructed.log'));
    expect(ds[3]).toMatchObject({ kind: 'apparmor', time: '2020-07-09T12:04:52.233Z', operation: 'file_inherit', access: ['a'] });
    expect(ds[4]).toMatchObject({ snap: 'standard-notes', path: '/home/chshrc/café.txt', time: '2021-01-30T14:34:29.344Z' });
  });

  it('bare audit:, bare AVC, snappy-debug Log: lines and a GUI log viewer clock', () => {
    const ds = parseDenials(fixture('journal.log'));
    expect(ds[0]).toMatchObject({ kind: 'seccomp', arch: 'arm', syscall: 'clock_gettime64', time: '2020-04-24T20:14:51.439Z' });
    expect(ds[3]).toMatchObject({ time: '07:41:34 PM', path: '/etc/' });
    expect(ds[7]).toMatchObject({ snap: 'htop', path: '/proc/2599/task/2600/' });
    expect(ds[8]).toMatchObject({ snap: 'microk8s', app: 'daemon-cluster-agent', capability: 'fsetid' });
    expect(ds[9]).toMatchObject({ kind: 'seccomp', syscall: 'pkey_alloc', syscallNumber: 330, snap: 'electron-builder-snap-test' });
  });

  it("auditd's audit.log: type=AVC / type=SECCOMP, ausearch -i interpreted values, SYSCALL records skipped", () => {
    const ds = parseDenials(fixture('auditd.log'));
    expect(ds.map((d) => d.kind)).toEqual(['apparmor', 'apparmor', 'seccomp', 'seccomp', 'apparmor', 'apparmor']);
    expect(ds[0]).toMatchObject({ operation: 'mount', profile: '/usr/lib/snapd/snap-confine', path: '/tmp/snap.rootfs_a8t3aV/' });
    expect(ds[0]?.mount).toEqual({ fstype: 'tmpfs', srcname: 'none', flags: null });
    expect(ds[1]).toMatchObject({ action: 'allowed', fsuid: 1000, ouid: null }); // "ouid=0FSUID=…" as pasted
    expect(ds[2]).toMatchObject({ arch: 's390x', syscall: 'sigreturn', syscallNumber: 119, action: 'kill_process' });
    expect(ds[3]).toMatchObject({ arch: 'aarch64', syscall: 'faccessat', syscallNumber: null, action: 'kill_thread', time: '03/04/2025 07:39:37.599' });
    expect(ds[5]).toMatchObject({ operation: 'userns_create', access: ['userns_create'] });
  });

  it("auditd's \\x1d-separated enrichment is a field separator", () => {
    const line =
      'type=SECCOMP msg=audit(1669382477.611:459): auid=4294967295 uid=0 gid=0 ses=4294967295 pid=6649 comm="virtiofsd" exe="/usr/libexec/virtiofsd" sig=31 arch=80000016 syscall=119 compat=0 ip=0x3fff15f748a code=0x80000000\x1dAUID="unset" ARCH=s390x SYSCALL=sigreturn';
    expect(one(line)).toMatchObject({ syscall: 'sigreturn', action: 'kill_process', comm: 'virtiofsd' });
  });

  it('CRLF line ends', () => {
    const text = `${lineOf('dmesg.log', 1)}\r\n${lineOf('dmesg.log', 2)}\r\n`;
    const ds = parseDenials(text);
    expect(ds).toHaveLength(2);
    expect(ds[1]?.fsuid).toBe(0);
    expect(ds[1]?.ouid).toBe(0);
  });
});

describe('denial kinds', () => {
  it('file: letters of denied_mask', () => {
    expect(one(lineOf('syslog.log', 4)).access).toEqual(['w', 'c']);
    expect(one(lineOf('syslog.log', 3))).toMatchObject({ operation: 'mknod', path: '/dev/shm/mono.20414', access: ['c'] });
    expect(one(lineOf('dmesg.log', 1))).toMatchObject({ operation: 'exec', path: '/bin/systemctl', access: ['x'] });
  });

  it('capability (capname, two spaces before it)', () => {
    expect(one(lineOf('dmesg.log', 4))).toMatchObject({ operation: 'capable', capability: 'fsetid', path: null, access: [] });
  });

  it('network (family and sock_type)', () => {
    expect(one(lineOf('dmesg.log', 13))).toMatchObject({ operation: 'bind', family: 'unix', sockType: 'dgram', access: ['bind'], path: null });
  });

  it('ptrace (word masks, peer)', () => {
    expect(one(lineOf('dmesg.log', 6))).toMatchObject({ operation: 'ptrace', access: ['trace'], peer: 'unconfined' });
  });

  it('signal', () => {
    const d = parseDenials(fixture('constructed.log'))[14];
    expect(d).toMatchObject({ operation: 'signal', access: ['send'], signal: 'term', peer: 'unconfined', snap: 'microk8s' });
  });

  it('mount (snap-update-ns), with info and flags', () => {
    const d = one(lineOf('dmesg.log', 15));
    expect(d).toMatchObject({ operation: 'mount', path: '/etc/apparmor.d/', info: 'failed srcname match', snap: null });
    expect(d.mount).toEqual({ fstype: null, srcname: '/etc/apparmor.d/', flags: 'rw, bind' });
  });

  it('unix socket with an abstract address', () => {
    expect(one(lineOf('dmesg.log', 14))).toMatchObject({ family: 'unix', sockType: 'stream', snap: 'docker', app: 'dockerd' });
  });

  it('D-Bus relayed by the kernel (type=1107 msg=…): inner fields win, label= is the subject', () => {
    const d = one(lineOf('syslog.log', 2));
    expect(d).toMatchObject({ operation: 'dbus_method_call', snap: 'standard-notes', pid: 21631, access: ['send'], path: null });
    expect(d.dbus).toEqual({
      bus: 'system',
      path: '/',
      interface: 'org.freedesktop.DBus.ObjectManager',
      member: 'GetManagedObjects',
      name: 'org.bluez',
    });
  });

  it("D-Bus from dbus-daemon's own log: peer_label is the peer", () => {
    const d = one(lineOf('syslog.log', 14));
    expect(d).toMatchObject({ operation: 'dbus_signal', snap: 'signal-desktop', peer: '/usr/share/hplip/systray.py', time: 'Jun 19 08:32:00' });
    const session = one(lineOf('journal.log', 7));
    expect(session).toMatchObject({ snap: 'mattermost-desktop', peer: 'unconfined', time: null });
  });

  it('USER_AVC record split over two lines: the first line carries the denial, the tail is ignored', () => {
    const text = `${lineOf('journal.log', 5)}\n${lineOf('journal.log', 6)}`;
    const ds = parseDenials(text);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ snap: 'typeapp-mail', operation: 'dbus_method_call', pid: 2058 });
  });

  it('apparmor="ALLOWED" (complain / devmode) and STATUS lines', () => {
    expect(parseDenials(fixture('constructed.log'))[13]).toMatchObject({ action: 'allowed', snap: 'lab-devmode' });
    expect(parseDenials(lineOf('syslog.log', 7))).toEqual([]); // apparmor="STATUS"
  });

  it('AppArmor namespace of a container', () => {
    expect(one(lineOf('journal.log', 8)).namespace).toBe('root//lxd-NEXTCLOUD_<var-snap-lxd-common-lxd>');
  });

  it('non-snap subjects: snap-confine, snap-update-ns, foreign profiles have no snap', () => {
    expect(one(lineOf('dmesg.log', 7))).toMatchObject({ snap: null, profile: '/snap/snapd/20671/usr/lib/snapd/snap-confine' });
    expect(one(lineOf('dmesg.log', 10))).toMatchObject({ snap: null, profile: 'snap-update-ns.snapd-desktop-integration' });
    expect(one(lineOf('syslog.log', 17))).toMatchObject({ snap: null, profile: '/usr/lib/firefox/firefox{,*[^s][^h]}' });
  });
});

describe('hex-encoded values', () => {
  it('decodes an unquoted hex name (space in the path)', () => {
    expect(one(lineOf('syslog.log', 17)).path).toBe('/public/Choosing application.png');
    expect(parseDenials(fixture('constructed.log'))[12]?.path).toBe('/home/user/My Documents/a.txt');
  });

  it('leaves quoted values and odd-length or non-hex bare values alone', () => {
    expect(one('apparmor="DENIED" operation="open" profile="snap.a.b" name="2F7478" denied_mask="r"').path).toBe('2F7478');
    expect(one('apparmor="DENIED" operation="open" profile="snap.a.b" name=2F7 denied_mask="r"').path).toBe('2F7');
  });

  it('decodes hex-encoded comm and profile', () => {
    const d = one('apparmor="DENIED" operation="open" profile=736E61702E666F6F2E626172 name="/x" comm=6D7920617070 denied_mask="r"');
    expect(d).toMatchObject({ profile: 'snap.foo.bar', snap: 'foo', app: 'bar', comm: 'my app' });
  });
});

describe('seccomp', () => {
  it('lab lines without AppArmor: no subj, exe inside the mount namespace → no snap', () => {
    const [unshare, mount] = parseDenials(fixture('lab-dmesg-seccomp.log'));
    expect(unshare).toMatchObject({
      kind: 'seccomp',
      snap: null,
      profile: null,
      exe: '/usr/bin/busybox',
      arch: 'x86_64',
      syscall: 'unshare',
      syscallNumber: 272,
      action: 'errno',
      pid: 10846,
      time: '2026-11-22T10:52:47.218Z',
    });
    expect(mount).toMatchObject({ syscall: 'mount', syscallNumber: 165 });
  });

  it('exe="/snap/NAME/REV/…" names the snap when there is no subj', () => {
    expect(one(lineOf('syslog.log', 5))).toMatchObject({ snap: 'bitwarden', app: null, syscall: 'chown' });
    expect(one(lineOf('dmesg.log', 17))).toMatchObject({ snap: 'discord', syscall: 'sched_setaffinity' });
  });

  it('subj= gives snap and app', () => {
    expect(one(lineOf('dmesg.log', 9))).toMatchObject({ snap: 'signal-desktop', app: 'signal-desktop', syscall: 'pkey_alloc' });
  });

  it('old kill action (code=0x0) and devmode log action', () => {
    expect(one(lineOf('dmesg.log', 18))).toMatchObject({ action: 'kill_thread', syscall: 'socket', snap: null });
    expect(parseDenials(fixture('constructed.log'))[15]).toMatchObject({ action: 'log', syscall: 'mount', snap: 'lab-denials', app: 'mount' });
  });

  it('every architecture, and 32-bit compat on 64-bit kernels', () => {
    const ds = parseDenials(fixture('constructed.log')).slice(5, 12);
    expect(ds.map((d) => [d.arch, d.syscallNumber, d.syscall])).toEqual([
      ['aarch64', 274, 'sched_setattr'],
      ['ppc64le', 355, 'sched_setattr'],
      ['s390x', 345, 'sched_setattr'],
      ['riscv64', 274, 'sched_setattr'],
      ['x86', 351, 'sched_setattr'], // arch=40000003 compat=1
      ['x86', 351, 'sched_setattr'], // arch=c000003e compat=1 → the i386 table
      ['arm', 380, 'sched_setattr'], // arch=40000028 compat=1
    ]);
  });

  it('tables come from libseccomp, per architecture', () => {
    expect(resolveSyscall('x86_64', 314)).toBe('sched_setattr');
    expect(resolveSyscall('x86', 102)).toBe('socketcall');
    expect(resolveSyscall('aarch64', 280)).toBe('bpf');
    expect(resolveSyscall('arm', 0x0f0005)).toBe('set_tls');
    expect(resolveSyscall('riscv64', 259)).toBe('riscv_flush_icache');
    expect(resolveSyscall('x86_64', 99999)).toBeNull();
    expect(resolveSyscall('mips', 1)).toBeNull();
  });

  it('unknown numbers and architectures keep the number', () => {
    const ds = parseDenials(fixture('garbage.log')).filter((d) => d.kind === 'seccomp');
    expect(ds.map((d) => [d.arch, d.syscallNumber, d.syscall])).toEqual([
      ['x86_64', 999999, null],
      ['deadbeef', 12, null],
    ]);
  });
});

describe('garbage, truncated and hostile input', () => {
  it('never throws, keeps order, skips what is not a denial', () => {
    const text = fixture('garbage.log');
    expect(() => parseDenials(text)).not.toThrow();
    const ds = parseDenials(text);
    expect(ds.every((d) => d.kind === 'apparmor' || d.kind === 'seccomp')).toBe(true);
    // truncated AppArmor lines are read as far as they go
    expect(ds[0]).toMatchObject({ snap: 'foo', app: 'bar', path: '/etc/pass', access: [] });
    // an impossible epoch gives no time, not a throw
    expect(ds.find((d) => d.raw.includes('99999999999999999999'))?.time).toBeNull();
    // upper-case snap names are not snap names
    expect(ds.find((d) => d.profile === 'snap.UPPER.app')?.snap).toBeNull();
  });

  it('non-denial kernel lines and other rate-limit messages are ignored', () => {
    expect(parseDenials('[   16.583891] rfkill: input handler enabled\n[  180.769204] quiet_error: 48 callbacks suppressed')).toEqual([]);
  });

  it('odd inputs', () => {
    expect(parseDenials('')).toEqual([]);
    expect(parseDenials(undefined as unknown as string)).toEqual([]);
    expect(parseDenials('apparmor='.repeat(10_000))).toHaveLength(0);
    const long = `apparmor="DENIED" operation="open" profile="snap.a.b" name="/${'a'.repeat(100_000)}" denied_mask="r"`;
    expect(parseDenials(long)[0]?.path).toHaveLength(100_001);
    const many = Array.from({ length: 2000 }, () => 'k=v').join(' ');
    expect(() => parseDenials(`apparmor="DENIED" ${many}`)).not.toThrow();
  });

  it('every fixture line parses without throwing and every denial has its raw line', () => {
    for (const name of ['syslog.log', 'dmesg.log', 'dmesg-human.log', 'journal.log', 'auditd.log', 'constructed.log', 'garbage.log']) {
      const text = fixture(name);
      for (const d of parseDenials(text)) expect(text.includes(d.raw)).toBe(true);
    }
  });
});

describe('countSuppressed', () => {
  it('sums kauditd_printk_skb only', () => {
    expect(countSuppressed(fixture('dmesg.log'))).toBe(150 + 231);
    expect(countSuppressed('quiet_error: 48 callbacks suppressed')).toBe(0);
    expect(countSuppressed('')).toBe(0);
  });
});

describe('parseSnapSubject', () => {
  it('apps, hooks, instance keys, dbus-daemon suffixes and child profiles', () => {
    expect(parseSnapSubject('snap.foo_bar.app')).toEqual({ snap: 'foo_bar', app: 'app', hook: null });
    expect(parseSnapSubject('snap.foo.hook.configure')).toEqual({ snap: 'foo', app: null, hook: 'configure' });
    expect(parseSnapSubject('snap.foo.bar (enforce)')).toEqual({ snap: 'foo', app: 'bar', hook: null });
    expect(parseSnapSubject('snap.foo.bar//null-/usr/bin/x')).toEqual({ snap: 'foo', app: 'bar', hook: null });
    expect(parseSnapSubject('snap-update-ns.foo')).toBeNull();
    expect(parseSnapSubject('/usr/lib/snapd/snap-confine')).toBeNull();
    expect(parseSnapSubject('snap.foo')).toBeNull();
    expect(parseSnapSubject('snap..x')).toBeNull();
  });
});
