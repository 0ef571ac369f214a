'use strict';
/**
 * The demo host's kernel log: what `journalctl -k` and `dmesg` read.
 *
 * The log is a pure function of the state: the boot time and seed in
 * state.kernel, the snaps and their plugs, and the history of connections.
 * Time is cut into slots; each denial slot (every ~20 s) picks one "denial
 * kind" (a confined process that keeps trying something its profile does not
 * allow) and prints its lines if the kind is active at that moment: its snap is
 * installed and no plug that would grant the access is connected. Connecting
 * the plug therefore stops new lines of that kind, while the old lines stay.
 * Ordinary kernel lines (firewall, bridge ports, loop devices) fill other slots.
 *
 * Because a slot's outcome depends only on the state at the slot's time (the
 * connection history is append-only), a line never changes once printed, and
 * sequence numbers and cursors stay valid.
 *
 * With DEMO_SCALE the history up to the state's creation is written once to a
 * file beside the state (state.kernel.frozen) and only what came later is
 * computed on each call.
 *
 * Line formats: AppArmor (type=1400) and seccomp (type=1326) audit records as
 * the kernel prints them, modelled on real lines (test/fixtures/denials/,
 * snapd-lab transcript 78, shared reference §4.2); see demo/README.md for
 * which other lines are modelled from memory.
 */

const fs = require('node:fs');
const path = require('node:path');
const { mix, strHash } = require('./prng.js');

const SEC = 1000;
const US = 1000; // µs per ms

const { capBody, fileBody, netBody, ptraceBody, seccompBody, statusBody, umountBody, unixConnectBody, ROOT, USER } = require('./audit-records.js');

// --------------------------------------------------------------- what grants what
// Interfaces whose plug-side policy allows each access, as lib/denials/suggest.ts
// computes them from snapd 2.76.3's policy (candidates + privileged); checked by
// test/demo/kernel-log.test.ts.
const G = {
  procMounts: ['mount-observe', 'network-control', 'nfs-mount', 'browser-support', 'docker-support'],
  netAdmin: ['bluetooth-control', 'firewall-control', 'netlink-audit', 'netlink-connector', 'netlink-driver', 'network-control', 'qualcomm-ipc-router', 'kubernetes-support'],
  netRaw: ['firewall-control', 'network-control', 'network-observe'],
  netlinkRaw: ['account-control', 'hardware-observe', 'kernel-crypto-api', 'network-control', 'network-observe', 'raw-input', 'unity7', 'x11'],
  schedSetattr: ['process-control', 'docker-support'],
  setpriority: ['process-control', 'auditd-support', 'browser-support', 'docker-support'],
  dmiProductName: ['hardware-observe', 'browser-support'],
  varLogSyslog: ['log-observe', 'system-backup'],
  varLogWtmp: ['log-observe', 'login-session-observe', 'system-backup'],
  fsetid: ['account-control', 'browser-support', 'classic-support', 'greengrass-support', 'kubernetes-support'],
  ptraceRead: ['system-observe'],
  procModules: ['hardware-observe', 'kernel-module-observe', 'network-observe', 'opengl', 'system-observe', 'docker-support', 'kernel-module-control'],
  media: ['removable-media', 'system-backup', 'dm-crypt'],
  video: ['camera', 'docker-support'],
  dri: ['opengl', 'docker-support'],
  sshPub: ['ssh-keys', 'ssh-public-keys', 'system-backup'],
  homeFile: ['home', 'system-backup'],
  dotKube: ['system-backup'],
  cgroupCpuMax: ['kubernetes-support'],
  procMaps: ['docker-support'],
  // unix-policy.json has no x11 rule: both reach the X server through <abstractions/X> (suggest-unix.ts)
  x11Server: ['unity7', 'x11'],
  // mount-policy.json: network-control's `umount /run/netns/*,`
  netnsUmount: ['network-control'],
  none: [],
};

// --------------------------------------------------------------- denial kinds

/**
 * A kind: { id, snap, weight, burst, grants (interfaces), grantPlugs (plug
 * names granted by attributes, e.g. personal-files), render(ctx) → { type, body } }; `app`, where its plugs are
 * bound to some apps only (state plug `apps`): only plugs bound to that app grant it, as snapd puts a plug's
 * rules only in those apps' profiles. (MicroK8s's account-control is bound to `microk8s` and `reset`: its
 * cluster agent's fsetid denial is one no plug of that app allows.)
 * ctx: { pid, h (a hash for this line), i (index in the burst), mode }.
 */
