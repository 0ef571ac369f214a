'use strict';
/**
 * Generates demo/state/initial.json: the demo host, a believable Ubuntu 24.04
 * server with snapd 2.68, from the compact description below and the
 * interface catalogue in interfaces-catalog.json (all interfaces snapd knows,
 * with summaries, and the implicit slots of the system snap on a classic
 * system, taken from real snapd output).
 *
 *   node demo/state/build-initial.js         # rewrites initial.json
 *
 * Times: every change time below is relative to REFERENCE; when a state file
 * is created from initial.json the times are shifted so REFERENCE is "now".
 */

const fs = require('node:fs');
const path = require('node:path');

const catalog = require('./interfaces-catalog.json');
const REFERENCE = Date.parse('2026-01-15T12:00:00Z');
const SCHEMA = 'confinement-dashboard-demo-state/1';

const canonical = { username: 'canonical', validation: 'verified' };

/**
 * The apps each MicroK8s plug is bound to: the REST API's `apps` for the snapd lab's microk8s
 * (test/fixtures/snapd-lab/api/90-GET-v2-connections-snap-microk8s-select-all.json). A plug's rules are only in
 * the profiles of those apps: log-observe and account-control, for one, do not reach the daemons.
 */
const MICROK8S_PLUG_APPS = {
  'account-control': ['microk8s', 'reset'],
  'ceph-conf': ['add-node', 'addons', 'config', 'ctr', 'daemon-apiserver-kicker', 'daemon-apiserver-proxy', 'daemon-cluster-agent', 'daemon-containerd', 'daemon-etcd', 'daemon-flanneld', 'daemon-k8s-dqlite', 'daemon-kubelite', 'dashboard-proxy', 'dbctl', 'disable', 'enable', 'helm', 'helm3', 'images', 'inspect', 'istioctl', 'join', 'kubectl', 'leave', 'linkerd', 'microk8s', 'refresh-certs', 'remove-node', 'reset', 'start', 'status', 'stop', 'version'],
  'cifs-mount': ['daemon-containerd'],
  configuration: ['add-node', 'addons', 'config', 'ctr', 'daemon-apiserver-kicker', 'daemon-apiserver-proxy', 'daemon-cluster-agent', 'daemon-containerd', 'daemon-etcd', 'daemon-flanneld', 'daemon-k8s-dqlite', 'daemon-kubelite', 'dashboard-proxy', 'dbctl', 'disable', 'enable', 'helm', 'helm3', 'images', 'inspect', 'istioctl', 'join', 'kubectl', 'leave', 'linkerd', 'microk8s', 'refresh-certs', 'remove-node', 'reset', 'start', 'status', 'stop', 'version'],
  'docker-privileged': ['daemon-containerd', 'daemon-k8s-dqlite', 'daemon-kubelite'],
  'docker-unprivileged': ['kubectl', 'microk8s'],
  'dot-config-helm': ['disable', 'enable', 'helm', 'helm3', 'microk8s'],
  'dot-kube': ['ctr', 'daemon-kubelite', 'disable', 'enable', 'helm', 'helm3', 'kubectl', 'microk8s'],
  'firewall-control': ['ctr', 'daemon-containerd', 'daemon-flanneld', 'daemon-k8s-dqlite', 'daemon-kubelite', 'dashboard-proxy', 'helm3', 'inspect', 'kubectl', 'microk8s'],
  'fuse-support': ['daemon-containerd'],
  'hardware-observe': ['ctr', 'daemon-kubelite', 'kubectl'],
  home: ['dbctl', 'disable', 'enable', 'helm', 'helm3', 'microk8s', 'reset'],
  'home-read-all': ['addons', 'ctr', 'dbctl', 'disable', 'enable', 'helm', 'helm3', 'kubectl', 'microk8s'],
  'k8s-journald': ['daemon-apiserver-kicker', 'daemon-containerd', 'daemon-k8s-dqlite'],
  'k8s-kubelet': ['ctr', 'kubectl'],
  'k8s-kubeproxy': ['dashboard-proxy'],
  'kernel-crypto-api': ['daemon-containerd'],
  'kernel-module-control': ['daemon-apiserver-kicker'],
  'kernel-module-observe': ['daemon-kubelite', 'dashboard-proxy', 'disable', 'enable', 'inspect', 'microk8s'],
  'kubernetes-support': ['daemon-apiserver-kicker', 'daemon-containerd', 'daemon-kubelite', 'dbctl', 'disable', 'enable', 'helm', 'helm3', 'inspect', 'microk8s'],
  'log-observe': ['inspect', 'microk8s'],
  'login-session-observe': ['inspect', 'microk8s'],
  'mount-observe': ['add-node', 'ctr', 'daemon-cluster-agent', 'daemon-containerd', 'daemon-kubelite', 'dashboard-proxy', 'inspect', 'join', 'kubectl', 'leave', 'microk8s', 'remove-node', 'reset'],
  network: ['add-node', 'disable', 'enable', 'helm', 'helm3', 'istioctl', 'join', 'kubectl', 'leave', 'linkerd', 'microk8s', 'remove-node', 'reset', 'start', 'status', 'stop'],
  'network-bind': ['add-node', 'ctr', 'daemon-apiserver-kicker', 'daemon-apiserver-proxy', 'daemon-cluster-agent', 'daemon-containerd', 'daemon-etcd', 'daemon-flanneld', 'daemon-k8s-dqlite', 'daemon-kubelite', 'dashboard-proxy', 'helm3', 'kubectl', 'leave', 'remove-node'],
  'network-control': ['ctr', 'daemon-apiserver-kicker', 'daemon-apiserver-proxy', 'daemon-cluster-agent', 'daemon-containerd', 'daemon-flanneld', 'daemon-k8s-dqlite', 'daemon-kubelite', 'dashboard-proxy', 'disable', 'enable', 'helm3', 'kubectl', 'microk8s', 'reset'],
  'network-observe': ['add-node', 'config', 'daemon-apiserver-kicker', 'daemon-apiserver-proxy', 'daemon-cluster-agent', 'daemon-kubelite', 'dashboard-proxy', 'inspect', 'leave', 'microk8s', 'remove-node'],
  opengl: ['daemon-containerd', 'daemon-kubelite', 'disable', 'enable', 'microk8s'],
  'process-control': ['ctr', 'daemon-kubelite', 'kubectl'],
  'system-observe': ['ctr', 'daemon-kubelite', 'dashboard-proxy', 'inspect', 'kubectl', 'microk8s'],
};

