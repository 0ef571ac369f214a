'use strict';
/**
 * The simulated snapd: queries over the state and the connect/disconnect
 * logic, following snapd's interfaces repository (interfaces/repo.go
 * ResolveConnect / ResolveDisconnect / connected), ifacemgr and
 * daemon/api_interfaces.go changeInterfaces.
 *
 * Errors thrown here are SnapError objects; `client: true` marks those that
 * the real CLI receives from the daemon (they are re-wrapped by fill()),
 * `exit` is the exit code (1, or 64 for command-line usage errors).
 */

const { now, rfc3339 } = require('./timefmt.js');

class SnapError extends Error {
  constructor(message, opts) {
    super(message);
    this.exit = (opts && opts.exit) || 1;
    this.client = !!(opts && opts.client);
  }
}
const daemonError = (msg) => new SnapError(msg, { client: true });

const SYSTEM_NAMES = new Set(['core', 'snapd', 'system']);

/** cmd/snap isSystemSnap: purely by name. */
function isSystemSnapName(name) {
  return SYSTEM_NAMES.has(name);
}

function snapByName(state, name) {
  return state.snaps.find((s) => s.name === name) || null;
}

/** The snap carrying the implicit slots ("snapd", or "core" on older systems); null if none. */
function systemSnap(state) {
  if (state.system && state.system.systemSnap) return state.system.systemSnap;
  for (const n of ['snapd', 'core', 'ubuntu-core']) {
    if (state.slots.some((s) => s.snap === n)) return n;
  }
  return null;
}

/** ifacestate.RemapSnapFromRequest: "system" (and "core" when core is not installed) means the system snap. */
function remapRequest(state, name) {
  const sys = systemSnap(state);
  if (!sys) return name;
  if (name === 'system') return sys;
  if (name === 'core' && !snapByName(state, 'core')) return sys;
  return name;
}

const plugKey = (snap, name) => snap + ':' + name;

function findPlug(state, snap, name) {
  return state.plugs.find((p) => p.snap === snap && p.plug === name) || null;
}
function findSlot(state, snap, name) {
  return state.slots.find((s) => s.snap === snap && s.slot === name) || null;
}

function sameConn(c, plugSnap, plugName, slotSnap, slotName) {
  return c.plug.snap === plugSnap && c.plug.plug === plugName && c.slot.snap === slotSnap && c.slot.slot === slotName;
}

function findConnection(state, plugSnap, plugName, slotSnap, slotName) {
  return state.connections.find((c) => sameConn(c, plugSnap, plugName, slotSnap, slotName)) || null;
}

function plugConnections(state, p) {
  return state.connections.filter((c) => c.plug.snap === p.snap && c.plug.plug === p.plug);
}
function slotConnections(state, s) {
  return state.connections.filter((c) => c.slot.snap === s.snap && c.slot.slot === s.slot);
}

/** The content tag of a content plug/slot: its "content" attribute, which snapd defaults to its name. */
function contentTag(end, name) {
  const v = end && end.attrs && end.attrs.content;
  return typeof v === 'string' && v !== '' ? v : name;
}

/** All interface names snapd knows: the catalogue plus any in use. */
function interfaceNames(state) {
  const names = new Set(Object.keys(state.interfaces || {}));
  for (const p of state.plugs) names.add(p.interface);
  for (const s of state.slots) names.add(s.interface);
  return [...names].sort(byteCompare);
}

function byteCompare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// --------------------------------------------------------------- health

/**
 * Snaps may declare health.requires (plug names): like MicroK8s' own
 * check_snap_interfaces, the snap is "blocked" while any of them is not
 * connected and "okay" once all are.
 */
function recomputeHealth(state, snapNames) {
  for (const name of snapNames) {
    const snap = snapByName(state, name);
    if (!snap || !snap.health || !Array.isArray(snap.health.requires)) continue;
    const missing = snap.health.requires.filter((plug) => {
      const p = findPlug(state, snap.name, plug);
      return !p || plugConnections(state, p).length === 0;
    });
    const before = snap.health.status;
    if (missing.length > 0) {
      // the exact words of MicroK8s' check_snap_interfaces (snapctl set-health)
      snap.health.status = 'blocked';
      snap.health.message = `You must connect ${missing.join(' ')} before proceeding`;
    } else {
      snap.health.status = 'okay';
      snap.health.message = '';
    }
    if (snap.health.status !== before) snap.health.checked = rfc3339(now());
  }
}