function builtinKinds(snap, state) {
  const name = snap.name;
  const exe = (p) => `/snap/${name}/${snap.revision}/${p}`;
  const prof = (app) => `snap.${name}.${app}`;
  const ip = (h) => '7f' + (h % 0xffffffff).toString(16).padStart(8, '0') + ((h >>> 7) % 0xff).toString(16).padStart(2, '0');
  const has = (n) => state.snaps.some((s) => s.name === n);
  switch (name) {
    case 'microk8s':
      return [
        { app: 'daemon-kubelite', id: 'mounts', weight: 6, burst: 3, grants: G.procMounts, render: (c) => ({ type: 1400, body: fileBody(c.mode, prof('daemon-kubelite'), `/proc/${c.pid}/mounts`, c.pid, 'kubelite', 'r', 0, 0) }) },
        { app: 'daemon-kubelite', id: 'net-admin', weight: 4, burst: 2, grants: G.netAdmin, render: (c) => ({ type: 1400, body: capBody(c.mode, prof('daemon-kubelite'), c.pid, 'kubelite', 12, 'net_admin') }) },
        { app: 'daemon-kubelite', id: 'netlink-raw', weight: 4, burst: 2, grants: G.netlinkRaw, render: (c) => ({ type: 1400, body: netBody(c.mode, prof('daemon-kubelite'), c.pid, 'kubelite', 'netlink', 'raw', 0) }) },
        { app: 'daemon-containerd', id: 'sched-setattr', weight: 3, burst: 2, grants: G.schedSetattr, render: (c) => ({ type: 1326, body: seccompBody(ROOT, prof('daemon-containerd'), c.pid, 'containerd', exe('bin/containerd'), 314, ip(c.h)) }) },
        { app: 'daemon-kubelite', id: 'dmi', weight: 2, burst: 1, grants: G.dmiProductName, render: (c) => ({ type: 1400, body: fileBody(c.mode, prof('daemon-kubelite'), '/sys/devices/virtual/dmi/id/product_name', c.pid, 'kubelite', 'r', 0, 0) }) },
        { app: 'microk8s', id: 'syslog', weight: 2, burst: 1, grants: G.varLogSyslog, render: (c) => ({ type: 1400, body: fileBody(c.mode, prof('microk8s'), '/var/log/syslog', c.pid, 'microk8s', 'r', 0, 102) }) },
        { app: 'daemon-cluster-agent', id: 'fsetid', weight: 2, burst: 2, grants: G.fsetid, render: (c) => ({ type: 1400, body: capBody(c.mode, prof('daemon-cluster-agent'), c.pid + c.i, 'sed', 4, 'fsetid') }) },
        { app: 'daemon-kubelite', id: 'proc-modules', weight: 1, burst: 1, grants: G.procModules, render: (c) => ({ type: 1400, body: fileBody(c.mode, prof('daemon-kubelite'), '/proc/modules', c.pid, 'kubelite', 'r', 0, 0) }) },
        { app: 'daemon-kubelite', id: 'ptrace', weight: 2, burst: 2, grants: G.ptraceRead, render: (c) => ({ type: 1400, body: ptraceBody(c.mode, prof('daemon-kubelite'), c.pid, 'kubelite', 'unconfined') }) },
        // Pods torn down: containerd unmounts their network namespaces (CNI's /var/run/netns/cni-<uuid>, which
        // AppArmor names /run/netns/…) and retries the same two sandboxes while it is refused
        { app: 'daemon-containerd', id: 'netns-umount', weight: 2, burst: 1, grants: G.netnsUmount, render: (c) => ({ type: 1400, body: umountBody(c.mode, prof('daemon-containerd'), NETNS[c.h % NETNS.length], c.pid, 'containerd') }) },
      ];
    case 'htop': {
      // htop reads every process; system-observe grants `ptrace (read),` (any peer)
      const peers = ['unconfined', 'unconfined', 'rsyslogd'];
      if (has('lxd')) peers.push('snap.lxd.daemon');
      return [
        { id: 'ptrace', weight: 3, burst: 4, grants: G.ptraceRead, render: (c) => ({ type: 1400, body: ptraceBody(c.mode, prof('htop'), c.pid, 'htop', peers[(c.h + c.i) % peers.length]) }) },
        { id: 'renice', weight: 1, burst: 1, grants: G.setpriority, render: (c) => ({ type: 1326, body: seccompBody(USER, prof('htop'), c.pid, 'htop', exe('usr/bin/htop'), 141, ip(c.h)) }) },
      ];
    }
    case 'firefox':
      return [
        { id: 'pkey-alloc', weight: 2, burst: 1, grants: G.none, render: (c) => ({ type: 1326, body: seccompBody(USER, prof('firefox'), c.pid, 'firefox', exe('usr/lib/firefox/firefox'), 330, ip(c.h)) }) },
        { id: 'media', weight: 1, burst: 2, grants: G.media, render: (c) => ({ type: 1400, body: fileBody(c.mode, prof('firefox'), '/media/ubuntu/BACKUP/', c.pid, 'firefox', 'r', 1000, 1000) }) },
        { id: 'camera', weight: 1, burst: 1, grants: G.video, render: (c) => ({ type: 1400, body: fileBody(c.mode, prof('firefox'), '/dev/video0', c.pid, 'firefox', 'wr', 1000, 0) }) },
        // a thread name with a space: the kernel prints comm hex-encoded
        { id: 'cgroup', weight: 1, burst: 1, grants: G.cgroupCpuMax, render: (c) => ({ type: 1400, body: fileBody(c.mode, prof('firefox'), '/sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service/app.slice/cpu.max', c.pid, 'Socket Thread', 'r', 1000, 0) }) },
        { id: 'update-ns', weight: 1, burst: 1, grants: G.procMaps, render: (c) => ({ type: 1400, body: fileBody(c.mode, `snap-update-ns.${name}`, `/proc/${c.pid}/maps`, c.pid, '5', 'r', 1000, 0) }) },
      ];
    case 'multipass':
      // its generic kinds, and multipass.gui (autostarted in an X session) calling the X server once x11 and
      // unity7 are disconnected
      return [
        ...genericKinds(snap, state),
        { id: 'x11', weight: 2, burst: 2, grants: G.x11Server, render: (c) => ({ type: 1400, body: unixConnectBody(c.mode, prof('gui'), c.pid, 'multipass_gui', '@/tmp/.X11-unix/X0', 'unconfined') }) },
      ];
    case 'juju':
      return [
        { id: 'ssh-pub', weight: 1, burst: 1, grants: G.sshPub, render: (c) => ({ type: 1400, body: fileBody(c.mode, prof('juju'), '/home/ubuntu/.ssh/id_ed25519.pub', c.pid, 'juju', 'r', 1000, 1000) }) },
        // read by the personal-files plug "dot-kubernetes" (read: $HOME/.kube)
        { id: 'dot-kube', weight: 1, burst: 1, grants: G.dotKube, grantPlugs: ['dot-kubernetes'], render: (c) => ({ type: 1400, body: fileBody(c.mode, prof('juju'), '/home/ubuntu/.kube/config', c.pid, 'juju', 'r', 1000, 1000) }) },
      ];
    default:
      return null;
  }
}