/** MicroK8s 1.31-strict: the interfaces check_snap_interfaces requires before the services start. */
const MICROK8S_REQUIRED = [
  'account-control', 'docker-privileged', 'dot-kube', 'dot-config-helm', 'firewall-control', 'hardware-observe',
  'home', 'home-read-all', 'k8s-journald', 'k8s-kubelet', 'k8s-kubeproxy', 'kernel-module-observe',
  'kubernetes-support', 'log-observe', 'login-session-observe', 'mount-observe', 'network', 'network-bind',
  'network-control', 'network-observe', 'opengl', 'process-control', 'system-observe',
];

// plug spec: name | [name, interface?, attrs?, "snap:slot"?]. A prefix "auto:" marks a plug
// connected automatically, "manual:" one connected by the administrator, "undesired:" an
// automatic connection the administrator disconnected (snapd remembers it in `undesired` and does
// not connect it again); the slot is the system snap's slot of the plug's interface unless
// "snap:slot" names another.
const SNAPS = [
  { name: 'snapd', version: '2.68.5', revision: '24792', tracking: 'latest/stable', publisher: canonical, type: 'snapd' },
  { name: 'core20', version: '20250526', revision: '2599', tracking: 'latest/stable', publisher: canonical, type: 'base' },
  { name: 'core22', version: '20250528', revision: '2010', tracking: 'latest/stable', publisher: canonical, type: 'base' },
  { name: 'core24', version: '20250526', revision: '1006', tracking: 'latest/stable', publisher: canonical, type: 'base' },
  {
    name: 'gtk-common-themes', version: '0.1-81-g442e511', revision: '1535', tracking: 'latest/stable/ubuntu-24.04', publisher: canonical,
    slots: [
      ['gtk-2-themes', 'content', { content: 'gtk-2-themes', source: { read: ['$SNAP/share/themes/Adwaita'] } }],
      ['gtk-3-themes', 'content', { content: 'gtk-3-themes', source: { read: ['$SNAP/share/themes/Yaru'] } }],
      ['icon-themes', 'content', { content: 'icon-themes', source: { read: ['$SNAP/share/icons/Yaru'] } }],
      ['sound-themes', 'content', { content: 'sound-themes', source: { read: ['$SNAP/share/sounds/Yaru'] } }],
    ],
  },
  {
    name: 'gnome-42-2204', version: '0+git.38ea591-sdk0+git.00b4fc3', revision: '202', tracking: 'latest/stable/ubuntu-24.04', publisher: canonical,
    slots: [['gnome-42-2204', 'content', { content: 'gnome-42-2204', read: ['$SNAP/'] }]],
  },
  {
    name: 'firefox', version: '145.0.1-1', revision: '7355', tracking: 'latest/stable', publisher: { username: 'mozilla', validation: 'verified' },
    plugs: [
      'auto:audio-playback', 'audio-record', 'auto:avahi-observe', ['auto:browser-sandbox', 'browser-support', { 'allow-sandbox': true }],
      'camera', 'cups-control', 'auto:desktop', 'auto:desktop-legacy', ['auto:dot-mozilla-firefox', 'personal-files', { read: ['$HOME/.mozilla/firefox'] }],
      ['auto:gnome-42-2204', 'content', { content: 'gnome-42-2204', 'default-provider': 'gnome-42-2204', target: '$SNAP/gnome-platform' }, 'gnome-42-2204:gnome-42-2204'],
      'auto:gsettings', ['auto:gtk-3-themes', 'content', { content: 'gtk-3-themes', 'default-provider': 'gtk-common-themes', target: '$SNAP/data-dir/themes' }, 'gtk-common-themes:gtk-3-themes'],
      'auto:hardware-observe', 'auto:home', ['auto:host-hunspell', 'system-files', { read: ['/usr/share/hunspell'] }],
      ['auto:icon-themes', 'content', { content: 'icon-themes', 'default-provider': 'gtk-common-themes', target: '$SNAP/data-dir/icons' }, 'gtk-common-themes:icon-themes'],
      'joystick', 'auto:login-session-observe', 'auto:network', 'auto:network-observe', 'auto:opengl', 'removable-media',
      'auto:screen-inhibit-control', ['auto:sound-themes', 'content', { content: 'sound-themes', 'default-provider': 'gtk-common-themes', target: '$SNAP/data-dir/sounds' }, 'gtk-common-themes:sound-themes'],
      'auto:system-packages-doc', 'auto:u2f-devices', 'auto:unity7', 'auto:upower-observe', 'auto:wayland', 'auto:x11',
    ],
    slots: [
      ['dbus-daemon', 'dbus', { bus: 'session', name: 'org.mozilla.firefox_ZGVmYXVsdA__' }],
      ['mpris', 'mpris', { name: 'firefox' }],
    ],
  },
  {
    name: 'microk8s', version: 'v1.31.9', revision: '7970', tracking: '1.31-strict/stable', publisher: canonical,
    health: { status: 'blocked', message: '', requires: MICROK8S_REQUIRED },
    plugApps: MICROK8S_PLUG_APPS,
    plugs: [
      'account-control', 'cifs-mount', 'firewall-control', 'fuse-support', 'hardware-observe', 'auto:home',
      'kernel-crypto-api', 'kernel-module-control', 'kernel-module-observe', 'kubernetes-support', 'log-observe',
      'login-session-observe', 'mount-observe', 'auto:network', 'auto:network-bind', 'network-control', 'network-observe',
      'auto:opengl', 'process-control', 'system-observe',
      ['home-read-all', 'home', { read: 'all' }],
      ['docker-privileged', 'docker-support', { 'privileged-containers': true }],
      ['docker-unprivileged', 'docker-support', { 'privileged-containers': false }],
      ['k8s-kubelet', 'kubernetes-support', { flavor: 'kubelet' }],
      ['k8s-kubeproxy', 'kubernetes-support', { flavor: 'kubeproxy' }],
      ['k8s-journald', 'kubernetes-support', { flavor: 'autobind-unix' }],
      ['dot-kube', 'personal-files', { write: ['$HOME/.kube'] }],
      ['dot-config-helm', 'personal-files', { write: ['$HOME/.config/helm'] }],
      ['configuration', 'content', { content: 'configuration', target: '$SNAP/content-interface' }],
      ['ceph-conf', 'content', { content: 'ceph-conf', target: '$SNAP/microceph' }],
    ],
    slots: [['microk8s', 'content', { content: 'microk8s', source: { read: ['$SNAP_DATA/credentials'] } }]],
  },
  {
    name: 'lxd', version: '5.21.3-c5ae129', revision: '33110', tracking: '5.21/stable', publisher: canonical,
    // `snap refresh --hold lxd` (no duration: snapd holds it indefinitely); `snap list` notes it "held"
    hold: '2326-06-01T00:00:00Z',
    plugs: ['auto:lxd-support', 'auto:network-bind', 'auto:system-observe'],
    slots: [['lxd', 'lxd']],
  },
  {
    name: 'multipass', version: '1.15.1', revision: '14535', tracking: 'latest/stable', publisher: canonical,
    // The gui app's desktop plugs are those of multipass 1.15.1's snap/snapcraft.yaml (canonical/multipass tag
    // v1.15.1, apps.gui.plugs). On this server the administrator disconnected x11 and unity7, which connect by
    // themselves, so multipass.gui, started by its autostart entry in an X session, cannot reach the X server
    // (demo/lib/kernel.js logs it).
    plugs: [
      ['auto:all-home', 'home', { read: 'all' }], 'auto:desktop', 'auto:desktop-legacy', 'auto:firewall-control',
      'auto:gsettings', 'auto:home', 'auto:kvm', 'libvirt',
      ['lxd', 'lxd'], 'auto:multipass-support', 'auto:network', 'auto:network-bind', 'auto:network-control',
      'network-manager', 'auto:network-observe', 'auto:opengl', 'removable-media', 'undesired:unity7', 'auto:wayland',
      'undesired:x11',
    ],
  },
  {
    name: 'juju', version: '3.6.11', revision: '31240', tracking: '3.6/stable', publisher: canonical,
    plugs: [
      ['dot-aws', 'personal-files', { read: ['$HOME/.aws'] }],
      ['dot-google', 'personal-files', { read: ['$HOME/.config/gcloud'] }],
      ['dot-kubernetes', 'personal-files', { read: ['$HOME/.kube'] }],
      ['auto:dot-local-share-juju', 'personal-files', { write: ['$HOME/.local/share/juju'] }],
      ['dot-maas', 'personal-files', { read: ['$HOME/.maasrc'] }],
      ['manual:lxd', 'lxd', {}, 'lxd:lxd'],
      ['microk8s', 'content', { content: 'microk8s', target: '$SNAP_DATA/microk8s' }],
      'auto:network', 'auto:network-bind', 'manual:ssh-public-keys',
    ],
  },
  {
    name: 'htop', version: '3.4.1', revision: '5029', tracking: 'latest/stable', publisher: { username: 'maxiberta', validation: 'unproven' },
    // Refreshed 6 h ago from 3.4.0 (4970), which snapd keeps disabled (refresh.retain): the new
    // revision added the plug mount-observe, left unconnected (demo/host-root/snap/htop/*/meta/snap.yaml).
    previousRevisions: [{ revision: '4970', version: '3.4.0' }],
    // system-observe is not auto-connected (deny-auto-connection in its base declaration)
    plugs: ['hardware-observe', 'auto:home', 'mount-observe', 'network-control', 'manual:process-control', 'system-observe'],
  },
  {
    name: 'snappy-debug', version: '0.36-snapd2.59.4', revision: '704', tracking: 'latest/stable', publisher: canonical,
    plugs: ['auto:home', 'log-observe'],
  },
  {
    name: 'certbot', version: '5.1.0', revision: '4986', tracking: 'latest/stable', publisher: { username: 'certbot-eff', validation: 'verified' },
    confinement: 'classic',
    plugs: [['manual:plugin', 'content', { content: 'certbot-1', target: '$SNAP/certbot-plugin' }, 'certbot-dns-cloudflare:certbot']],
    slots: [['certbot-metadata', 'content', { content: 'metadata-1', read: ['$SNAP/certbot-shared'] }]],
  },
  {
    name: 'certbot-dns-cloudflare', version: '5.1.0', revision: '4711', tracking: 'latest/stable', publisher: { username: 'certbot-eff', validation: 'verified' },
    plugs: [['auto:certbot-metadata', 'content', { content: 'metadata-1', target: '$SNAP/certbot-shared' }, 'certbot:certbot-metadata']],
    slots: [['certbot', 'content', { content: 'certbot-1', read: ['$SNAP/lib/python3.12/site-packages'] }]],
  },
  { name: 'aws-cli', version: '2.31.2', revision: '1470', tracking: 'latest/stable', publisher: { username: 'aws', validation: 'verified' }, confinement: 'classic' },
  { name: 'go', version: '1.25.4', revision: '11018', tracking: '1.25/stable', publisher: canonical, confinement: 'classic' },
  {
    // a tool under development on this server: a local --devmode install
    name: 'acme-agent', version: '0.4.0-dev+git3f9c2e1', revision: 'x3', tracking: null, publisher: null, confinement: 'devmode',
    // udisks2 (disk health): an interface the dashboard has no explanation of, so its page shows snapd's own
    // summary and "unknown risk"; not connected (deny-auto-connection, snapd interfaces/builtin/udisks2.go)
    plugs: ['auto:home', 'log-observe', 'auto:network', 'auto:network-bind', 'network-observe', 'system-observe', 'udisks2'],
  },
];

