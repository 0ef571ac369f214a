import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConnections } from '../snap/parse';
import { parseConnectionsApi } from '../snap/attrs-parse';
import { adminAnswer, type ConnectionRow } from './answer';
import { parseDenials, type Denial } from './parse';
import { suggestInterfaces } from './suggest';
import { attrVerdict, dockerSupportLevel, mountEntryAllows } from './plug-attrs-grants';
import type { Attrs } from './file-attrs';
import { denial, denialLog, lineOf, SNAPD_LAB } from '../../test/support/denial-fixtures';

const kernel = (fields: string) => denial(`audit: type=1400 audit(1700000000.000:1): apparmor="DENIED" ${fields}`);

// The lab's microk8s: `snap connections microk8s` before any connect (06), after `snap connect microk8s:docker-privileged` (37),
// and the attributes snapd's REST API holds for its plugs (transcript 90: docker-privileged has privileged-containers: true,
// docker-unprivileged false).
const before = parseConnections(readFileSync(`${SNAPD_LAB}06-snap-connections-microk8s.stdout`, 'utf8'));
const afterConnect = parseConnections(readFileSync(`${SNAPD_LAB}37-snap-connections-all.stdout`, 'utf8'));
const rest = parseConnectionsApi(readFileSync(`${SNAPD_LAB}api/90-GET-v2-connections-snap-microk8s-select-all.json`, 'utf8'));
const restAttrs = new Map(rest.plugs.map((p) => [`${p.snap}:${p.name}`, p.attrs]));
const answer = (d: Denial, rows: ConnectionRow[], attrs?: Map<string, Attrs>) => adminAnswer(d, suggestInterfaces(d), rows, attrs ? { attrs } : {});

// /dev/char/195:255 create: only docker-support's privileged variant (`/dev/** mrwkl`) allows it
const devChar = () => denial(lineOf('dmesg.log', 12).replace(/snap\.[a-z0-9-]+\.[a-z0-9-]+/, 'snap.microk8s.daemon-kubelite'));

describe('dockerSupportLevel (docker_support.go: base snippet vs privileged-containers)', () => {
  it('what every docker-support plug allows, what only a privileged one does, and what none does', () => {
    expect(dockerSupportLevel(devChar())).toBe('privileged'); // /dev/** mrwkl
    expect(dockerSupportLevel(kernel('operation="open" profile="snap.m.d" name="/proc/12/attr/exec" requested_mask="w" denied_mask="w" fsuid=0 ouid=0'))).toBe('base');
    expect(dockerSupportLevel(kernel('operation="open" profile="snap.m.d" name="/proc/12/mem" requested_mask="w" denied_mask="w" fsuid=0 ouid=0'))).toBe('privileged');
    expect(dockerSupportLevel(kernel('operation="capable" profile="snap.m.d" pid=1 comm="x" capability=21 capname="sys_admin"'))).toBe('base'); // capability,
    expect(dockerSupportLevel(kernel('operation="signal" profile="snap.m.d" pid=1 comm="x" requested_mask="send" denied_mask="send" signal=term peer="unconfined"'))).toBe('privileged');
    expect(dockerSupportLevel(kernel('operation="exec" profile="snap.m.d" name="/snap/snapd/21759/usr/lib/snapd/snap-confine" requested_mask="x" denied_mask="x" fsuid=0 ouid=0'))).toBeNull(); // excluded from /** rwlix
    expect(dockerSupportLevel(denial('audit: type=1326 audit(1700000000.000:2): auid=4294967295 uid=0 gid=0 ses=4294967295 subj=snap.m.d pid=1 comm="x" exe="/x" sig=0 arch=c000003e syscall=43 compat=0 ip=0x0 code=0x50000'))).toBe('base'); // accept: in its seccomp list
    expect(dockerSupportLevel(denial('audit: type=1326 audit(1700000000.000:2): auid=4294967295 uid=0 gid=0 ses=4294967295 subj=snap.m.d pid=1 comm="x" exe="/x" sig=0 arch=c000003e syscall=175 compat=0 ip=0x0 code=0x50000'))).toBe('privileged'); // init_module: only @unrestricted
    expect(dockerSupportLevel(kernel('operation="create" class="net" profile="snap.m.d" pid=1 comm="x" family="bluetooth" sock_type="raw" protocol=1 requested_mask="create" denied_mask="create"'))).toBeNull();
  });
});

