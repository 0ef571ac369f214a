import { describe, expect, it } from 'vitest';
import { parseMountRule, parseUnixRule, snippetRules } from '../../scripts/gen-unix-mount-policy.mjs';
import { ruleTexts } from '../../scripts/snapd-policy-source.mjs';

// Snippets in the shapes of snapd's interfaces/builtin/*.go (x11.go, opengl.go, maliit.go, network_control.go,
// nfs_mount.go, greengrass_support.go), so the generator's reading of AppArmor's rule syntax is pinned down.
const SNIPPET = `
# the unix socket to use to connect to the display
unix (bind, listen, accept)
     type=stream
     addr="@/tmp/.X11-unix/X[0-9]*",
unix (send, receive) type=stream peer=(label="Xorg"),
unix (send, receive, connect) type=stream addr=none peer=(label=###SLOT_SECURITY_TAGS###, addr="@/tmp/maliit-server/dbus-*"),
unix (connect, send, receive) type=seqpacket addr="###SOCKET_ADDRESS###" peer=(label=###SLOT_SECURITY_TAGS###),
deny unix (connect, receive, send)
    type=stream
    peer=(addr="@/tmp/.ICE-unix/[0-9]*"),
# mount options=(rw) tmpfs -> /commented/out/,
mount options=(rw, rshared) -> /run/netns/,
mount options=(rw, bind) / -> /run/netns/*,
umount /run/netns/*,
mount options=(rw, rslave) /,
mount fstype=nfs{,4} *:** -> /var/snap/{@{SNAP_NAME},@{SNAP_INSTANCE_NAME}}/common/{,**},
umount fstype=nfs{,4} /var/snap/{@{SNAP_NAME},@{SNAP_INSTANCE_NAME}}/common/{,**},
mount fstype="tmpfs" options=(rw, nosuid, strictatime) tmpfs -> /var/snap/x/rootfs/dev/,
remount options=(bind, ro) /tmp/.X11-unix/,
pivot_root
    oldroot=/var/snap/{@{SNAP_NAME},@{SNAP_INSTANCE_NAME}}/*/rootfs/old_rootfs/
    /var/snap/{@{SNAP_NAME},@{SNAP_INSTANCE_NAME}}/*/rootfs/,
/proc/*/mounts r,
`;

describe('unix rules (apparmor.d "Unix socket rules")', () => {
  it('operations, type, own address, peer label and address; deny rules and comments left out', () => {
    const { unix } = snippetRules(SNIPPET);
    expect(unix).toEqual([
      { perms: ['bind', 'listen', 'accept'], type: 'stream', addr: '@/tmp/.X11-unix/X[0-9]*' },
      { perms: ['send', 'receive'], type: 'stream', peerLabel: 'Xorg' },
      { perms: ['send', 'receive', 'connect'], type: 'stream', addr: 'none', peerIsSlot: true, peerAddr: '@/tmp/maliit-server/dbus-*' },
      // an address filled in from an attribute: marked, so the table lists it apart instead of matching it
      { perms: ['connect', 'send', 'receive'], type: 'seqpacket', addr: 'TEMPLATE', peerIsSlot: true, template: true },
    ]);
  });

  it('a single permission without parentheses, and no permission at all', () => {
    expect(parseUnixRule('bind type=dgram')).toEqual({ perms: ['bind'], type: 'dgram' });
    expect(parseUnixRule('')).toEqual({ perms: [] });
    expect(parseUnixRule('(connect) type=stream peer=(addr="@{mbim,qmi}-proxy")')).toEqual({ perms: ['connect'], type: 'stream', peerAddr: '@{mbim,qmi}-proxy' });
  });
});

describe('mount rules (apparmor.d "Mount rules")', () => {
  it('conditions, source and mount point; umount, remount and pivot_root; the commented rule is not read', () => {
    const { mount } = snippetRules(SNIPPET);
    expect(mount).toEqual([
      { kind: 'mount', options: ['rw', 'rshared'], target: '/run/netns/' },
      { kind: 'mount', options: ['rw', 'bind'], source: '/', target: '/run/netns/*' },
      { kind: 'umount', target: '/run/netns/*' },
      // a rule that only changes propagation: its one path is the mount point
      { kind: 'mount', options: ['rw', 'rslave'], target: '/' },
      // braces in a bare value are one glob, not a list
      { kind: 'mount', fstype: ['nfs{,4}'], source: '*:**', target: '/var/snap/{@{SNAP_NAME},@{SNAP_INSTANCE_NAME}}/common/{,**}' },
      { kind: 'umount', fstype: ['nfs{,4}'], target: '/var/snap/{@{SNAP_NAME},@{SNAP_INSTANCE_NAME}}/common/{,**}' },
      { kind: 'mount', fstype: ['tmpfs'], options: ['rw', 'nosuid', 'strictatime'], source: 'tmpfs', target: '/var/snap/x/rootfs/dev/' },
      { kind: 'remount', options: ['bind', 'ro'], target: '/tmp/.X11-unix/' },
      {
        kind: 'pivot_root',
        oldroot: '/var/snap/{@{SNAP_NAME},@{SNAP_INSTANCE_NAME}}/*/rootfs/old_rootfs/',
        target: '/var/snap/{@{SNAP_NAME},@{SNAP_INSTANCE_NAME}}/*/rootfs/',
      },
    ]);
  });

  it('a single path of an ordinary mount is its source; options in (…) and make-* names', () => {
    expect(parseMountRule('mount', 'options=ro /dev/hugepages')).toEqual({ kind: 'mount', options: ['ro'], source: '/dev/hugepages' });
    expect(parseMountRule('mount', 'options in (ro, nosuid) /dev/sd* -> /media/**')).toEqual({
      kind: 'mount',
      options: ['ro', 'nosuid'],
      optionsIn: true,
      source: '/dev/sd*',
      target: '/media/**',
    });
    expect(parseMountRule('mount', 'options=(make-rprivate) -> /x/')).toEqual({ kind: 'mount', options: ['rprivate'], target: '/x/' });
    expect(parseMountRule('mount', '')).toEqual({ kind: 'mount' });
  });
});

describe('rule extraction', () => {
  it('a rule starts a line and ends at the comma outside parentheses, braces and quotes; words that only start like the keyword are not rules', () => {
    const texts = ruleTexts('mount-observe is not a rule\nmount options=(rw, bind) /a/{b,c} -> "/d,e",\n  umount /x,\nnetwork unix stream,', '(?:mount|umount|unix)');
    expect(texts).toEqual([
      { keyword: 'mount', body: 'options=(rw, bind) /a/{b,c} -> "/d,e"', deny: false },
      { keyword: 'umount', body: '/x', deny: false },
    ]);
  });
});