/** Network namespaces of two pod sandboxes whose teardown MicroK8s' containerd keeps retrying. */
const NETNS = ['/run/netns/cni-6f1d2c3a-94be-4e57-8a0d-2b7c9e41f5d8', '/run/netns/cni-b83e07f4-1c5a-4d92-9f36-70ad5e2c18b4'];

/** Kinds for a snap without built-in ones: one per plug whose interface has a typical denial. */
const GENERIC = {
  'mount-observe': (p) => ({ grants: G.procMounts, user: ROOT, render: (c) => ({ type: 1400, body: fileBody(c.mode, p.profile, `/proc/${c.pid}/mounts`, c.pid, p.comm, 'r', 0, 0) }) }),
  'hardware-observe': (p) => ({ grants: G.dmiProductName, render: (c) => ({ type: 1400, body: fileBody(c.mode, p.profile, '/sys/devices/virtual/dmi/id/product_name', c.pid, p.comm, 'r', 0, 0) }) }),
  'network-control': (p) => ({ grants: G.netAdmin, render: (c) => ({ type: 1400, body: capBody(c.mode, p.profile, c.pid, p.comm, 12, 'net_admin') }) }),
  'firewall-control': (p) => ({ grants: G.netRaw, render: (c) => ({ type: 1400, body: capBody(c.mode, p.profile, c.pid, p.comm, 13, 'net_raw') }) }),
  'network-observe': (p) => ({ grants: G.netlinkRaw, render: (c) => ({ type: 1400, body: netBody(c.mode, p.profile, c.pid, p.comm, 'netlink', 'raw', 0) }) }),
  'log-observe': (p) => ({ grants: G.varLogSyslog, render: (c) => ({ type: 1400, body: fileBody(c.mode, p.profile, '/var/log/syslog', c.pid, p.comm, 'r', 0, 102) }) }),
  'login-session-observe': (p) => ({ grants: G.varLogWtmp, render: (c) => ({ type: 1400, body: fileBody(c.mode, p.profile, '/var/log/wtmp', c.pid, p.comm, 'r', 0, 0) }) }),
  'system-observe': (p) => ({ grants: G.ptraceRead, render: (c) => ({ type: 1400, body: ptraceBody(c.mode, p.profile, c.pid, p.comm, 'unconfined') }) }),
  'process-control': (p) => ({ grants: G.schedSetattr, render: (c) => ({ type: 1326, body: seccompBody(ROOT, p.profile, c.pid, p.comm, p.exe, 314, (0x7f0000000000 + (c.h % 0xffffffffff)).toString(16)) }) }),
  'kernel-module-observe': (p) => ({ grants: G.procModules, render: (c) => ({ type: 1400, body: fileBody(c.mode, p.profile, '/proc/modules', c.pid, p.comm, 'r', 0, 0) }) }),
  'account-control': (p) => ({ grants: G.fsetid, render: (c) => ({ type: 1400, body: capBody(c.mode, p.profile, c.pid, p.comm, 4, 'fsetid') }) }),
  home: (p) => ({ grants: G.homeFile, render: (c) => ({ type: 1400, body: fileBody(c.mode, p.profile, '/home/ubuntu/Documents/report.pdf', c.pid, p.comm, 'r', 1000, 1000) }) }),
  'removable-media': (p) => ({ grants: G.media, render: (c) => ({ type: 1400, body: fileBody(c.mode, p.profile, '/media/ubuntu/BACKUP/', c.pid, p.comm, 'r', 1000, 1000) }) }),
  camera: (p) => ({ grants: G.video, render: (c) => ({ type: 1400, body: fileBody(c.mode, p.profile, '/dev/video0', c.pid, p.comm, 'wr', 1000, 0) }) }),
  opengl: (p) => ({ grants: G.dri, render: (c) => ({ type: 1400, body: fileBody(c.mode, p.profile, '/dev/dri/renderD128', c.pid, p.comm, 'wr', 0, 0) }) }),
  'ssh-public-keys': (p) => ({ grants: G.sshPub, render: (c) => ({ type: 1400, body: fileBody(c.mode, p.profile, '/home/ubuntu/.ssh/id_ed25519.pub', c.pid, p.comm, 'r', 1000, 1000) }) }),
};