function build() {
  const state = {
    schema: SCHEMA,
    referenceTime: new Date(REFERENCE).toISOString(),
    system: {
      version: [
        ['snap', '2.68.5'],
        ['snapd', '2.68.5'],
        ['series', '16'],
        ['ubuntu', '24.04'],
        ['kernel', '6.8.0-60-generic'],
        ['architecture', 'amd64'],
      ],
      confinement: 'strict',
      sandboxFeatures: {
        apparmor: [
          'kernel:caps', 'kernel:dbus', 'kernel:domain', 'kernel:file', 'kernel:io_uring', 'kernel:ipc', 'kernel:mount',
          'kernel:mqueue', 'kernel:namespaces', 'kernel:network', 'kernel:network_v8', 'kernel:policy', 'kernel:ptrace',
          'kernel:query', 'kernel:rlimit', 'kernel:signal', 'kernel:userns', 'parser:cap-audit-read', 'parser:cap-bpf',
          'parser:include-if-exists', 'parser:mqueue', 'parser:qipcrtr-socket', 'parser:snapd-internal', 'parser:unconfined',
          'parser:unsafe', 'parser:userns', 'parser:xdp', 'policy:default', 'support-level:full',
        ],
        'confinement-options': ['classic', 'devmode', 'strict'],
        dbus: ['mediated-bus-access'],
        kmod: ['mediated-modprobe'],
        mount: ['layouts', 'mount-namespace', 'per-snap-persistency', 'per-snap-profiles', 'per-snap-updates', 'per-snap-user-profiles', 'stale-base-invalidation'],
        seccomp: ['bpf-actlog', 'bpf-argument-filtering', 'kernel:allow', 'kernel:errno', 'kernel:kill_process', 'kernel:kill_thread', 'kernel:log', 'kernel:trace', 'kernel:trap', 'kernel:user_notif'],
        udev: ['device-cgroup-v2', 'device-filtering', 'tagging'],
      },
      systemSnap: 'snapd',
    },
    interfaces: catalog.summaries,
    snaps: [],
    plugs: [],
    slots: [],
    connections: [],
    undesired: [],
    changes: [],
    // What the simulated store offers for `snap refresh --list` (cmd_snap_op.go listRefresh).
    store: { refreshes: [{ name: 'firefox', version: '146.0-1', revision: '7423', size: '287MB' }] },
    nextChangeId: 1,
    nextTaskId: 1,
  };

  for (const name of catalog.implicitSlots) state.slots.push({ snap: 'snapd', slot: name, interface: name });

  const pendingConns = [];
  for (const spec of SNAPS) {
    const snap = {
      name: spec.name,
      version: spec.version,
      revision: spec.revision,
      tracking: spec.tracking,
      publisher: spec.publisher,
      type: spec.type || 'app',
      confinement: spec.confinement || 'strict',
      status: 'active',
    };
    if (spec.health) snap.health = spec.health;
    if (spec.hold) snap.hold = spec.hold;
    if (spec.previousRevisions) snap.previousRevisions = spec.previousRevisions;
    state.snaps.push(snap);
    for (const p of spec.plugs || []) {
      const [rawName, iface, attrs, target] = typeof p === 'string' ? [p] : p;
      const m = /^(auto|manual|undesired):(.*)$/.exec(rawName);
      const plugName = m ? m[2] : rawName;
      const plug = { snap: spec.name, plug: plugName, interface: iface || plugName };
      if (attrs && Object.keys(attrs).length) plug.attrs = attrs;
      if (spec.plugApps && spec.plugApps[plugName]) plug.apps = spec.plugApps[plugName];
      state.plugs.push(plug);
      if (m || target) {
        const [slotSnap, slotName] = (target || `snapd:${plug.interface}`).split(':');
        pendingConns.push({ plug, slotSnap, slotName, manual: !!m && m[1] === 'manual', undesired: !!m && m[1] === 'undesired' });
      }
    }
    for (const s of spec.slots || []) {
      const [slotName, iface, attrs] = s;
      const slot = { snap: spec.name, slot: slotName, interface: iface };
      if (attrs && Object.keys(attrs).length) slot.attrs = attrs;
      state.slots.push(slot);
    }
  }
  for (const c of pendingConns) {
    const slot = state.slots.find((s) => s.snap === c.slotSnap && s.slot === c.slotName);
    if (!slot) throw new Error(`no slot ${c.slotSnap}:${c.slotName} for ${c.plug.snap}:${c.plug.plug}`);
    if (slot.interface !== c.plug.interface) throw new Error(`interface mismatch ${c.plug.snap}:${c.plug.plug}`);
    const conn = {
      plug: { snap: c.plug.snap, plug: c.plug.plug },
      slot: { snap: slot.snap, slot: slot.slot },
      interface: slot.interface,
      manual: c.manual,
      gadget: false,
    };
    // as demo/lib/model.js records a disconnected automatic connection (snapd's "undesired")
    if (c.undesired) state.undesired.push({ ...conn, manual: true });
    else state.connections.push(conn);
  }

  // MicroK8s' health message lists what is still missing.
  const mk = state.snaps.find((s) => s.name === 'microk8s');
  const missing = MICROK8S_REQUIRED.filter((p) => !state.connections.some((c) => c.plug.snap === 'microk8s' && c.plug.plug === p));
  mk.health.message = `You must connect ${missing.join(' ')} before proceeding`;

  buildChanges(state);

  // The kernel log (demo/lib/kernel.js): the server booted 8 h before "now";
  // MicroK8s was installed later (its daemons log nothing before), and the
  // manual connections below were made at the times of their changes.
  state.kernel = {
    seed: 1,
    bootTime: at(8 * 60, -37.412),
    hostname: 'lab-server',
    installed: { microk8s: at(3 * 60 + 5) },
    history: state.changes
      .filter((c) => c.kind === 'connect-snap')
      .map((c) => ({ time: c.readyTime, plug: c.summary.split(' ')[1], connected: true })),
  };
  // What `microk8s status` reports (demo/lib/microk8s.js) once the snap is healthy.
  state.microk8s = {
    stopped: false,
    ha: { enabled: true, nodes: [['127.0.0.1:19001', 'voter']] },
    enabled: ['core/community', 'core/dns', 'core/ha-cluster', 'core/helm3', 'core/hostpath-storage', 'core/metrics-server', 'core/rbac'],
  };
  return state;
}