describe('docker-support verdicts follow privileged-containers', () => {
  it('connect: only the plug with privileged-containers: true, saying it is super-privileged and what the attribute gives', () => {
    expect(answer(devChar(), before, restAttrs)).toEqual({
      kind: 'connect',
      snap: 'microk8s',
      plugs: [
        {
          plug: 'docker-privileged',
          interface: 'docker-support',
          warning: 'docker-support is super-privileged (run a container engine (docker)); docker-privileged has privileged-containers: true',
        },
      ],
    });
  });

  it('a connected docker-support plug without privileged-containers is not "already connected": no plug allows it, and the advice names the attribute', () => {
    // microk8s with docker-unprivileged connected and no privileged plug declared
    const rows = before
      .filter((r) => r.plug?.name !== 'docker-privileged')
      .map((r) => (r.plug?.name === 'docker-unprivileged' ? { ...r, slot: { snap: 'snapd', name: 'docker-support' } } : r));
    const a = answer(devChar(), rows, restAttrs);
    expect(a.kind).toBe('no-plug');
    if (a.kind !== 'no-plug') return;
    expect(a.advice[0]).toMatch(/^microk8s:docker-unprivileged \(docker-support, connected\) does not allow this: it takes a docker-support plug with 'privileged-containers: true'/);
    expect(a.advice[0]).toMatch(/docker-support is super-privileged: its base declaration refuses installation \(allow-installation: false\), so only the store can grant it/);
  });

  it('the privileged plug connected (lab transcript 37) is the one judged in time', () => {
    const a = answer(devChar(), afterConnect, restAttrs);
    expect(a).toMatchObject({ kind: 'already-connected', plugs: [{ plug: 'docker-privileged', interface: 'docker-support' }], timing: 'unknown' });
  });

  it('attributes as `snap interface --attrs` prints them ("true" as text) count the same', () => {
    expect(attrVerdict('docker-support', { 'privileged-containers': 'true' }, devChar())).toEqual({ decided: true, grants: true, detail: ['privileged-containers: true'] });
    expect(attrVerdict('docker-support', { 'privileged-containers': 'false' }, devChar())).toMatchObject({ decided: true, grants: false });
    expect(attrVerdict('docker-support', {}, devChar())).toMatchObject({ decided: true, grants: false });
  });

  it('attributes not read: both plugs are offered last, each with what it would need', () => {
    const a = answer(devChar(), before);
    expect(a.kind).toBe('connect');
    if (a.kind !== 'connect') return;
    expect(a.plugs.map((p) => p.plug)).toEqual(['docker-privileged', 'docker-unprivileged']);
    for (const p of a.plugs) expect(p.maybe).toMatch(/^it is a docker-support plug with 'privileged-containers: true'/);
  });

  it('what every docker-support plug allows is not decided by the attribute (the policy table decides)', () => {
    const cap = kernel('operation="capable" profile="snap.microk8s.daemon-kubelite" pid=1 comm="x" capability=21 capname="sys_admin"');
    expect(attrVerdict('docker-support', {}, cap)).toEqual({ decided: false });
  });
});