/**
 * The kernel log (demo/lib/kernel.js) needs to know when a plug became
 * connected or disconnected: connecting the plug that grants an access stops
 * new denials of it from then on.
 */
function recordTransition(state, plugRef, connected) {
  if (!state.kernel) return;
  const key = plugRef.snap + ':' + (plugRef.plug || plugRef.name);
  (state.kernel.history = state.kernel.history || []).push({ time: new Date(now()).toISOString(), plug: key, connected });
}

// --------------------------------------------------------------- changes

function newChange(state, kind, summary, snapNames, tasks) {
  const id = String(state.nextChangeId || nextIdFrom(state.changes.map((c) => c.id)));
  state.nextChangeId = Number(id) + 1;
  // Spawn times are strictly increasing, even when the clock is pinned
  // (DEMO_SNAP_NOW): "snap tasks --last=TYPE" picks the latest by spawn time.
  let base = now();
  for (const c of state.changes) {
    const t = Date.parse(c.spawnTime);
    if (t >= base) base = t + 1;
  }
  const isoAt = (ms) => new Date(base + ms).toISOString();
  const spawn = isoAt(0);
  const chg = { id, kind, summary, status: 'Done', spawnTime: spawn, readyTime: spawn, snapNames: [...snapNames].sort(byteCompare), tasks: [] };
  let offset = 0;
  for (const t of tasks) {
    const tid = String(state.nextTaskId || nextIdFrom(state.changes.flatMap((c) => c.tasks.map((x) => x.id))));
    state.nextTaskId = Number(tid) + 1;
    const task = { id: tid, kind: t.kind, summary: t.summary, status: t.status || 'Done', spawnTime: isoAt(offset), readyTime: isoAt(offset + 3), log: t.log || [], error: t.error };
    offset += 3;
    chg.tasks.push(task);
  }
  if (chg.tasks.length) chg.readyTime = chg.tasks[chg.tasks.length - 1].readyTime;
  const failed = chg.tasks.filter((t) => t.status === 'Error');
  if (failed.length) {
    chg.status = 'Error';
    chg.err = 'cannot perform the following tasks:\n' + failed.map((t) => `- ${t.summary} (${t.error})`).join('\n');
  }
  for (const t of chg.tasks) delete t.error;
  state.changes.push(chg);
  pruneChanges(state);
  return chg;
}

function nextIdFrom(ids) {
  let max = 0;
  for (const id of ids) {
    const n = Number.parseInt(id, 10);
    if (Number.isInteger(n) && n > max) max = n;
  }
  return max + 1;
}

/** Like state.Prune: ready changes go 24 h after they became ready; at most 500 ready ones stay. */
function pruneChanges(state) {
  const cutoff = now() - 24 * 3600 * 1000;
  state.changes = state.changes.filter((c) => !c.readyTime || Date.parse(c.readyTime) >= cutoff);
  const ready = state.changes.filter((c) => c.readyTime);
  if (ready.length > 500) {
    const drop = new Set(ready.sort((a, b) => Date.parse(a.readyTime) - Date.parse(b.readyTime)).slice(0, ready.length - 500));
    state.changes = state.changes.filter((c) => !drop.has(c));
  }
}

function findChange(state, id) {
  return state.changes.find((c) => c.id === id) || null;
}