function at(minutesBefore, plusSeconds) {
  return new Date(REFERENCE - minutesBefore * 60000 + (plusSeconds || 0) * 1000).toISOString();
}

function buildChanges(state) {
  let changeId = 117;
  let taskId = 2310;
  const add = (kind, summary, snapNames, minutesBefore, taskSummaries) => {
    const tasks = taskSummaries.map((summary, i) => ({
      id: String(taskId++),
      kind: summary.split(' ')[0].toLowerCase(),
      summary,
      status: 'Done',
      spawnTime: at(minutesBefore, 0),
      readyTime: at(minutesBefore, Math.min(1 + i, 40)),
      log: [],
    }));
    state.changes.push({
      id: String(changeId++),
      kind,
      summary,
      status: 'Done',
      spawnTime: at(minutesBefore, 0),
      readyTime: at(minutesBefore, Math.min(1 + taskSummaries.length, 41)),
      snapNames,
      tasks,
    });
  };

  const refresh = (name, rev, oldRev, channel) => [
    `Ensure prerequisites for "${name}" are available`,
    `Download snap "${name}" (${rev}) from channel "${channel}"`,
    `Fetch and check assertions for snap "${name}" (${rev})`,
    `Mount snap "${name}" (${rev})`,
    `Run pre-refresh hook of "${name}" snap if present`,
    `Stop snap "${name}" services`,
    `Remove aliases for snap "${name}"`,
    `Make current revision for snap "${name}" unavailable`,
    `Copy snap "${name}" data`,
    `Setup snap "${name}" (${rev}) security profiles`,
    `Make snap "${name}" (${rev}) available to the system`,
    `Automatically connect eligible plugs and slots of snap "${name}"`,
    `Set automatic aliases for snap "${name}"`,
    `Setup snap "${name}" aliases`,
    `Run post-refresh hook of "${name}" snap if present`,
    `Start snap "${name}" (${rev}) services`,
    `Remove data for snap "${name}" (${oldRev})`,
    `Remove snap "${name}" (${oldRev}) from the system`,
    `Clean up "${name}" (${rev}) install`,
    `Run configure hook of "${name}" snap if present`,
    `Run health check of "${name}" snap`,
    `Handling re-refresh of "${name}" as needed`,
  ];
  add('auto-refresh', 'Auto-refresh snap "firefox"', ['firefox'], 19 * 60 + 12, refresh('firefox', '7355', '7298', 'latest/stable'));
  // snapd's summary for `snap refresh htop` (daemon/api_snaps.go snapUpdate); 4970 is kept, so not removed.
  add('refresh-snap', 'Refresh "htop" snap', ['htop'], 6 * 60, refresh('htop', '5029', '4970', 'latest/stable').filter((t) => !t.startsWith('Remove ')));

  const mk = [
    'Ensure prerequisites for "microk8s" are available',
    'Download snap "microk8s" (7970) from channel "1.31-strict/stable"',
    'Fetch and check assertions for snap "microk8s" (7970)',
    'Mount snap "microk8s" (7970)',
    'Copy snap "microk8s" data',
    'Setup snap "microk8s" (7970) security profiles',
    'Make snap "microk8s" (7970) available to the system',
    'Automatically connect eligible plugs and slots of snap "microk8s"',
    'Set automatic aliases for snap "microk8s"',
    'Setup snap "microk8s" aliases',
    'Run install hook of "microk8s" snap if present',
    'Start snap "microk8s" (7970) services',
    'Run configure hook of "microk8s" snap if present',
    'Run health check of "microk8s" snap',
    'Connect microk8s:home to snapd:home',
    'Connect microk8s:network to snapd:network',
    'Connect microk8s:network-bind to snapd:network-bind',
    'Connect microk8s:opengl to snapd:opengl',
    'Setup snap "microk8s" (7970) security profiles for auto-connections',
  ];
  add('install-snap', 'Install "microk8s" snap from "1.31-strict/stable" channel', ['microk8s'], 3 * 60 + 5, mk);
  add('connect-snap', 'Connect htop:process-control to snapd:process-control', ['htop', 'snapd'], 2 * 60 + 41, ['Connect htop:process-control to snapd:process-control']);
  add('connect-snap', 'Connect juju:lxd to lxd:lxd', ['juju', 'lxd'], 97, ['Connect juju:lxd to lxd:lxd']);
  add('connect-snap', 'Connect juju:ssh-public-keys to snapd:ssh-public-keys', ['juju', 'snapd'], 95, ['Connect juju:ssh-public-keys to snapd:ssh-public-keys']);
  add('connect-snap', 'Connect certbot:plugin to certbot-dns-cloudflare:certbot', ['certbot', 'certbot-dns-cloudflare'], 58, [
    'Connect certbot:plugin to certbot-dns-cloudflare:certbot',
  ]);
  state.nextChangeId = changeId;
  state.nextTaskId = taskId;
}

if (require.main === module) {
  const out = path.join(__dirname, 'initial.json');
  fs.writeFileSync(out, JSON.stringify(build(), null, 1) + '\n');
  console.log(`wrote ${out}`);
}

module.exports = { build, MICROK8S_REQUIRED };
