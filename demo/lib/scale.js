'use strict';
/**
 * DEMO_SCALE=N: when the state file is first created, a large host is made
 * out of the initial one, deterministically from DEMO_SEED:
 *
 * - N extra snaps ("acme-tool-017", "globex-exporter-118", …): about 78 %
 *   strict, 12 % classic, 10 % devmode; versions, revisions, channels and
 *   publishers (verified / starred / unproven, or none for local installs);
 * - about 20 plugs and slots each, on interface names from the state's
 *   interface list (mostly the ones apps really use), the usual ones
 *   connected to the system snap as snapd would auto-connect them, some
 *   others connected by hand, content plugs to content slots of other extra
 *   snaps with the same tag;
 * - a kernel log of about 333 lines per extra snap (100 000 for N = 300),
 *   about 30 % of them denials, covering the day before the state was
 *   created; it is written once to a file beside the state file
 *   (state.kernel.frozen) and journalctl/dmesg stream it.
 */

const { rng, mix, strHash } = require('./prng.js');

const PREFIXES = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'contoso', 'vandelay', 'wayne', 'stark', 'tyrell', 'cyberdyne', 'wonka', 'soylent', 'oscorp', 'aperture', 'massive', 'dunder', 'gringotts'];
const NOUNS = ['tool', 'agent', 'sync', 'cli', 'daemon', 'exporter', 'gateway', 'worker', 'monitor', 'backup', 'proxy', 'scanner', 'relay', 'indexer', 'notifier', 'runner', 'collector', 'bridge', 'vault', 'studio'];
const PUBLISHERS = [
  ['acme-corp', 'verified'], ['globex', 'verified'], ['initech-labs', 'starred'], ['umbrella-it', 'unproven'], ['hooli-xyz', 'verified'],
  ['contoso', 'starred'], ['vandelay-industries', 'unproven'], ['wayne-enterprises', 'verified'], ['stark-dev', 'starred'], ['tyrell', 'unproven'],
  ['cyberdyne-systems', 'unproven'], ['wonka-labs', 'unproven'], ['oscorp', 'starred'], ['aperture-science', 'verified'], ['jdoe', 'unproven'], ['m-mueller', 'unproven'],
];

// interfaces apps plug most; auto-connected ones first (their base declarations allow auto-connection)
const AUTO = ['home', 'network', 'network-bind', 'opengl', 'x11', 'wayland', 'desktop', 'desktop-legacy', 'audio-playback', 'gsettings', 'unity7', 'screen-inhibit-control', 'upower-observe', 'avahi-observe', 'u2f-devices', 'network-status'];
const COMMON = [
  ...AUTO, 'audio-record', 'camera', 'removable-media', 'mount-observe', 'hardware-observe', 'network-observe', 'network-control', 'system-observe',
  'process-control', 'log-observe', 'login-session-observe', 'ssh-public-keys', 'ssh-keys', 'shutdown', 'time-control', 'timezone-control', 'cups-control',
  'raw-usb', 'joystick', 'kernel-module-observe', 'firewall-control', 'account-control', 'bluez', 'password-manager-service', 'optical-drive',
  'block-devices', 'fuse-support', 'cpu-control', 'power-control', 'system-packages-doc', 'browser-support', 'docker', 'lxd', 'libvirt', 'kvm', 'snapd-control',
];

function pickDistinct(r, pool, n, taken) {
  const out = [];
  let guard = 0;
  while (out.length < n && guard++ < n * 20) {
    const v = r.pick(pool);
    if (!taken.has(v)) {
      taken.add(v);
      out.push(v);
    }
  }
  return out;
}

