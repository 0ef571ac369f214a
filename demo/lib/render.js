'use strict';
/**
 * What the snap CLI prints, from the demo state. Each function returns the
 * exact stdout text (or throws a SnapError). Formats follow cmd/snap
 * (cmd_list.go, notes.go, color.go, cmd_connections.go, cmd_interface.go,
 * cmd_version.go, cmd_debug_sandbox_features.go, cmd_changes.go) and were
 * checked byte for byte against snapd 2.57.6 transcripts.
 */

const tw = require('./tabwriter.js');
const tf = require('./timefmt.js');
const m = require('./model.js');

// --------------------------------------------------------------- snap list

const TYPE_NOTE = { os: 'core', base: 'base', snapd: 'snapd', gadget: 'gadget', kernel: 'kernel' };

/** notes.go Notes.String() for an installed snap. */
function notes(snap) {
  const ns = [];
  if (snap.type && TYPE_NOTE[snap.type]) ns.push(TYPE_NOTE[snap.type]);
  if (snap.components) ns.push(snap.components);
  if (snap.status && snap.status !== 'active') ns.push('disabled');
  if (snap.price) ns.push(snap.price);
  const confinement = snap.confinement || 'strict';
  if (snap.jailmode) ns.push('jailmode');
  else if (confinement === 'devmode') ns.push('devmode');
  if (confinement === 'classic' && !snap.jailmode) ns.push('classic');
  if (snap.private) ns.push('private');
  if (snap.trymode) ns.push('try');
  if (snap.broken) ns.push('broken');
  if (snap.ignoreValidation) ns.push('ignore-validation');
  if (snap.cohort) ns.push('in-cohort');
  const h = snap.health && snap.health.status;
  if (h && h !== 'okay' && h !== 'unknown') ns.push(h);
  if (snap.hold) ns.push('held');
  if (Array.isArray(snap.extraNotes)) ns.push(...snap.extraNotes);
  return ns.length ? ns.join(',') : '-';
}

