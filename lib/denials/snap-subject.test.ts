import { describe, expect, it } from 'vitest';
import { parseSnapSubject } from './snap-subject';

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
