import { describe, expect, it } from 'vitest';
import { countSuppressed, parseDenials } from './parse';
import { denialLog, lineOf, one } from '../../test/support/denial-fixtures';

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
    const [skype, sentry] = parseDenials(denialLog('dmesg-human.log'));
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
    const [iso, precise, rfc3339] = parseDenials(denialLog('constructed.log'));
    expect(iso?.time).toBe('2020-07-09T10:04:52.000Z');
    expect(precise?.time).toBe('Jul 09 12:04:52.233146');
    // the audit(epoch) stamp wins over the prefix
    expect(rfc3339?.time).toBe('2024-09-18T11:10:40.181Z');
  });

  it('journalctl -o json: MESSAGE as text or as a byte array', () => {
    const ds = parseDenials(denialLog('constructed.log'));
    expect(ds[3]).toMatchObject({ kind: 'apparmor', time: '2020-07-09T12:04:52.233Z', operation: 'file_inherit', access: ['a'] });
    expect(ds[4]).toMatchObject({ snap: 'standard-notes', path: '/home/chshrc/café.txt', time: '2021-01-30T14:34:29.344Z' });
  });

  it('bare audit:, bare AVC, snappy-debug Log: lines and a GUI log viewer clock', () => {
    const ds = parseDenials(denialLog('journal.log'));
    expect(ds[0]).toMatchObject({ kind: 'seccomp', arch: 'arm', syscall: 'clock_gettime64', time: '2020-04-24T20:14:51.439Z' });
    expect(ds[3]).toMatchObject({ time: '07:41:34 PM', path: '/etc/' });
    expect(ds[7]).toMatchObject({ snap: 'htop', path: '/proc/2599/task/2600/' });
    expect(ds[8]).toMatchObject({ snap: 'microk8s', app: 'daemon-cluster-agent', capability: 'fsetid' });
    expect(ds[9]).toMatchObject({ kind: 'seccomp', syscall: 'pkey_alloc', syscallNumber: 330, snap: 'electron-builder-snap-test' });
  });

  it("auditd's audit.log: type=AVC / type=SECCOMP, ausearch -i interpreted values, SYSCALL records skipped", () => {
    const ds = parseDenials(denialLog('auditd.log'));
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
describe('garbage, truncated and hostile input', () => {
  it('never throws, keeps order, skips what is not a denial', () => {
    const text = denialLog('garbage.log');
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
      const text = denialLog(name);
      for (const d of parseDenials(text)) expect(text.includes(d.raw)).toBe(true);
    }
  });
});

describe('countSuppressed', () => {
  it('sums kauditd_printk_skb only', () => {
    expect(countSuppressed(denialLog('dmesg.log'))).toBe(150 + 231);
    expect(countSuppressed('quiet_error: 48 callbacks suppressed')).toBe(0);
    expect(countSuppressed('')).toBe(0);
  });
});