/** The app name the demo gives a snap's main command ("acme-tool-017" → "acme-tool-017"). */
function mainApp(snap) {
  return snap.apps && snap.apps[0] ? snap.apps[0] : snap.name;
}

function genericKinds(snap, state) {
  const plugs = state.plugs.filter((p) => p.snap === snap.name && GENERIC[p.interface]);
  if (plugs.length === 0) return [];
  const app = mainApp(snap);
  const p = { profile: `snap.${snap.name}.${app}`, comm: app.slice(0, 15), exe: `/snap/${snap.name}/${snap.revision}/bin/${app}` };
  // at most three plugs per snap, always the same ones
  const chosen = plugs
    .map((plug) => ({ plug, order: strHash(snap.name + ':' + plug.plug) }))
    .sort((a, b) => a.order - b.order)
    .slice(0, 3);
  return chosen.map(({ plug }) => {
    const g = GENERIC[plug.interface](p);
    return { id: 'plug-' + plug.plug, weight: 1, burst: 2, grants: g.grants, grantPlugs: [plug.plug], render: g.render };
  });
}

// --------------------------------------------------------------- the model of one host

function systemSnapOf(state) {
  return (state.system && state.system.systemSnap) || 'snapd';
}

/**
 * Everything the generator needs, built once per invocation from the state.
 */