function makeSnaps(state, n, seed) {
  const r = rng(mix(seed, strHash('scale-snaps')));
  const known = Object.keys(state.interfaces || {}).sort();
  const common = COMMON.filter((i) => known.includes(i));
  const sys = (state.system && state.system.systemSnap) || 'snapd';
  const sysSlots = new Set(state.slots.filter((s) => s.snap === sys).map((s) => s.interface));
  const snaps = [];
  const plugs = [];
  const slots = [];
  const connections = [];
  const providers = new Map(); // content tag → [{ snap, slot }]

  for (let i = 1; i <= n; i++) {
    const prefix = PREFIXES[(i * 7 + r.int(PREFIXES.length)) % PREFIXES.length];
    const noun = r.pick(NOUNS);
    const name = `${prefix}-${noun}-${String(i).padStart(3, '0')}`;
    const roll = r.next();
    const confinement = roll < 0.78 ? 'strict' : roll < 0.9 ? 'classic' : 'devmode';
    const local = confinement === 'devmode' ? r.chance(0.6) : r.chance(0.03);
    const major = r.int(6);
    const version = `${major}.${r.int(20)}.${r.int(30)}` + (r.chance(0.1) ? '-rc' + (1 + r.int(3)) : r.chance(0.08) ? '+git' + mix(seed, i).toString(16).slice(0, 7) : '');
    const t = r.next();
    const tracking = local ? null : t < 0.6 ? 'latest/stable' : t < 0.75 ? `${major}.x/stable` : t < 0.83 ? 'latest/candidate' : t < 0.9 ? 'latest/edge' : t < 0.95 ? 'latest/beta' : `latest/stable/${prefix}-hotfix`;
    const [username, validation] = r.pick(PUBLISHERS);
    const snap = {
      name,
      version,
      revision: local ? 'x' + (1 + r.int(9)) : String(10 + r.int(9000)),
      tracking,
      publisher: local ? null : { username, validation },
      type: 'app',
      confinement,
      status: r.chance(0.03) ? 'disabled' : 'active',
      apps: [noun === 'cli' ? name : noun],
    };
    snaps.push(snap);

    // slots: a content slot now and then, a D-Bus name for some services
    const nSlots = r.chance(0.25) ? 1 + r.int(2) : 0;
    const slotNames = new Set();
    for (let s = 0; s < nSlots; s++) {
      if (r.chance(0.7)) {
        const tag = `${prefix}-runtime-${1 + r.int(3)}`;
        if (slotNames.has(tag)) continue;
        slotNames.add(tag);
        slots.push({ snap: name, slot: tag, interface: 'content', attrs: { content: tag, read: ['$SNAP/lib'] } });
        if (!providers.has(tag)) providers.set(tag, []);
        providers.get(tag).push({ snap: name, slot: tag });
      } else if (!slotNames.has('dbus-svc')) {
        slotNames.add('dbus-svc');
        slots.push({ snap: name, slot: 'dbus-svc', interface: 'dbus', attrs: { bus: 'system', name: `com.${prefix}.${noun}${i}` } });
      }
    }

    // plugs: ~20 minus the slots, mostly common interfaces, some from the whole catalogue
    const want = 18 + r.int(5) - slotNames.size;
    const taken = new Set();
    const ifaces = pickDistinct(r, common, Math.round(want * 0.75), taken).concat(pickDistinct(r, known.filter((x) => x !== 'content'), want, taken)).slice(0, want);
    for (const iface of ifaces) {
      const plug = { snap: name, plug: iface, interface: iface };
      if (iface === 'personal-files') {
        plug.plug = `dot-${prefix}`;
        plug.attrs = { write: [`$HOME/.${prefix}`] };
      } else if (iface === 'system-files') {
        plug.plug = `etc-${prefix}`;
        plug.attrs = { read: [`/etc/${prefix}`] };
      }
      plugs.push(plug);
      if (confinement === 'classic' || !sysSlots.has(iface)) continue;
      if (AUTO.includes(iface) ? r.chance(0.9) : r.chance(0.2)) {
        connections.push({ plug: { snap: name, plug: plug.plug }, slot: { snap: sys, slot: iface }, interface: iface, manual: !AUTO.includes(iface), gadget: false });
      }
    }
    // a content plug on a runtime of the same vendor
    if (r.chance(0.3)) {
      const tag = `${prefix}-runtime-${1 + r.int(3)}`;
      plugs.push({ snap: name, plug: tag, interface: 'content', attrs: { content: tag, target: '$SNAP/runtime' } });
    }
  }
  // content plugs connect to a provider of their tag (not themselves)
  for (const p of plugs) {
    if (p.interface !== 'content') continue;
    const provider = (providers.get(p.attrs.content) || []).find((s) => s.snap !== p.snap);
    if (provider && mix(seed, strHash(p.snap)) % 10 < 7) {
      connections.push({ plug: { snap: p.snap, plug: p.plug }, slot: { snap: provider.snap, slot: provider.slot }, interface: 'content', manual: false, gadget: false });
    }
  }
  return { snaps, plugs, slots, connections };
}

/** Turns the freshly created state into a big host; writes its kernel log beside stateFile. */
function scaleUp(state, stateFile, n, seed, nowMs) {
  const kernel = require('./kernel.js');
  const extra = makeSnaps(state, n, seed);
  state.snaps.push(...extra.snaps);
  state.plugs.push(...extra.plugs);
  state.slots.push(...extra.slots);
  state.connections.push(...extra.connections);

  // a day of log before "now", as dense as the target size needs
  const k = state.kernel;
  k.bootTime = new Date(nowMs - 24 * 3600 * 1000 - 4321).toISOString();
  k.scale = { snaps: n, seed };
  const model = kernel.buildModel(state);
  let active = 0;
  let burst = 0;
  for (const kind of model.kinds) {
    if (model.isActive(kind, nowMs)) active += kind.weight;
    burst += kind.weight * ((kind.burst || 1) + 1) / 2;
  }
  const activeFrac = model.total ? active / model.total : 0;
  const avgBurst = model.total ? burst / model.total : 1;
  const target = Math.round((n * 1000) / 3);
  const spanMs = nowMs - model.boot - 90 * 1000;
  const params = {
    denialPeriodMs: Math.max(50, Math.floor((spanMs * activeFrac * avgBurst * 1.03) / (0.3 * target))),
    ordinaryPeriodMs: Math.max(50, Math.floor((spanMs * 2.06) / (0.7 * target))),
  };
  k.frozen = kernel.freeze(state, stateFile, params, nowMs);
  k.frozen.params = params;
  return state;
}

module.exports = { scaleUp, makeSnaps };