/** cmd_list.go fmtChannel: "track/risk/branch" -> "track/risk/…", anything else as is. */
function fmtChannel(ch) {
  if (!ch) return '-';
  if ((ch.match(/\//g) || []).length !== 2) return ch;
  return ch.slice(0, ch.lastIndexOf('/') + 1) + '…';
}

function isTTY() {
  return !!process.stdout.isTTY;
}

/** color.go: canUnicode / colorTable */
function escapes(unicode, color) {
  let useUnicode = unicode === 'always';
  if (unicode === 'auto' || unicode === undefined) {
    let lang = '';
    for (const k of ['LC_MESSAGES', 'LC_ALL', 'LANG']) {
      lang = process.env[k] || '';
      if (lang) break;
    }
    lang = lang.toUpperCase();
    useUnicode = isTTY() && (lang.includes('UTF-8') || lang.includes('UTF8'));
  }
  let green = '';
  let end = '';
  const mode = color || 'auto';
  if (mode === 'always' || (mode === 'auto' && isTTY())) {
    const mono = mode === 'auto' && (process.env.NO_COLOR !== undefined || ['xterm-mono', 'linux-m'].includes(process.env.TERM || ''));
    green = mono ? '\u001b[1m' : '\u001b[32m';
    end = '\u001b[0m';
  }
  return useUnicode ? { green, end, tick: '✓', star: '✪' } : { green, end, tick: '**', star: '*' };
}

function shortPublisher(esc, pub) {
  if (!pub || !pub.username) return '-' + esc.green + esc.end;
  const badge = pub.validation === 'verified' ? esc.tick : pub.validation === 'starred' ? esc.star : '';
  return pub.username + esc.green + badge + esc.end;
}

function list(state, names, opts) {
  const esc = escapes(opts && opts.unicode, opts && opts.color);
  let snaps = state.snaps.slice();
  if (names && names.length) snaps = snaps.filter((s) => names.includes(s.name));
  if (snaps.length === 0) {
    if (names && names.length) throw new m.SnapError('no matching snaps installed');
    return { stdout: '', stderr: "No snaps are installed yet. Try 'snap install hello-world'.\n" };
  }
  snaps.sort((a, b) => m.byteCompare(a.name, b.name));
  const rows = [['Name', 'Version', 'Rev', 'Tracking', 'Publisher' + esc.green + esc.end, 'Notes']];
  for (const s of snaps) {
    rows.push([s.name, s.version || '-', String(s.revision), fmtChannel(s.tracking), shortPublisher(esc, s.publisher), notes(s)]);
    // --all: the revisions snapd keeps besides the active one, noted "disabled" (cmd/snap/notes.go).
    if (opts && opts.all) {
      for (const prev of s.previousRevisions || []) {
        rows.push([s.name, prev.version || '-', String(prev.revision), fmtChannel(s.tracking), shortPublisher(esc, s.publisher), notes({ ...s, status: 'inactive' })]);
      }
    }
  }
  return { stdout: tw.table(rows) };
}

/**
 * `snap refresh --list` (cmd_snap_op.go listRefresh): the store's refreshes, sorted by name, as
 * Name/Version/Rev/Size/Publisher/Notes in snap's tabWriter; none: "All snaps up to date." on stderr.
 */
function refreshList(state, opts) {
  const esc = escapes(opts && opts.unicode, opts && opts.color);
  // store.unreachable: a host whose snapd cannot reach the store (the text is what snapd says then)
  if (state.store && state.store.unreachable) throw new m.SnapError(state.store.unreachable);
  const offers = ((state.store && state.store.refreshes) || []).filter((r) => m.snapByName(state, r.name));
  if (offers.length === 0) return { stdout: '', stderr: 'All snaps up to date.\n' };
  const rows = [['Name', 'Version', 'Rev', 'Size', 'Publisher' + esc.green + esc.end, 'Notes']];
  for (const r of offers.slice().sort((a, b) => m.byteCompare(a.name, b.name))) {
    const installed = m.snapByName(state, r.name);
    // NotesFromRemote: confinement and type notes of the offered revision (the installed one's here)
    const remoteNotes = notes({ type: installed.type, confinement: installed.confinement });
    rows.push([r.name, r.version, r.revision, r.size, shortPublisher(esc, installed.publisher), remoteNotes]);
  }
  return { stdout: tw.table(rows) };
}

// --------------------------------------------------------------- snap connections

function endpoint(snap, name) {
  return m.isSystemSnapName(snap) ? ':' + name : snap + ':' + name;
}

function connNotes(c) {
  const o = [];
  if (c.manual) o.push('manual');
  if (c.gadget) o.push('gadget');
  return o.length ? o.join(',') : '-';
}

/** The [determinant] of a connected content plug: plug "content" attr, else the slot's. */
function determinant(state, c) {
  if (c.interface !== 'content') return '';
  const plug = m.findPlug(state, c.plug.snap, c.plug.plug);
  const slot = m.findSlot(state, c.slot.snap, c.slot.slot);
  let v = plug && plug.attrs && typeof plug.attrs.content === 'string' ? plug.attrs.content : '';
  if (!v) v = slot && slot.attrs && typeof slot.attrs.content === 'string' ? slot.attrs.content : '';
  return v ? `[${v}]` : '';
}

/**
 * `snap connections [--all] [SNAP]`. SNAP implies --all; for the system snap
 * (system/core/snapd) its unconnected slots are listed too.
 */
function connections(state, wanted, all) {
  if (wanted && all) throw new m.SnapError('cannot use --all with snap name');
  let snapFilter = null;
  if (wanted) {
    // GET /v2/connections?snap=: "system" (and "core"/"snapd" when not installed) is the system snap
    snapFilter = wanted;
    if (wanted === 'system' || (m.isSystemSnapName(wanted) && !m.snapByName(state, wanted))) snapFilter = m.systemSnap(state) || wanted;
    if (!m.snapByName(state, snapFilter)) throw m.daemonError(`snap ${JSON.stringify(wanted)} not found`);
    all = true;
  }
  const involves = (c) => !snapFilter || c.plug.snap === snapFilter || c.slot.snap === snapFilter;
  const rows = [];
  for (const c of state.connections) {
    if (!involves(c)) continue;
    rows.push({ iface: c.interface, det: determinant(state, c), plug: endpoint(c.plug.snap, c.plug.plug), slot: endpoint(c.slot.snap, c.slot.slot), notes: connNotes(c) });
  }
  if (all) {
    for (const p of state.plugs) {
      if (snapFilter && p.snap !== snapFilter) continue;
      if (m.plugConnections(state, p).length) continue;
      rows.push({ iface: p.interface, det: '', plug: endpoint(p.snap, p.plug), slot: '-', notes: '-' });
    }
    for (const s of state.slots) {
      if (snapFilter && s.snap !== snapFilter) continue;
      // displaying unconnected system snap slots is boring, unless asked for
      if (!m.isSystemSnapName(wanted || '') && m.isSystemSnapName(s.snap)) continue;
      if (m.slotConnections(state, s).length) continue;
      rows.push({ iface: s.interface, det: '', plug: '-', slot: endpoint(s.snap, s.slot), notes: '-' });
    }
  }
  if (rows.length === 0) return { stdout: '' };
  rows.sort((a, b) => m.byteCompare(a.iface, b.iface) || m.byteCompare(a.plug, b.plug) || m.byteCompare(a.slot, b.slot));
  const table = [['Interface', 'Plug', 'Slot', 'Notes']].concat(rows.map((r) => [r.iface + r.det, r.plug, r.slot, r.notes]));
  return { stdout: tw.table(table) };
}

// --------------------------------------------------------------- snap interface

function interfaceList(state, all) {
  let names = m.interfaceNames(state);
  if (!all) {
    const used = new Set(state.connections.map((c) => c.interface));
    names = names.filter((n) => used.has(n));
  }
  if (names.length === 0) throw new m.SnapError(all ? 'no interfaces found' : 'no interfaces currently connected');
  const rows = [['Name', 'Summary']].concat(names.map((n) => [n, (state.interfaces && state.interfaces[n]) || '']));
  return { stdout: tw.table(rows) };
}

function scalarAttr(v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** cmd_interface.go showOneInterface: tabwriter(2, 2, 1). */
function interfaceDetail(state, name, showAttrs) {
  if (!m.interfaceNames(state).includes(name)) throw new m.SnapError('no such interface');
  let text = `name:\t${name}\n`;
  const summary = state.interfaces && state.interfaces[name];
  if (summary) text += `summary:\t${summary}\n`;
  const docUrl = state.interfaceDocs && state.interfaceDocs[name];
  if (docUrl) text += `documentation:\t${docUrl}\n`;
  const bySnapName = (key) => (a, b) => m.byteCompare(a.snap, b.snap) || m.byteCompare(a[key], b[key]);
  const section = (title, items, key) => {
    if (!items.length) return;
    text += `${title}:\n`;
    for (const it of items) {
      const label = it.label ? ` (${it.label})` : '';
      text += it[key] === name ? `  - ${it.snap}${label}` : `  - ${it.snap}:${it[key]}${label}`;
      const attrs = it.attrs || {};
      const keys = Object.keys(attrs);
      if (keys.length > 0 && showAttrs) {
        text += ':\n';
        for (const k of keys.sort(m.byteCompare)) {
          const v = scalarAttr(attrs[k]);
          if (v !== null) text += `      ${k}:\t${v}\n`;
        }
      } else {
        text += '\n';
      }
    }
  };
  section('plugs', state.plugs.filter((p) => p.interface === name).sort(bySnapName('plug')), 'plug');
  section('slots', state.slots.filter((s) => s.interface === name).sort(bySnapName('slot')), 'slot');
  return { stdout: tw.format(text, { minwidth: 2, padding: 1 }) };
}

// --------------------------------------------------------------- version, debug

function version(state) {
  const lines = (state.system && state.system.version) || [];
  return { stdout: tw.table(lines.map((kv) => [kv[0], kv[1]])) };
}

function confinement(state) {
  return { stdout: `${(state.system && state.system.confinement) || 'strict'}\n` };
}

function sandboxFeatures(state, required) {
  const features = (state.system && state.system.sandboxFeatures) || {};
  if (required && required.length) {
    for (const r of required) {
      const i = r.indexOf(':');
      const backend = i < 0 ? r : r.slice(0, i);
      const feature = i < 0 ? '' : r.slice(i + 1);
      if (!(features[backend] || []).includes(feature)) throw new m.SnapError(`sandbox feature not available: ${JSON.stringify(r)}`);
    }
    return { stdout: '' };
  }
  const backends = Object.keys(features).sort(m.byteCompare);
  return { stdout: tw.table(backends.map((b) => [b + ':', features[b].join(' ')])) };
}

// --------------------------------------------------------------- changes

function changes(state, snapName, absTime) {
  if (snapName && /^[0-9]+$/.test(snapName)) {
    throw new m.SnapError(`'snap changes' command expects a snap name, try 'snap tasks ${snapName}'`);
  }
  if (snapName === 'everything') return { stdout: 'Yes, yes it does.\n' };
  let list = state.changes.slice();
  if (snapName) list = list.filter((c) => (c.snapNames || []).includes(snapName));
  if (list.length === 0) return { stdout: '', stderr: 'no changes found\n' };
  list.sort((a, b) => Date.parse(a.spawnTime) - Date.parse(b.spawnTime) || Number(a.id) - Number(b.id));
  const rows = [['ID', 'Status', 'Spawn', 'Ready', 'Summary']];
  for (const c of list) rows.push([c.id, c.status, tf.cell(c.spawnTime, absTime), c.readyTime ? tf.cell(c.readyTime, absTime) : '-', c.summary]);
  return { stdout: tw.table(rows) + '\n' };
}

const DOTS = '......................................................................';

function tasks(chg, absTime) {
  const rows = [['Status', 'Spawn', 'Ready', 'Summary']];
  for (const t of chg.tasks || []) {
    let summary = t.summary;
    if (t.status === 'Doing' && t.progress && t.progress.total > 1) {
      summary = `${summary} (${((t.progress.done / t.progress.total) * 100).toFixed(2)}%)`;
    }
    rows.push([t.status, tf.cell(t.spawnTime, absTime), t.readyTime ? tf.cell(t.readyTime, absTime) : '-', summary]);
  }
  let out = tw.table(rows);
  for (const t of chg.tasks || []) {
    if (!t.log || t.log.length === 0) continue;
    out += '\n' + DOTS + '\n' + t.summary + '\n\n' + t.log.map((l) => l + '\n').join('');
  }
  return { stdout: out + '\n' };
}

// --------------------------------------------------------------- snap services

/**
 * The services of the demo's snaps. snapd knows them from each snap's apps; the
 * demo state has no apps, so MicroK8s's daemons are listed here: the names are
 * those of the snapd lab's microk8s fixture (../shared/snapd-lab transcript 24).
 * While MicroK8s runs, the daemons of a single dqlite node are enabled and active;
 * etcd, flanneld and apiserver-proxy (worker nodes, older datastores) are not.
 * A blocked or stopped MicroK8s has them all inactive.
 */
const MICROK8S_DAEMONS = [
  ['apiserver-kicker', true],
  ['apiserver-proxy', false],
  ['cluster-agent', true],
  ['containerd', true],
  ['etcd', false],
  ['flanneld', false],
  ['k8s-dqlite', true],
  ['kubelite', true],
];

function serviceRows(state) {
  const mk = state.snaps.find((s) => s.name === 'microk8s');
  if (!mk) return [];
  const running = (!mk.status || mk.status === 'active') && !(mk.health && mk.health.status === 'blocked') && !(state.microk8s && state.microk8s.stopped);
  return MICROK8S_DAEMONS.map(([name, on]) => [`microk8s.daemon-${name}`, on ? 'enabled' : 'disabled', on && running ? 'active' : 'inactive', '-']);
}

/** cmd/snap/cmd_services.go svcStatus.Execute: header `Service  Startup  Current  Notes`, or a line on stderr when there are none. */
function services(state, names) {
  for (const n of names) {
    const [snapName] = n.split('.');
    if (!state.snaps.some((s) => s.name === snapName)) throw new m.SnapError(`snap "${snapName}" not found`);
  }
  if (state.replay) {
    // replayed only for what the snapshot recorded (`snap services SNAP`), never made up
    const recorded = names.length === 1 ? state.replay.services && state.replay.services[names[0]] : undefined;
    if (typeof recorded === 'string') return { stdout: recorded };
    throw new m.SnapError(require('./state.js').notInSnapshot(`snap services ${names.join(' ')}`.trim(), state));
  }
  let rows = serviceRows(state);
  if (names.length) rows = rows.filter(([svc]) => names.some((n) => svc === n || svc.startsWith(`${n}.`)));
  if (rows.length === 0) return { stdout: '', stderr: 'There are no services provided by installed snaps.\n' };
  return { stdout: tw.table([['Service', 'Startup', 'Current', 'Notes'], ...rows]) };
}

module.exports = { services, notes, fmtChannel, shortPublisher, list, refreshList, connections, interfaceList, interfaceDetail, version, confinement, sandboxFeatures, changes, tasks, endpoint };
