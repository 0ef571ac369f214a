import { describe, expect, it } from 'vitest';
import { compileGlob, grantedAccess, ownerAllows, permsCover, usesSnapVariables } from './glob';
import policy from './policy.json';

const matches = (glob: string, path: string, options = {}) => compileGlob(glob, options).test(path);

describe('compileGlob', () => {
  it('* stays inside one path segment, ** crosses segments', () => {
    expect(matches('/dev/input/*', '/dev/input/event3')).toBe(true);
    expect(matches('/dev/input/*', '/dev/input/by-id/x')).toBe(false);
    expect(matches('/dev/shm/**', '/dev/shm/a/b/c')).toBe(true);
    expect(matches('/boot/config*', '/boot/config-6.8.0')).toBe(true);
    expect(matches('/boot/config*', '/boot/config')).toBe(true); // * after a non-slash may be empty
  });

  it('after a slash, * and ** need at least one character: /dir/* and /dir/** do not match /dir/', () => {
    expect(matches('/tmp/*', '/tmp/')).toBe(false);
    expect(matches('/tmp/**', '/tmp/')).toBe(false);
    expect(matches('/tmp/{,**}', '/tmp/')).toBe(true);
    expect(matches('/tmp/{,**}', '/tmp/a/b')).toBe(true);
    expect(matches('/sys/devices/**', '/sys/devices')).toBe(false);
  });

  it('? is one character other than /', () => {
    expect(matches('/dev/tty?', '/dev/ttyS')).toBe(true);
    expect(matches('/dev/tty?', '/dev/tty')).toBe(false);
    expect(matches('/a?b', '/a/b')).toBe(false);
  });

  it('nested and empty alternations', () => {
    const g = '/var/lib/snapd/hostfs/{,usr/}lib{,32,64,x32}/{,@{multiarch}/}libcuda*.so{,.*}';
    expect(matches(g, '/var/lib/snapd/hostfs/usr/lib/x86_64-linux-gnu/libcuda.so.1')).toBe(true);
    expect(matches(g, '/var/lib/snapd/hostfs/lib64/libcuda.so')).toBe(true);
    expect(matches(g, '/var/lib/snapd/hostfs/usr/lib/libcudart.so')).toBe(true);
    expect(matches(g, '/var/lib/snapd/hostfs/usr/lib/libGL.so')).toBe(false);
    expect(matches('/a/{b,{c,d}e}', '/a/de')).toBe(true);
    expect(matches('/a/{b,{c,d}e}', '/a/ce')).toBe(true);
    expect(matches('/a/{b,{c,d}e}', '/a/e')).toBe(false);
  });

  it('character classes, ranges and negation (a negated class never matches /)', () => {
    expect(matches('/dev/hd[a-t]', '/dev/hdc')).toBe(true);
    expect(matches('/dev/hd[a-t]', '/dev/hdz')).toBe(false);
    expect(matches('/dev/tty[^0-9]*', '/dev/ttyUSB0')).toBe(true);
    expect(matches('/dev/tty[^0-9]*', '/dev/tty1')).toBe(false);
    expect(matches('@{HOME}/[^s.]**', '/home/ann/Documents/a')).toBe(true);
    expect(matches('@{HOME}/[^s.]**', '/home/ann/.bashrc')).toBe(false);
    expect(matches('@{HOME}/[^s.]**', '/home/ann/snap/x')).toBe(false);
    expect(matches('/x/[^a]', '/x//')).toBe(false);
  });

  it('escapes, quotes, placeholders and literal regex characters', () => {
    expect(matches('/{dev,run}/shm/\\#[0-9]*', '/run/shm/#12')).toBe(true);
    expect(matches('"/dev/shm/**"', '/dev/shm/x')).toBe(true);
    expect(matches('/run/user/[0-9]*/###SLOT_SECURITY_TAGS###/pulse/native', '/run/user/1000/snap.pulseaudio.pulseaudio/pulse/native')).toBe(true);
    expect(matches('/sys/bus/i2c/devices/%s/**', '/sys/bus/i2c/devices/i2c-1/name')).toBe(true);
    expect(matches('/usr/lib/libc.so.6', '/usr/lib/libcXso.6')).toBe(false);
    expect(matches('/dev/char/[0-9]*:[0-9]*', '/dev/char/195:255')).toBe(true);
    expect(matches('/a+b/(c)', '/a+b/(c)')).toBe(true);
  });

  it('@{PROC}, @{pid}, @{pids}, @{tid}: /proc and pids without leading zeros', () => {
    expect(matches('@{PROC}/@{pid}/mounts', '/proc/29913/mounts')).toBe(true);
    expect(matches('@{PROC}/@{pid}/mounts', '/proc/self/mounts')).toBe(false);
    expect(matches('@{PROC}/@{pid}/mounts', '/proc/0123/mounts')).toBe(false);
    expect(matches('@{PROC}/@{pids}/task/@{tid}/sched', '/proc/12/task/13/sched')).toBe(true);
    expect(matches('@{PROC}/@{pid}/mounts', '/proc/12345678901/mounts')).toBe(false);
  });

  it('@{HOME} is /home/USER or /root', () => {
    expect(matches('@{HOME}/', '/home/ann/')).toBe(true);
    expect(matches('@{HOME}/', '/root/')).toBe(true);
    expect(matches('@{HOME}/', '/home/')).toBe(false);
    expect(matches('@{HOME}/.ssh/*.pub', '/home/ann/.ssh/id_ed25519.pub')).toBe(true);
    expect(matches('@{HOME}/.ssh/*.pub', '/home/ann/x/.ssh/id.pub')).toBe(false);
  });

  it('@{multiarch}, @{INSTALL_DIR}, @{SNAP_REVISION}, @{SNAP_COREUTIL_DIRS}', () => {
    expect(matches('/usr/lib/@{multiarch}/pango/**', '/usr/lib/aarch64-linux-gnu/pango/x')).toBe(true);
    const k8s = '@{INSTALL_DIR}/{@{SNAP_NAME},@{SNAP_INSTANCE_NAME}}/@{SNAP_REVISION}/@{SNAP_COREUTIL_DIRS}true';
    expect(matches(k8s, '/snap/microk8s/8147/usr/bin/true')).toBe(true);
    expect(matches(k8s, '/var/lib/snapd/snap/microk8s/x1/bin/true')).toBe(true);
    expect(matches('@{SNAP_COREUTIL_DIRS}df', '/usr/lib/cargo/bin/coreutils/df')).toBe(true);
  });

  it('@{SNAP_NAME} / @{SNAP_INSTANCE_NAME}: any snap, or exactly the given one', () => {
    const g = '/sys/fs/cgroup/snap.@{SNAP_INSTANCE_NAME}/**';
    expect(usesSnapVariables(g)).toBe(true);
    expect(matches(g, '/sys/fs/cgroup/snap.foo_bar/x')).toBe(true);
    expect(matches(g, '/sys/fs/cgroup/snap.foo/x', { snapInstanceName: 'foo' })).toBe(true);
    expect(matches(g, '/sys/fs/cgroup/snap.other/x', { snapInstanceName: 'foo' })).toBe(false);
    expect(matches('/x/@{SNAP_NAME}', '/x/f.o', { snapName: 'f.o' })).toBe(true);
    expect(matches('/x/@{SNAP_NAME}', '/x/fzo', { snapName: 'f.o' })).toBe(false);
  });

  it('malformed globs do not throw', () => {
    for (const g of ['/a/{b,c', '/a/[b', '/a/@{UNCLOSED', '/a/\\', '{', '}', ',', '[]', '###X']) {
      expect(() => compileGlob(g)).not.toThrow();
    }
    expect(matches('/a/{b,c', '/a/b')).toBe(true);
    expect(matches('/a/@{NOPE}/x', '/a/anything/x')).toBe(true);
  });

  it('every pattern of the policy compiles', () => {
    for (const f of policy.files) expect(compileGlob(f.pattern).source).not.toBe('(?!)');
  });
});

