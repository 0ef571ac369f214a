import fs from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { readState, snap, tempState, type RunResult } from './helpers';

/**
 * The demo host as the dashboard meets it: the initial state (a simulated
 * Ubuntu 24.04 server), connect/disconnect through --no-wait + snap watch,
 * snapd's errors, and the MicroK8s health that follows its connections.
 */

const NOW = { DEMO_SNAP_NOW: '2026-11-22T15:30:00Z' };

const MICROK8S_REQUIRED = [
  'account-control', 'docker-privileged', 'dot-kube', 'dot-config-helm', 'firewall-control', 'hardware-observe',
  'home', 'home-read-all', 'k8s-journald', 'k8s-kubelet', 'k8s-kubeproxy', 'kernel-module-observe',
  'kubernetes-support', 'log-observe', 'login-session-observe', 'mount-observe', 'network', 'network-bind',
  'network-control', 'network-observe', 'opengl', 'process-control', 'system-observe',
];

let state: string;
const run = (...args: string[]) => snap(state, args, NOW);
const runEnv = (env: Record<string, string>, ...args: string[]) => snap(state, args, { ...NOW, ...env });
const ok = (stdout: string): RunResult => ({ stdout, stderr: '', code: 0 });
const err = (msg: string, code = 1): RunResult => ({ stdout: '', stderr: `error: ${msg}\n`, code });
const row = (out: string, start: string) => out.split('\n').find((l) => l.startsWith(start));

beforeEach(() => {
  // a path that does not exist yet: the first call creates it from demo/state/initial.json
  state = tempState();
});

describe('the initial state', () => {
  it('is created on first use and looks like an Ubuntu 24.04 server', async () => {
    expect(fs.existsSync(state)).toBe(false);
    const version = await run('version');
    expect(fs.existsSync(state)).toBe(true);
    expect(version.stdout).toMatch(/^snap {10}2\.68\.\d+\nsnapd {9}2\.68\.\d+\nseries {8}16\nubuntu {8}24\.04\nkernel {8}6\.8\.0-\d+-generic\narchitecture {2}amd64\n$/);
    expect(await run('debug', 'confinement')).toEqual(ok('strict\n'));
    const features = (await run('debug', 'sandbox-features')).stdout;
    expect(features).toMatch(/^apparmor: {13}kernel:caps .* support-level:full\n/);
    expect(features).toContain('\nconfinement-options:  classic devmode strict\n');
  });

  it('lists snaps of every confinement, with strict MicroK8s blocked', async () => {
    const { stdout, code } = await run('list', '--unicode=never', '--color=never');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^Name +Version +Rev +Tracking +Publisher +Notes$/);
    expect(row(stdout, 'microk8s ')).toMatch(/^microk8s +v1\.31\.\d+ +\d+ +1\.31-strict\/stable +canonical\*\* +blocked$/);
    expect(row(stdout, 'snapd ')).toMatch(/ snapd$/);
    expect(row(stdout, 'core24 ')).toMatch(/ base$/);
    expect(row(stdout, 'certbot ')).toMatch(/ classic$/);
    expect(row(stdout, 'acme-agent ')).toMatch(/ devmode$/);
    expect(row(stdout, 'gtk-common-themes ')).toContain(' latest/stable/… ');
    expect(stdout).not.toMatch(/ \n/); // tabwriter never pads the last column
    // names filter the list (unknown ones are ignored); columns shrink to the rows shown
    expect(await run('list', 'microk8s', 'nosuch')).toEqual(
      ok('Name      Version  Rev   Tracking            Publisher    Notes\nmicrok8s  v1.31.9  7970  1.31-strict/stable  canonical**  blocked\n'),
    );
  });

  it('gives microk8s exactly the strict 1.31 plugs and slot, only the automatic ones connected', async () => {
    const s = readState((await run('version'), state));
    const plugs = s.plugs.filter((p) => p.snap === 'microk8s').map((p) => p.plug).sort();
    expect(plugs).toEqual([
      'account-control', 'ceph-conf', 'cifs-mount', 'configuration', 'docker-privileged', 'docker-unprivileged',
      'dot-config-helm', 'dot-kube', 'firewall-control', 'fuse-support', 'hardware-observe', 'home', 'home-read-all',
      'k8s-journald', 'k8s-kubelet', 'k8s-kubeproxy', 'kernel-crypto-api', 'kernel-module-control',
      'kernel-module-observe', 'kubernetes-support', 'log-observe', 'login-session-observe', 'mount-observe',
      'network', 'network-bind', 'network-control', 'network-observe', 'opengl', 'process-control', 'system-observe',
    ]);
    expect(s.slots.filter((x) => x.snap === 'microk8s')).toEqual([
      { snap: 'microk8s', slot: 'microk8s', interface: 'content', attrs: { content: 'microk8s', source: { read: ['$SNAP_DATA/credentials'] } } },
    ]);
    const connected = s.connections.filter((c) => c.plug.snap === 'microk8s').map((c) => c.plug.plug).sort();
    expect(connected).toEqual(['home', 'network', 'network-bind', 'opengl']);
    const out = (await run('connections', 'microk8s')).stdout;
    expect(row(out, 'home ')).toBe('home                   microk8s:home                   :home              -');
    expect(row(out, 'mount-observe ')).toBe('mount-observe          microk8s:mount-observe          -                  -');
  });

  it('lists the system slots only for the system snap', async () => {
    const system = (await run('connections', 'system')).stdout;
    expect(row(system, 'account-control ')).toMatch(/^account-control +- +:account-control +-$/);
    expect(await run('connections', 'snapd')).toEqual(ok(system));
    expect(await run('connections', 'core')).toEqual(ok(system));
    const all = (await run('connections', '--all')).stdout;
    expect(all).not.toMatch(/ :account-control /);
    expect(all).toMatch(/\naccount-control +microk8s:account-control +- +-\n/);
    expect(all).toMatch(/\ncontent\[gtk-3-themes\] +firefox:gtk-3-themes +gtk-common-themes:gtk-3-themes +-\n/);
    expect(all).toMatch(/\nlxd +juju:lxd +lxd:lxd +manual\n/);
  });

  it('shows interfaces like snapd does', async () => {
    const list = (await run('interface')).stdout;
    expect(list.split('\n')[0]).toMatch(/^Name +Summary$/);
    expect(row(list, 'home ')).toMatch(/^home +allows access to non-hidden files in the home directory$/);
    expect((await run('interface', '--all')).stdout.split('\n').length).toBeGreaterThan(170);
    const content = (await run('interface', '--attrs', 'content')).stdout;
    expect(content).toContain('  - microk8s:configuration:\n      content: configuration\n      target:  $SNAP/content-interface\n');
    const mo = (await run('interface', 'mount-observe')).stdout;
    expect(mo).toBe('name:    mount-observe\nsummary: allows reading mount table and quota information\nplugs:\n  - htop\n  - microk8s\nslots:\n  - snapd\n');
  });
});