function buildModel(state) {
  const k = state.kernel;
  const seed = Number(k.seed) || 1;
  const boot = Date.parse(k.bootTime);

  // connection state of every plug now, and its transitions over time
  const connectedNow = new Set(state.connections.map((c) => c.plug.snap + ':' + c.plug.plug));
  const transitions = new Map();
  for (const e of k.history || []) {
    const t = Date.parse(e.time);
    if (Number.isNaN(t)) continue;
    if (!transitions.has(e.plug)) transitions.set(e.plug, []);
    transitions.get(e.plug).push({ t, after: !!e.connected });
  }
  for (const list of transitions.values()) list.sort((a, b) => a.t - b.t);
  const connectedAt = (key, t) => {
    const list = transitions.get(key);
    if (list) {
      for (const e of list) if (e.t > t) return !e.after;
    }
    return connectedNow.has(key);
  };

  const installed = {};
  for (const [name, iso] of Object.entries(k.installed || {})) installed[name] = Date.parse(iso);

  const kinds = [];
  for (const snap of state.snaps) {
    const type = snap.type || 'app';
    if (type !== 'app') continue;
    if ((snap.confinement || 'strict') === 'classic') continue; // classic snaps run unconfined
    if (snap.status && snap.status !== 'active') continue;
    const list = builtinKinds(snap, state) || genericKinds(snap, state);
    const devmode = snap.confinement === 'devmode' && !snap.jailmode; // complain mode: ALLOWED
    const plugsOf = state.plugs.filter((p) => p.snap === snap.name);
    for (const kind of list) {
      const grants = new Set(kind.grants);
      const bound = (p) => !kind.app || !Array.isArray(p.apps) || p.apps.includes(kind.app);
      const grantKeys = plugsOf.filter((p) => bound(p) && (grants.has(p.interface) || (kind.grantPlugs || []).includes(p.plug))).map((p) => p.snap + ':' + p.plug);
      kinds.push({
        ...kind,
        id: snap.name + '/' + kind.id,
        snap: snap.name,
        mode: devmode ? 'ALLOWED' : 'DENIED',
        since: installed[snap.name] || null,
        grantKeys,
        pid: 900 + (mix(seed, strHash(snap.name + '/' + kind.id)) % 60000),
      });
    }
  }
  // snapd's helpers: snap-confine asks for capabilities it does not need (no interface grants them)
  const sys = state.snaps.find((s) => s.name === systemSnapOf(state) && s.type === 'snapd');
  if (sys && kinds.length) {
    const confine = `/snap/snapd/${sys.revision}/usr/lib/snapd/snap-confine`;
    kinds.push(
      { id: 'snap-confine/net-admin', snap: null, weight: 1, burst: 1, grantKeys: [], mode: 'DENIED', since: null, pid: 0, dynamicPid: true, render: (c) => ({ type: 1400, body: capBody(c.mode, confine, c.pid, 'snap-confine', 12, 'net_admin') }) },
      { id: 'snap-confine/perfmon', snap: null, weight: 1, burst: 1, grantKeys: [], mode: 'DENIED', since: null, pid: 0, dynamicPid: true, render: (c) => ({ type: 1400, body: capBody(c.mode, confine, c.pid, 'snap-confine', 38, 'perfmon') }) },
    );
  }
  const cum = new Float64Array(kinds.length);
  let total = 0;
  kinds.forEach((kind, i) => {
    total += kind.weight;
    cum[i] = total;
  });

  const isActive = (kind, tMs) => {
    if (kind.since !== null && tMs < kind.since) return false;
    for (const key of kind.grantKeys) if (connectedAt(key, tMs)) return false;
    return true;
  };

  // snaps whose profiles are (re)loaded: at boot, and when a connection changes
  const profilesOf = (snapName) => {
    const snap = state.snaps.find((s) => s.name === snapName);
    if (!snap || (snap.type || 'app') !== 'app' || snap.confinement === 'classic') return [];
    // content-only snaps (themes, runtimes) have no apps and so no profiles
    const apps = snapApps(state, snapName);
    if (apps.length === 0) return [];
    return [`snap-update-ns.${snapName}`, ...apps.map((a) => `snap.${snapName}.${a}`)];
  };

  return { state, seed, boot, kinds, cum, total, isActive, profilesOf, history: k.history || [] };
}

/**
 * The apps of a demo snap: those the demo knows (PROFILES), the state's, or its main command when it has plugs.
 * A plug that names no apps is bound to all of them, as snapd binds an unscoped plug (snap/info_snap_yaml.go
 * bindUnscopedPlugs).
 */
function snapApps(state, snapName) {
  const snap = state.snaps.find((s) => s.name === snapName);
  if (!snap) return [];
  return PROFILES[snapName] || (snap.apps ? snap.apps : state.plugs.some((p) => p.snap === snapName) ? [mainApp(snap)] : []);
}

/** The apps (AppArmor profiles) of the snaps the demo knows. */
const PROFILES = {
  microk8s: ['daemon-apiserver-kicker', 'daemon-apiserver-proxy', 'daemon-cluster-agent', 'daemon-containerd', 'daemon-etcd', 'daemon-flanneld', 'daemon-k8s-dqlite', 'daemon-kubelite', 'kubectl', 'microk8s'],
  firefox: ['firefox', 'geckodriver'],
  lxd: ['activate', 'daemon', 'lxc', 'lxd', 'user-daemon'],
  multipass: ['gui', 'multipass', 'multipassd'],
  juju: ['juju'],
  htop: ['htop'],
  'snappy-debug': ['security', 'snappy-debug'],
  'certbot-dns-cloudflare': [],
  'acme-agent': ['acme-agent', 'daemon'],
};

// --------------------------------------------------------------- ordinary kernel lines

const BLOCK_PORTS = [22, 23, 80, 443, 2375, 3389, 5900, 6379, 8080, 8443, 9200, 10250, 16443, 25000];
const WINDOWS = [1024, 14600, 29200, 65535];

function ip4(h) {
  const nets = ['198.51.100', '203.0.113', '192.0.2'];
  return `${nets[h % 3]}.${1 + ((h >>> 3) % 253)}`;
}