/** changeIDMixin.GetChangeID */
function resolveChangeId(state, id, last) {
  if (!id && !last) throw new SnapError('please provide change ID or type with --last=<type>');
  if (id) {
    if (last) throw new SnapError('cannot use change ID and type together');
    return id;
  }
  let kind = last;
  if (['refresh', 'install', 'remove', 'connect', 'disconnect', 'configure', 'try'].includes(kind)) kind += '-snap';
  if (state.changes.length === 0) throw new SnapError('no changes found');
  let latest = null;
  for (const c of state.changes) {
    if (c.kind === kind && (!latest || Date.parse(latest.spawnTime) < Date.parse(c.spawnTime))) latest = c;
  }
  if (!latest) throw new SnapError(`no changes of type ${JSON.stringify(last)} found`);
  return latest.id;
}

function getChange(state, id) {
  const chg = findChange(state, id);
  if (!chg) throw daemonError(`cannot find change with id ${JSON.stringify(id)}`);
  return chg;
}

// --------------------------------------------------------------- enable, disable

/**
 * snapstate.Enable/Disable and the daemon's summaries (snapd 2.68.5: overlord/snapstate/snapstate.go,
 * daemon/api_snaps.go snapEnable/snapDisable): the same tasks, the snap active or not.
 */
function setEnabled(state, name, enable) {
  checkInstalled(state, name);
  const snap = snapByName(state, name);
  const q = JSON.stringify(name);
  const active = snap.status === 'active';
  if (enable && active) throw daemonError(`snap ${q} already enabled`);
  if (!enable && !active) throw daemonError(`snap ${q} already disabled`);
  if (!enable && ['gadget', 'kernel', 'os'].includes(snap.type)) throw daemonError(`snap ${q} cannot be disabled`);
  const rev = snap.revision;
  const tasks = enable
    ? [
        { kind: 'prepare-snap', summary: `Prepare snap ${q} (${rev})` },
        { kind: 'setup-profiles', summary: `Setup snap ${q} (${rev}) security profiles` },
        { kind: 'link-snap', summary: `Make snap ${q} (${rev}) available to the system` },
        { kind: 'setup-aliases', summary: `Setup snap ${q} aliases` },
        { kind: 'start-snap-services', summary: `Start snap ${q} (${rev}) services` },
      ]
    : [
        { kind: 'stop-snap-services', summary: `Stop snap ${q} (${rev}) services` },
        { kind: 'remove-aliases', summary: `Remove aliases for snap ${q}` },
        { kind: 'unlink-snap', summary: `Make snap ${q} (${rev}) unavailable to the system` },
        { kind: 'remove-profiles', summary: `Remove security profiles of snap ${q}` },
      ];
  snap.status = enable ? 'active' : 'disabled';
  return newChange(state, enable ? 'enable-snap' : 'disable-snap', `${enable ? 'Enable' : 'Disable'} ${q} snap`, [name], tasks);
}

// --------------------------------------------------------------- connect

function checkInstalled(state, name) {
  if (!snapByName(state, name)) throw daemonError(`snap ${JSON.stringify(name)} is not installed`);
}

/** repo.ResolveConnect (plus the daemon's "is not installed" answer). */
function resolveConnect(state, plugSnap, plugName, slotSnap, slotName) {
  if (plugSnap === '') throw daemonError('cannot resolve connection, plug snap name is empty');
  if (plugName === '') throw daemonError('cannot resolve connection, plug name is empty');
  checkInstalled(state, plugSnap);
  const plug = findPlug(state, plugSnap, plugName);
  if (!plug) throw daemonError(`snap ${JSON.stringify(plugSnap)} has no plug named ${JSON.stringify(plugName)}`);
  if (slotSnap === '') {
    slotSnap = systemSnap(state);
    if (!slotSnap) throw daemonError('cannot resolve connection, slot snap name is empty');
  } else {
    checkInstalled(state, slotSnap);
  }
  if (slotName === '') {
    const candidates = state.slots.filter((s) => s.snap === slotSnap && s.interface === plug.interface).map((s) => s.slot);
    if (candidates.length === 0) {
      throw daemonError(`snap ${JSON.stringify(slotSnap)} has no ${JSON.stringify(plug.interface)} interface slots`);
    }
    if (candidates.length > 1) {
      candidates.sort(byteCompare);
      throw daemonError(`snap ${JSON.stringify(slotSnap)} has multiple ${JSON.stringify(plug.interface)} interface slots: ${candidates.join(', ')}`);
    }
    slotName = candidates[0];
  }
  const slot = findSlot(state, slotSnap, slotName);
  if (!slot) throw daemonError(`snap ${JSON.stringify(slotSnap)} has no slot named ${JSON.stringify(slotName)}`);
  if (slot.interface !== plug.interface) {
    throw daemonError(
      `cannot connect ${plugSnap}:${plugName} (${JSON.stringify(plug.interface)} interface) to ${slotSnap}:${slotName} (${JSON.stringify(slot.interface)} interface)`,
    );
  }
  return { plug, slot };
}