describe('connect and disconnect', () => {
  it('connect --no-wait prints the change id, snap watch waits for it', async () => {
    const started = await run('connect', '--no-wait', 'microk8s:mount-observe');
    expect(started.stdout).toMatch(/^\d+\n$/);
    expect(started.stderr).toBe('');
    const id = started.stdout.trim();
    expect(await run('watch', id)).toEqual(ok(''));
    const s = readState(state);
    expect(s.connections).toContainEqual({ plug: { snap: 'microk8s', plug: 'mount-observe' }, slot: { snap: 'snapd', slot: 'mount-observe' }, interface: 'mount-observe', manual: true, gadget: false });
    const changes = (await run('changes')).stdout;
    expect(changes).toMatch(new RegExp(`\\n${id} +Done +today at 15:30 UTC +today at 15:30 UTC +Connect microk8s:mount-observe to snapd:mount-observe\\n`));
    expect(changes.endsWith('\n\n')).toBe(true);
    expect(row((await run('connections', 'microk8s')).stdout, 'mount-observe ')).toBe('mount-observe          microk8s:mount-observe          :mount-observe     manual');
    expect(await run('tasks', id)).toEqual(ok('Status  Spawn               Ready               Summary\nDone    today at 15:30 UTC  today at 15:30 UTC  Connect microk8s:mount-observe to snapd:mount-observe\n\n'));
  });

  it('connecting an already connected plug succeeds with a change and no tasks', async () => {
    const r = await run('connect', '--no-wait', 'microk8s:home');
    expect(r.stdout).toMatch(/^\d+\n$/);
    expect(await run('tasks', r.stdout.trim())).toEqual(ok('Status  Spawn  Ready  Summary\n\n'));
    expect(readState(state).connections.filter((c) => c.plug.snap === 'microk8s' && c.plug.plug === 'home')).toHaveLength(1);
  });

  it('snap connect a:p b picks the only slot of b with that interface', async () => {
    expect(await run('connect', 'juju:microk8s', 'microk8s')).toEqual(ok(''));
    expect(await run('connect', 'multipass:lxd', 'lxd')).toEqual(ok(''));
    const conns = readState(state).connections;
    expect(conns).toContainEqual(expect.objectContaining({ plug: { snap: 'juju', plug: 'microk8s' }, slot: { snap: 'microk8s', slot: 'microk8s' } }));
    expect(conns).toContainEqual(expect.objectContaining({ plug: { snap: 'multipass', plug: 'lxd' }, slot: { snap: 'lxd', slot: 'lxd' } }));
    expect(row((await run('connections', 'juju')).stdout, 'content')).toMatch(/^content\[microk8s\] +juju:microk8s +microk8s:microk8s +manual$/);
  });

  it('disconnect by plug is summarised like snapd, with one task per connection', async () => {
    const started = await run('disconnect', '--no-wait', 'microk8s:network');
    const id = started.stdout.trim();
    expect(id).toMatch(/^\d+$/);
    expect(await run('watch', id)).toEqual(ok(''));
    expect((await run('changes', 'microk8s')).stdout).toContain('Disconnect : from microk8s:network\n');
    expect((await run('tasks', id)).stdout).toContain('  Disconnect microk8s:network from snapd:network\n');
    const s = readState(state);
    expect(s.connections.some((c) => c.plug.snap === 'microk8s' && c.plug.plug === 'network')).toBe(false);
    // an automatic connection that is disconnected is remembered, so snapd would not reconnect it
    expect(s.undesired).toContainEqual(expect.objectContaining({ plug: { snap: 'microk8s', plug: 'network' } }));
    // the whole slot: every plug connected to :network-bind
    const before = s.connections.filter((c) => c.slot.snap === 'snapd' && c.slot.slot === 'network-bind').length;
    expect(before).toBeGreaterThan(2);
    const all = await run('disconnect', '--no-wait', ':network-bind');
    expect((await run('tasks', all.stdout.trim())).stdout.split('\n').filter((l) => l.startsWith('Done'))).toHaveLength(before);
    // the summary repeats the request as given: the system snap stays unnamed
    expect((await run('changes')).stdout).toContain('Disconnect : from :network-bind\n');
  });

  it('disconnecting something not connected prints "No connections to disconnect" and creates no change', async () => {
    await run('version');
    const before = readState(state).changes.length;
    expect(await run('disconnect', 'microk8s:mount-observe')).toEqual(ok('No connections to disconnect\n'));
    expect(await run('disconnect', '--no-wait', 'microk8s:mount-observe')).toEqual(ok('No connections to disconnect\n'));
    expect(readState(state).changes.length).toBe(before);
    expect(await run('disconnect', 'microk8s:mount-observe', ':mount-observe')).toEqual(
      err('cannot disconnect microk8s:mount-observe from snapd:mount-observe,\n       it is not connected'),
    );
  });

  it('a content connection with different content tags fails as a change', async () => {
    const r = await run('connect', 'microk8s:configuration', 'gtk-common-themes:gtk-3-themes');
    const message = 'cannot perform the following tasks:\n- Connect microk8s:configuration to gtk-common-themes:gtk-3-themes (connection not allowed by slot rule of interface "content")';
    expect(r).toEqual(err(message));
    const chg = readState(state).changes.at(-1)!;
    expect(chg).toMatchObject({ status: 'Error', kind: 'connect-snap', err: message });
    expect(readState(state).connections.some((c) => c.plug.plug === 'configuration')).toBe(false);
    const tasks = (await run('tasks', chg.id)).stdout;
    expect(tasks).toBe(
      'Status  Spawn               Ready               Summary\n' +
        'Error   today at 15:30 UTC  today at 15:30 UTC  Connect microk8s:configuration to gtk-common-themes:gtk-3-themes\n' +
        '\n......................................................................\n' +
        'Connect microk8s:configuration to gtk-common-themes:gtk-3-themes\n\n' +
        '2026-11-22T15:30:00Z ERROR connection not allowed by slot rule of interface "content"\n\n',
    );
    // --no-wait still prints the id; snap watch reports the failure
    const nw = await run('connect', '--no-wait', 'microk8s:configuration', 'gtk-common-themes:gtk-3-themes');
    expect(nw.code).toBe(0);
    expect(await run('watch', nw.stdout.trim())).toEqual(err(message));
  });

  it('MicroK8s stops being blocked once its 23 required interfaces are connected', async () => {
    for (const plug of MICROK8S_REQUIRED) {
      const r = await run('connect', `microk8s:${plug}`);
      expect(r, plug).toEqual(ok(''));
    }
    const listed = (await run('list', 'microk8s')).stdout;
    expect(listed).toMatch(/\nmicrok8s .* canonical\*\* +-\n$/);
    expect(readState(state).snaps.find((s) => s.name === 'microk8s')).toMatchObject({ health: { status: 'okay' } });
    await run('disconnect', 'microk8s:log-observe');
    expect((await run('list', 'microk8s')).stdout).toMatch(/ blocked\n$/);
    expect(readState(state).snaps.find((s) => s.name === 'microk8s')).toMatchObject({
      health: { status: 'blocked', message: 'You must connect log-observe before proceeding' },
    });
  });
});