function ufwBlock(h) {
  const h2 = mix(h, 1);
  const src = ip4(h);
  if (h2 % 9 === 0) {
    const spt = 1024 + (h2 % 60000);
    const dpt = [53, 123, 161, 1900, 5353][h2 % 5];
    return `[UFW BLOCK] IN=enp1s0 OUT= MAC=52:54:00:6b:3c:58:52:54:00:12:35:02:08:00 SRC=${src} DST=10.20.0.15 LEN=${60 + (h2 % 80)} TOS=0x00 PREC=0x00 TTL=${44 + (h2 % 200)} ID=${h2 % 65536} PROTO=UDP SPT=${spt} DPT=${dpt} LEN=${40 + (h2 % 80)} `;
  }
  const len = [40, 44, 52, 60][h2 % 4];
  return `[UFW BLOCK] IN=enp1s0 OUT= MAC=52:54:00:6b:3c:58:52:54:00:12:35:02:08:00 SRC=${src} DST=10.20.0.15 LEN=${len} TOS=0x00 PREC=0x00 TTL=${44 + (h2 % 200)} ID=${h2 % 65536} ${h2 % 2 ? 'DF ' : ''}PROTO=TCP SPT=${1024 + ((h2 >>> 4) % 64000)} DPT=${BLOCK_PORTS[(h2 >>> 9) % BLOCK_PORTS.length]} WINDOW=${WINDOWS[(h2 >>> 13) % 4]} RES=0x00 SYN URGP=0 `;
}

/** A container starting on the LXD bridge: the port goes blocking → forwarding. */
function bridgePort(h) {
  const veth = 'veth' + (mix(h, 2) >>> 0).toString(16).padStart(8, '0');
  const port = 1 + (h % 6);
  return [
    [`lxdbr0: port ${port}(${veth}) entered blocking state`, 0],
    [`lxdbr0: port ${port}(${veth}) entered disabled state`, 40],
    [`${veth}: entered allmulticast mode`, 90],
    [`${veth}: entered promiscuous mode`, 130],
    [`lxdbr0: port ${port}(${veth}) entered blocking state`, 900000],
    [`lxdbr0: port ${port}(${veth}) entered forwarding state`, 900050],
  ];
}

const ORDINARY = [
  { weight: 10, prio: 4, lines: (h) => [[ufwBlock(h), 0]] },
  { weight: 3, prio: 6, lines: bridgePort },
  { weight: 1, prio: 6, lines: (h) => [[`loop${10 + (h % 40)}: detected capacity change from 0 to ${[8, 129584, 151720, 182392, 1034424][h % 5]}`, 0]] },
  { weight: 0.2, prio: 6, lines: (h) => [[`perf: interrupt took too long (${2502 + (h % 3000)} > ${2500 + (h % 2990)}), lowering kernel.perf_event_max_sample_rate to ${[79750, 63750, 50000, 39750][h % 4]}`, 0]] },
];
const ORD_CUM = [];
let ordTotal = 0;
for (const o of ORDINARY) ORD_CUM.push((ordTotal += o.weight));

// --------------------------------------------------------------- boot

function bootLines(model) {
  const { state } = model;
  const kernel = ((state.system && state.system.version) || []).find((kv) => kv[0] === 'kernel');
  const release = kernel ? kernel[1] : '6.8.0-60-generic';
  const out = [];
  if (release === '6.8.0-60-generic') {
    // verbatim from a real Ubuntu 24.04 boot
    out.push([0, 5, 'Linux version 6.8.0-60-generic (buildd@lcy02-amd64-054) (x86_64-linux-gnu-gcc-13 (Ubuntu 13.3.0-6ubuntu2~24.04) 13.3.0, GNU ld (GNU Binutils for Ubuntu) 2.42) #63-Ubuntu SMP PREEMPT_DYNAMIC Tue Apr 15 19:04:15 UTC 2025 (Ubuntu 6.8.0-60.63-generic 6.8.12)']);
  }
  out.push([0, 6, `Command line: BOOT_IMAGE=/vmlinuz-${release} root=/dev/mapper/ubuntu--vg-ubuntu--lv ro`]);
  out.push([62431, 6, 'AppArmor: AppArmor initialized']);
  out.push([471022, 6, 'audit: initializing netlink subsys (disabled)']);
  out.push([471388, 5, { type: 2000, body: 'state=initialized audit_enabled=0 res=1', skip: 0 }]);
  out.push([1530118, 6, 'AppArmor: AppArmor Filesystem Enabled']);
  // snapd.apparmor.service loads every snap profile early in the boot
  let t = 9811402;
  let pid = 700 + (model.seed % 90);
  for (const snap of state.snaps) {
    for (const profile of model.profilesOf(snap.name)) {
      out.push([t, 5, { type: 1400, body: statusBody('profile_load', profile, pid) }]);
      t += 1100 + (mix(model.seed, strHash(profile)) % 24000);
    }
    pid += 1;
  }
  return out;
}

// --------------------------------------------------------------- the generator

const DENIAL_OFFSET = 90 * SEC;
const ORDINARY_OFFSET = 45 * SEC;