/**
 * The base declaration's allow-connection rule for content:
 * plug-attributes content: $SLOT(content). Checked when the connect task runs,
 * so a mismatch makes the change fail rather than the request.
 */
function policyError(plug, slot) {
  if (plug.interface === 'content' && contentTag(plug, plug.plug) !== contentTag(slot, slot.slot)) {
    return 'connection not allowed by slot rule of interface "content"';
  }
  return null;
}

function taskLog(level, msg) {
  return `${rfc3339(now())} ${level} ${msg}`;
}

/** POST /v2/interfaces {"action":"connect"} + running the change. Returns the change. */
function connect(state, req) {
  const plugSnap = remapRequest(state, req.plugSnap);
  const slotSnap = remapRequest(state, req.slotSnap);
  const { plug, slot } = resolveConnect(state, plugSnap, req.plugName, slotSnap, req.slotName);
  const summary = `Connect ${plug.snap}:${plug.plug} to ${slot.snap}:${slot.slot}`;
  const affected = new Set([plug.snap, slot.snap]);
  if (findConnection(state, plug.snap, plug.plug, slot.snap, slot.slot)) {
    // ifacestate.ErrAlreadyConnected: a change with no tasks, already Done.
    return newChange(state, 'connect-snap', summary, affected, []);
  }
  const denied = policyError(plug, slot);
  if (denied) {
    return newChange(state, 'connect-snap', summary, affected, [
      { kind: 'connect', summary, status: 'Error', error: denied, log: [taskLog('ERROR', denied)] },
    ]);
  }
  const wasConnected = plugConnections(state, plug).length > 0;
  state.connections.push({ plug: { snap: plug.snap, plug: plug.plug }, slot: { snap: slot.snap, slot: slot.slot }, interface: plug.interface, manual: true, gadget: false });
  if (!wasConnected) recordTransition(state, plug, true);
  state.undesired = (state.undesired || []).filter((c) => !sameConn(c, plug.snap, plug.plug, slot.snap, slot.slot));
  recomputeHealth(state, affected);
  return newChange(state, 'connect-snap', summary, affected, [{ kind: 'connect', summary }]);
}

// --------------------------------------------------------------- disconnect

/** repo.connected(): connections of one plug or slot (also remembered ones with --forget). */
function connectedTo(state, snapName, name, forget) {
  if (name === '') throw daemonError('plug or slot name is empty');
  const plug = findPlug(state, snapName, name);
  const slot = findSlot(state, snapName, name);
  if (!plug && !slot) {
    if (!snapByName(state, snapName)) checkInstalled(state, snapName);
    throw daemonError(`snap ${JSON.stringify(snapName)} has no plug or slot named ${JSON.stringify(name)}`);
  }
  const pool = forget ? state.connections.concat(state.undesired || []) : state.connections;
  const refs = [];
  for (const c of pool) {
    if ((plug && c.plug.snap === snapName && c.plug.plug === name) || (slot && c.slot.snap === snapName && c.slot.slot === name)) {
      if (!refs.some((r) => sameConn(r, c.plug.snap, c.plug.plug, c.slot.snap, c.slot.slot))) refs.push(c);
    }
  }
  return refs;
}