describe('permissions', () => {
  it('w covers write, append, create and delete; a covers append only', () => {
    expect(permsCover('rw', ['w', 'c'])).toBe(true);
    expect(permsCover('w', ['a'])).toBe(true);
    expect(permsCover('w', ['d'])).toBe(true);
    expect(permsCover('r', ['w'])).toBe(false);
    expect(permsCover('a', ['a'])).toBe(true);
    expect(permsCover('a', ['w'])).toBe(false);
    expect(permsCover('a', ['c'])).toBe(false);
  });

  it('k, l, m and execute modes', () => {
    expect(permsCover('rk', ['k'])).toBe(true);
    expect(permsCover('rw', ['k'])).toBe(false);
    expect(permsCover('rwl', ['l'])).toBe(true);
    expect(permsCover('mr', ['m'])).toBe(true);
    expect(permsCover('ixr', ['x'])).toBe(true);
    expect(permsCover('Uxr', ['x', 'r'])).toBe(true);
    expect(permsCover('Pxr', ['x'])).toBe(true);
    expect(permsCover('rw', ['x'])).toBe(false);
    expect(permsCover('rw', ['m'])).toBe(false);
  });

  it('unknown letters are not covered; an empty request is', () => {
    expect(permsCover('mrwlkix', ['N'])).toBe(false);
    expect(permsCover('r', [])).toBe(true);
    expect([...grantedAccess('ix')]).toEqual(['x']);
  });

  it('owner rules need fsuid == ouid', () => {
    expect(ownerAllows(false, 1000, 0)).toBe(true);
    expect(ownerAllows(true, 1000, 1000)).toBe(true);
    expect(ownerAllows(true, 1000, 0)).toBe(false);
    expect(ownerAllows(true, null, null)).toBe(false);
  });
});