function pickIndex(cum, x) {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The log entries whose kernel time t (µs) is in (fromUs, toUs], in order.
 * params: { denialPeriodMs, ordinaryPeriodMs }; counters: { seq, serial }
 * (updated). Entry: { seq, rt, src, prio, msg } (rt, src in µs).
 */
function generate(model, params, fromUs, toUs, counters) {
  const { seed, boot, kinds, cum, total } = model;
  const bootUs = boot * US;
  const events = []; // [tUs, order, prio, text | { type, body, skip }]
  let order = 0;
  const push = (t, prio, what) => {
    if (t > fromUs && t <= toUs) events.push([t, order++, prio, what]);
  };

  if (fromUs < bootUs + 60 * SEC * US) {
    for (const [off, prio, what] of bootLines(model)) push(bootUs + off, prio, what);
  }

  // denial slots
  const Pd = params.denialPeriodMs;
  if (kinds.length && total > 0) {
    const k0 = Math.max(0, Math.floor((fromUs / US - boot - DENIAL_OFFSET) / Pd) - 1);
    const k1 = Math.floor((toUs / US - boot - DENIAL_OFFSET) / Pd);
    const span = Math.max(1, Math.floor(Pd * 0.6));
    for (let k = k0; k <= k1; k++) {
      const h = mix(seed, 11, k);
      const kind = kinds[pickIndex(cum, ((h % 1000000) / 1000000) * total)];
      const tMs = boot + DENIAL_OFFSET + k * Pd + (mix(seed, 12, k) % span);
      if (!model.isActive(kind, tMs)) continue;
      let t = tMs * US + (mix(seed, 13, k) % 1000);
      const count = kind.burst > 1 ? 1 + (mix(seed, 14, k) % kind.burst) : 1;
      let skip = 0;
      if (mix(seed, 15, k) % 31 === 0) {
        // kauditd was rate limited: some records were dropped before these
        skip = 3 + (mix(seed, 16, k) % 38);
        push(t - 7, 4, `kauditd_printk_skb: ${skip} callbacks suppressed`);
      }
      const pid = kind.dynamicPid ? 2000 + (mix(seed, 17, k) % 400000) : kind.pid;
      for (let i = 0; i < count; i++) {
        const rendered = kind.render({ pid, h: mix(seed, 18, k, i), i, mode: kind.mode });
        push(t, 5, { type: rendered.type, body: rendered.body, skip: i === 0 ? skip : 0 });
        t += 137 + (mix(seed, 19, k, i) % 2900);
      }
    }
  }

  // ordinary slots
  const Po = params.ordinaryPeriodMs;
  {
    const m0 = Math.max(0, Math.floor((fromUs / US - boot - ORDINARY_OFFSET) / Po) - 1);
    const m1 = Math.floor((toUs / US - boot - ORDINARY_OFFSET) / Po);
    const span = Math.max(1, Math.floor(Po * 0.8));
    for (let m = m0; m <= m1; m++) {
      const h = mix(seed, 21, m);
      const o = ORDINARY[pickIndex(ORD_CUM, ((h % 1000000) / 1000000) * ordTotal)];
      const t = (boot + ORDINARY_OFFSET + m * Po + (mix(seed, 22, m) % span)) * US + (mix(seed, 23, m) % 1000);
      for (const [text, dt] of o.lines(mix(seed, 24, m))) push(t + dt, o.prio, text);
    }
  }

  // profiles reloaded when a connection changed (snapd regenerates the snap's profiles)
  for (const e of model.history) {
    const tMs = Date.parse(e.time);
    if (Number.isNaN(tMs) || tMs < boot) continue;
    const snapName = e.plug.split(':')[0];
    let t = tMs * US + 180000 + (mix(seed, strHash(e.plug), tMs) % 90000);
    const pid = 20000 + (mix(seed, 31, tMs) % 300000);
    for (const profile of model.profilesOf(snapName)) {
      push(t, 5, { type: 1400, body: statusBody('profile_replace', profile, pid), skip: 0 });
      t += 2100 + (mix(seed, strHash(profile), tMs) % 30000);
    }
  }

  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const [t, , prio, what] = events[i];
    let msg;
    if (typeof what === 'string') msg = what;
    else {
      counters.serial += 1 + (what.skip || 0);
      const ms = Math.floor(t / US);
      msg = `audit: type=${what.type} audit(${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')}:${counters.serial}): ${what.body}`;
    }
    counters.seq += 1 + (mix(seed, 41, counters.seq) % 5); // other (non-kernel) entries sit in between
    let rt = t + 20 + (mix(seed, 42, counters.seq) % 600);
    if (rt <= counters.rt) rt = counters.rt + 1;
    counters.rt = rt;
    out[i] = { seq: counters.seq, rt, src: t - bootUs, prio, msg };
  }
  return out;
}

function initialCounters(model) {
  return { seq: 0x2a3f10 + (mix(model.seed, 51) % 0x40000), serial: 0, rt: 0 };
}

const LIVE = { denialPeriodMs: 20 * SEC, ordinaryPeriodMs: 45 * SEC };