/** ifacemgr.ResolveDisconnect */
function resolveDisconnect(state, plugSnap, plugName, slotSnap, slotName, forget) {
  const core = systemSnap(state) || 'core';
  if (plugName !== '' && slotName !== '') {
    if (plugSnap === '') plugSnap = core;
    if (slotSnap === '') slotSnap = core;
    if (plugSnap !== core) checkInstalled(state, plugSnap);
    if (!findPlug(state, plugSnap, plugName)) throw daemonError(`snap ${JSON.stringify(plugSnap)} has no plug named ${JSON.stringify(plugName)}`);
    if (slotSnap !== core) checkInstalled(state, slotSnap);
    if (!findSlot(state, slotSnap, slotName)) throw daemonError(`snap ${JSON.stringify(slotSnap)} has no slot named ${JSON.stringify(slotName)}`);
    const conn = findConnection(state, plugSnap, plugName, slotSnap, slotName);
    const remembered = (state.undesired || []).find((c) => sameConn(c, plugSnap, plugName, slotSnap, slotName));
    if (conn) return [conn];
    if (forget && remembered) return [remembered];
    if (forget) throw daemonError(`cannot forget connection ${plugSnap}:${plugName} from ${slotSnap}:${slotName}, it was not connected`);
    throw daemonError(`cannot disconnect ${plugSnap}:${plugName} from ${slotSnap}:${slotName}, it is not connected`);
  }
  if (plugName !== '' && slotName === '' && slotSnap === '') return connectedTo(state, plugSnap || core, plugName, forget);
  if (plugSnap === '' && plugName === '' && slotName !== '') return connectedTo(state, slotSnap || core, slotName, forget);
  throw daemonError('allowed forms are <snap>:<plug> <snap>:<slot> or <snap>:<plug or slot>');
}

/**
 * POST /v2/interfaces {"action":"disconnect"} + running the change.
 * Returns the change, or null when there is nothing to do (kind interfaces-unchanged).
 */
function disconnect(state, req) {
  const plugSnap = remapRequest(state, req.plugSnap);
  const slotSnap = remapRequest(state, req.slotSnap);
  const refs = resolveDisconnect(state, plugSnap, req.plugName, slotSnap, req.slotName, !!req.forget);
  if (refs.length === 0) return null;
  // The change summary repeats the request (after remapping), so a
  // disconnect by plug alone reads "Disconnect : from microk8s:network".
  const summary = `Disconnect ${plugSnap}:${req.plugName} from ${slotSnap}:${req.slotName}`;
  const affected = new Set();
  const tasks = [];
  for (const ref of refs) {
    const established = state.connections.includes(ref);
    affected.add(ref.plug.snap);
    affected.add(ref.slot.snap);
    const what = `${ref.plug.snap}:${ref.plug.plug} from ${ref.slot.snap}:${ref.slot.slot}`;
    tasks.push({ kind: 'disconnect', summary: established ? `Disconnect ${what}` : `Forget connection ${what}` });
    const wasConnected = state.connections.some((c) => c.plug.snap === ref.plug.snap && c.plug.plug === ref.plug.plug);
    state.connections = state.connections.filter((c) => c !== ref);
    if (wasConnected && !state.connections.some((c) => c.plug.snap === ref.plug.snap && c.plug.plug === ref.plug.plug)) {
      recordTransition(state, ref.plug, false);
    }
    state.undesired = (state.undesired || []).filter((c) => !sameConn(c, ref.plug.snap, ref.plug.plug, ref.slot.snap, ref.slot.slot));
    // An automatic connection that is disconnected is remembered as
    // undesired, so that snapd does not connect it again (unless --forget).
    if (established && !req.forget && !ref.manual) state.undesired.push({ ...ref, manual: true });
  }
  recomputeHealth(state, affected);
  return newChange(state, 'disconnect-snap', summary, affected, tasks);
}

module.exports = {
  SnapError,
  daemonError,
  isSystemSnapName,
  snapByName,
  systemSnap,
  remapRequest,
  findPlug,
  findSlot,
  plugConnections,
  slotConnections,
  contentTag,
  interfaceNames,
  byteCompare,
  recomputeHealth,
  findChange,
  getChange,
  resolveChangeId,
  connect,
  disconnect,
  setEnabled,
  plugKey,
};