describe('errors', () => {
  it('prints the real messages on stderr with the real exit codes and changes nothing', async () => {
    await run('version');
    const before = fs.readFileSync(state, 'utf8');
    const cases: Array<[string[], RunResult]> = [
      [['connect', 'microk8s:nonexistent'], err('snap "microk8s" has no plug named "nonexistent"')],
      [['connect', 'nosuchsnap:network'], err('snap "nosuchsnap" is not installed')],
      [['connect', 'microk8s:network', 'nosuchsnap'], err('snap "nosuchsnap" is not installed')],
      [['connect', 'microk8s:network-observe', ':nosuchslot'], err('snap "snapd" has no slot named "nosuchslot"')],
      [['connect', 'htop:mount-observe', 'lxd'], err('snap "lxd" has no "mount-observe" interface slots')],
      // long daemon messages are re-wrapped at 79 columns like the real CLI (go/doc ToText)
      [
        ['connect', 'microk8s:configuration', 'gtk-common-themes'],
        err('snap "gtk-common-themes" has multiple "content" interface slots:\n       gtk-2-themes, gtk-3-themes, icon-themes, sound-themes'),
      ],
      [
        ['connect', 'microk8s:home-read-all', ':network'],
        err('cannot connect microk8s:home-read-all ("home" interface) to\n       snapd:network ("network" interface)'),
      ],
      [['connect', 'microk8s'], err('cannot resolve connection, plug snap name is empty')],
      [['connect', 'x:y:z'], err('invalid value: "x:y:z" (want snap:name or snap)')],
      [['connect'], err('the required argument `<snap>:<plug>` was not provided', 64)],
      [['connect', 'a:b', 'c:d', 'e'], err('too many arguments for command')],
      [['disconnect', 'microk8s'], err('invalid value: "microk8s" (want snap:name or :name)')],
      [['disconnect', 'microk8s:nonexistent'], err('snap "microk8s" has no plug or slot named "nonexistent"')],
      [['connections', 'nosuch'], err('snap "nosuch" not found')],
      [['connections', '--unicode=never'], err("unknown flag `unicode'", 64)],
      [['connections', '--all', 'microk8s'], err('cannot use --all with snap name')],
      [['interface', 'nosuch'], err('no such interface')],
      [['list', 'nosuch'], err('no matching snaps installed')],
      [['list', '--unicode=maybe'], err("Invalid value `maybe' for option `--unicode'. Allowed values are: auto, never or always", 64)],
      [['watch', '9999'], err('cannot find change with id "9999"')],
      [['watch'], err('please provide change ID or type with --last=<type>')],
      [['tasks', '--last=remove'], err('no changes of type "remove" found')],
      [['changes', '12'], err("'snap changes' command expects a snap name, try 'snap tasks 12'")],
      [['install', 'hello'], err('unknown command "install", see \'snap help\'.', 64)],
      [['debug', 'nosuch'], err('unknown command "nosuch", see \'snap help debug\'.', 64)],
    ];
    for (const [args, expected] of cases) {
      expect(await run(...args), args.join(' ')).toEqual(expected);
    }
    expect(fs.readFileSync(state, 'utf8')).toBe(before);
  });

  it('DEMO_SNAP_DENY_MUTATIONS=1 makes connect and disconnect fail like a non-root user', async () => {
    await run('version');
    const before = fs.readFileSync(state, 'utf8');
    const deny = { DEMO_SNAP_DENY_MUTATIONS: '1' };
    expect(await runEnv(deny, 'connect', 'microk8s:network-control')).toEqual(err('access denied (try with sudo)'));
    expect(await runEnv(deny, 'disconnect', '--no-wait', 'microk8s:home')).toEqual(err('access denied (try with sudo)'));
    expect(await runEnv(deny, 'connect', 'microk8s:nonexistent')).toEqual(err('access denied (try with sudo)'));
    expect((await runEnv(deny, 'connections', 'microk8s')).code).toBe(0);
    expect(fs.readFileSync(state, 'utf8')).toBe(before);
  });

  it('"no changes found" goes to stderr with exit 0', async () => {
    expect(await run('changes', 'aws-cli')).toEqual({ stdout: '', stderr: 'no changes found\n', code: 0 });
  });
});
