import { describe, expect, it } from 'vitest';
import { parseDenials } from './parse';
import { denialLog, lineOf, one } from '../../test/support/denial-fixtures';

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
    const d = parseDenials(denialLog('constructed.log'))[14];
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
    expect(parseDenials(denialLog('constructed.log'))[13]).toMatchObject({ action: 'allowed', snap: 'lab-devmode' });
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