describe('mount-control verdicts follow the plug\'s `mount` entries (mount_control.go AppArmorConnectedPlug)', () => {
  const rows: ConnectionRow[] = [
    { interface: 'mount-control', plug: { snap: 'lab-denials', name: 'mnt' }, slot: null },
    { interface: 'network', plug: { snap: 'lab-denials', name: 'network' }, slot: { snap: 'snapd', name: 'network' } },
  ];
  const tmpfs = kernel(
    'operation="mount" class="mount" info="failed flags match" error=-13 profile="snap.lab-denials.mount" name="/var/snap/lab-denials/x1/" pid=9 comm="mount" fstype="tmpfs" srcname="none" flags="rw, nosuid"',
  );
  const entry = (e: Record<string, unknown>): Attrs => ({ mount: [e] } as Attrs);

  it('an entry with the same what, where ($SNAP_DATA), type and exactly these options allows it: connect, naming the entry', () => {
    const attrs = new Map([['lab-denials:mnt', entry({ what: 'none', where: '$SNAP_DATA', type: ['tmpfs'], options: ['rw', 'nosuid'] })]]);
    expect(answer(tmpfs, rows, attrs)).toEqual({
      kind: 'connect',
      snap: 'lab-denials',
      plugs: [{ plug: 'mnt', interface: 'mount-control', paths: ['none → $SNAP_DATA (tmpfs) [rw,nosuid]'], warning: expect.stringMatching(/^mount-control is super-privileged/) as unknown as string }],
    });
  });

  it('options are an exact set (AppArmor options=(…)); userspace-only options do not reach the rule', () => {
    const d = tmpfs;
    const e = { what: 'none', where: '$SNAP_DATA', types: ['tmpfs'], options: ['rw'] };
    expect(mountEntryAllows(e, d, 'lab-denials')).toBe(false); // the mount asked for nosuid too
    expect(mountEntryAllows({ ...e, options: ['rw', 'nosuid', 'nofail'] }, d, 'lab-denials')).toBe(true);
    expect(mountEntryAllows({ ...e, options: ['nosuid'] }, d, 'lab-denials')).toBe(true); // rw is the absence of ro
    expect(mountEntryAllows({ ...e, options: ['ro', 'nosuid'] }, d, 'lab-denials')).toBe(false);
  });

  it('where, what and type must match; without `type` the default types apply', () => {
    const e = { what: 'none', where: '$SNAP_DATA', types: [] as string[], options: ['nosuid'] };
    expect(mountEntryAllows(e, tmpfs, 'lab-denials')).toBe(true); // tmpfs is a default type
    expect(mountEntryAllows({ ...e, types: ['ext4'] }, tmpfs, 'lab-denials')).toBe(false);
    expect(mountEntryAllows({ ...e, where: '$SNAP_COMMON' }, tmpfs, 'lab-denials')).toBe(false);
    expect(mountEntryAllows({ ...e, what: '/dev/sd*' }, tmpfs, 'lab-denials')).toBe(false);
    expect(mountEntryAllows(e, tmpfs, 'other-snap')).toBe(false); // $SNAP_DATA is the denied snap's
  });

  it('a bind entry has no fstype in its rule; nfs sources are `*:**`; umount needs only where', () => {
    const bind = kernel('operation="mount" info="failed srcname match" error=-13 profile="snap.lab-denials.mount" name="/var/snap/lab-denials/common/etc/" pid=9 comm="mount" srcname="/etc/foo/" flags="ro, bind"');
    expect(mountEntryAllows({ what: '/etc/foo/', where: '$SNAP_COMMON/etc', types: [], options: ['bind', 'ro'] }, bind, 'lab-denials')).toBe(true);
    expect(mountEntryAllows({ what: '/etc/foo/', where: '$SNAP_COMMON/etc', types: [], options: ['bind'] }, bind, 'lab-denials')).toBe(false);
    const nfs = kernel('operation="mount" class="mount" error=-13 profile="snap.lab-denials.mount" name="/media/share/" pid=9 comm="mount" fstype="nfs" srcname="server:/export" flags="rw"');
    expect(mountEntryAllows({ what: '', where: '/media/share', types: ['nfs'], options: ['rw'] }, nfs, 'lab-denials')).toBe(true);
    const umount = kernel('operation="umount" class="mount" error=-13 profile="snap.lab-denials.mount" name="/media/share/" pid=9 comm="umount"');
    expect(mountEntryAllows({ what: '', where: '/media/share', types: ['nfs'], options: ['rw'] }, umount, 'lab-denials')).toBe(true);
    const remount = kernel('operation="remount" class="mount" error=-13 profile="snap.lab-denials.mount" name="/media/share/" pid=9 comm="mount" flags="ro, remount"');
    expect(mountEntryAllows({ what: '', where: '/media/share', types: ['nfs'], options: ['rw'] }, remount, 'lab-denials')).toBe(false);
  });

  it('no entry fits: no-plug, with what the plug would need and that mount-control is super-privileged', () => {
    const attrs = new Map([['lab-denials:mnt', entry({ what: 'none', where: '$SNAP_COMMON/tmp', type: ['tmpfs'], options: ['rw'] })]]);
    const a = answer(tmpfs, rows, attrs);
    expect(a.kind).toBe('no-plug');
    if (a.kind !== 'no-plug') return;
    expect(a.advice[0]).toBe(
      'lab-denials:mnt (mount-control, not connected) does not allow this: it takes a mount-control plug whose \'mount\' list has an entry for mount of "none" onto "/var/snap/lab-denials/x1/", type tmpfs, options exactly "rw, nosuid"; ' +
        "mount-control is super-privileged: its base declaration refuses installation (allow-installation: false), so only the store can grant it (snap-declaration), and the attribute is the publisher's to declare in snap.yaml",
    );
  });

  it('entries not read: offered with what it would need; a seccomp mount() is not decided by the entries', () => {
    const a = answer(tmpfs, rows);
    expect(a).toMatchObject({ kind: 'connect', plugs: [{ plug: 'mnt', maybe: expect.stringMatching(/^it is a mount-control plug whose 'mount' list has an entry/) as unknown as string }] });
    const seccomp = parseDenials(denialLog('lab-dmesg-seccomp.log'))[1]!;
    expect(attrVerdict('mount-control', undefined, seccomp)).toEqual({ decided: false });
  });
});