function liveParams(state) {
  const k = state.kernel || {};
  // DEMO_DENIAL_PERIOD_MS: denials come this often (a live-follow test need not wait 20 s for one)
  const period = Number(process.env.DEMO_DENIAL_PERIOD_MS);
  return { denialPeriodMs: period >= 50 ? period : k.denialPeriodMs || LIVE.denialPeriodMs, ordinaryPeriodMs: k.ordinaryPeriodMs || LIVE.ordinaryPeriodMs };
}

// --------------------------------------------------------------- the frozen part (DEMO_SCALE)

function frozenPath(stateFile, frozen) {
  return path.join(path.dirname(stateFile), frozen.file);
}

/** "seq\trt\tsrc\tprio\tmsg" → entry */
function parseFrozenLine(line) {
  const a = line.indexOf('\t');
  const b = line.indexOf('\t', a + 1);
  const c = line.indexOf('\t', b + 1);
  const d = line.indexOf('\t', c + 1);
  return { seq: +line.slice(0, a), rt: +line.slice(a + 1, b), src: +line.slice(b + 1, c), prio: +line.slice(c + 1, d), msg: line.slice(d + 1) };
}

function frozenLine(e) {
  return `${e.seq}\t${e.rt}\t${e.src}\t${e.prio}\t${e.msg}\n`;
}

/**
 * Writes the history of [boot, untilMs] with dense parameters into a file
 * next to the state; returns the `frozen` record for state.kernel.
 */
function freeze(state, stateFile, params, untilMs) {
  const model = buildModel(state);
  const counters = initialCounters(model);
  const entries = generate(model, params, model.boot * US - 1, untilMs * US, counters);
  const name = `${path.basename(stateFile)}.kernel-${model.seed}-${untilMs}.log`;
  const file = path.join(path.dirname(stateFile), name);
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o644);
  try {
    let chunk = '';
    for (const e of entries) {
      chunk += frozenLine(e);
      if (chunk.length > 1 << 20) {
        fs.writeSync(fd, chunk);
        chunk = '';
      }
    }
    if (chunk) fs.writeSync(fd, chunk);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  let denials = 0;
  for (const e of entries) if (/apparmor="(?:DENIED|ALLOWED)"|type=1326 /.test(e.msg)) denials++;
  return { file: name, until: new Date(untilMs).toISOString(), seq: counters.seq, serial: counters.serial, rt: counters.rt, lines: entries.length, denials };
}

/**
 * Calls visit(entry) for every entry up to nowMs, oldest first: the frozen
 * file (if any), then what is computed live; visit returning false stops.
 * Returns the number visited.
 */
function forEachEntry(state, stateFile, nowMs, visit) {
  const model = buildModel(state);
  const k = state.kernel;
  let counters = initialCounters(model);
  let fromUs = model.boot * US - 1;
  let n = 0;
  if (k.frozen) {
    const text = fs.readFileSync(frozenPath(stateFile, k.frozen), 'utf8');
    const untilUs = Date.parse(k.frozen.until) * US;
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      if (end > start) {
        const e = parseFrozenLine(text.slice(start, end));
        if (e.src + model.boot * US > nowMs * US) return n;
        n++;
        if (visit(e) === false) return n;
      }
      start = end + 1;
    }
    counters = { seq: k.frozen.seq, serial: k.frozen.serial, rt: k.frozen.rt };
    fromUs = untilUs;
  }
  if (nowMs * US <= fromUs) return n;
  for (const e of generate(model, liveParams(state), fromUs, nowMs * US, counters)) {
    n++;
    if (visit(e) === false) return n;
  }
  return n;
}

// --------------------------------------------------------------- the kernel section of the state

/** Defaults for a state that has no kernel section (e.g. one built from a snapshot). */
function defaultKernel(nowMs, seed) {
  return {
    seed,
    bootTime: new Date(nowMs - 7 * 3600 * SEC - 1234).toISOString(),
    hostname: 'lab-server',
    installed: {},
    history: [],
  };
}

/** Fills in the ids derived from the seed (kept in the state so that they never change). */
function completeKernel(kernel) {
  const { id128 } = require('./prng.js');
  const seed = Number(kernel.seed) || 1;
  kernel.seed = seed;
  if (!kernel.hostname) kernel.hostname = 'lab-server';
  if (!kernel.bootId) kernel.bootId = id128(seed, 'boot');
  if (!kernel.machineId) kernel.machineId = id128(seed, 'machine');
  if (!kernel.seqnumId) kernel.seqnumId = id128(seed, 'seqnum');
  if (!kernel.history) kernel.history = [];
  if (!kernel.installed) kernel.installed = {};
  return kernel;
}

module.exports = {
  buildModel,
  snapApps,
  generate,
  forEachEntry,
  freeze,
  initialCounters,
  liveParams,
  defaultKernel,
  completeKernel,
  parseFrozenLine,
  GENERIC,
  G,
  LIVE,
  US,
};
