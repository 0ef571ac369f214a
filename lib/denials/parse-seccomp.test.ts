import { describe, expect, it } from 'vitest';
import { parseDenials } from './parse';
import { resolveSyscall } from './parse-seccomp';
import { denialLog, lineOf, one } from '../../test/support/denial-fixtures';

describe('seccomp', () => {
  it('lab lines without AppArmor: no subj, exe inside the mount namespace → no snap', () => {
    const [unshare, mount] = parseDenials(denialLog('lab-dmesg-seccomp.log'));
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
    expect(parseDenials(denialLog('constructed.log'))[15]).toMatchObject({ action: 'log', syscall: 'mount', snap: 'lab-denials', app: 'mount' });
  });

  it('every architecture, and 32-bit compat on 64-bit kernels', () => {
    const ds = parseDenials(denialLog('constructed.log')).slice(5, 12);
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
    const ds = parseDenials(denialLog('garbage.log')).filter((d) => d.kind === 'seccomp');
    expect(ds.map((d) => [d.arch, d.syscallNumber, d.syscall])).toEqual([
      ['x86_64', 999999, null],
      ['deadbeef', 12, null],
    ]);
  });
});
