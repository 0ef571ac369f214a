'use strict';
/**
 * `snap debug api PATH` on the demo host (snapd >= 2.64; cmd/snap/cmd_debug_api.go): a GET to the REST API,
 * whose JSON answer snap decodes into a map and prints with json.Encoder.SetIndent("", "  ") — so object keys
 * come out sorted (Go encodes maps in key order), two-space indented, with a final newline.
 *
 * Simulated: GET /v2/snaps/NAME (below), and GET /v2/connections (daemon/api_connections.go getConnections / collectConnections):
 * `select` empty (connected only) or `all`, `snap` and `interface` filters; plugs and slots carry their
 * attributes as snapd's REST API does (transcripts/api/90-GET-v2-connections-snap-microk8s-select-all.json:
 * `attrs` on plugs and slots, `plug-attrs`/`slot-attrs` on established connections, `manual`/`gadget` only
 * when true; `apps` on plugs, the apps each is bound to, omitted when none). Anything else answers like snapd's router for an unknown path (404, "not found").
 */

const m = require('./model.js');
const { snapApps } = require('./kernel.js');

function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k]);
    return out;
  }
  return v;
}

/** Go's json.Encoder escapes <, > and & (SetEscapeHTML defaults to true). */
function goJson(value) {
  return JSON.stringify(sortKeys(value), null, 2).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026') + '\n';
}

const hasAttrs = (a) => a && typeof a === 'object' && Object.keys(a).length > 0;

function connectionsResult(state, query) {
  const select = query.get('select') || '';
  if (select !== '' && select !== 'all') return { status: 400, message: 'unsupported select qualifier' };
  const onlyConnected = select === '';
  let snapName = query.get('snap') || '';
  if (snapName && (snapName === 'system' || (m.isSystemSnapName(snapName) && !m.snapByName(state, snapName)))) snapName = m.systemSnap(state) || snapName;
  const ifaceName = query.get('interface') || '';
  const plugOf = (c) => state.plugs.find((p) => p.snap === c.plug.snap && p.plug === c.plug.plug);
  const slotOf = (c) => state.slots.find((s) => s.snap === c.slot.snap && s.slot === c.slot.slot);
  const involves = (c) => !snapName || c.plug.snap === snapName || c.slot.snap === snapName;
  const ifaceOk = (i) => !ifaceName || i === ifaceName;

  const established = [];
  for (const c of state.connections) {
    if (!involves(c) || !ifaceOk(c.interface)) continue;
    const e = { slot: { snap: c.slot.snap, slot: c.slot.slot }, plug: { snap: c.plug.snap, plug: c.plug.plug }, interface: c.interface };
    if (c.manual) e.manual = true;
    if (c.gadget) e.gadget = true;
    const slot = slotOf(c);
    const plug = plugOf(c);
    if (slot && hasAttrs(slot.attrs)) e['slot-attrs'] = slot.attrs;
    if (plug && hasAttrs(plug.attrs)) e['plug-attrs'] = plug.attrs;
    established.push(e);
  }
  const plugs = [];
  for (const p of state.plugs) {
    const conns = state.connections.filter((c) => c.plug.snap === p.snap && c.plug.plug === p.plug);
    if (onlyConnected && conns.length === 0) continue;
    if (!ifaceOk(p.interface)) continue;
    if (snapName && p.snap !== snapName && !conns.some((c) => c.slot.snap === snapName)) continue;
    const j = { snap: p.snap, plug: p.plug, interface: p.interface };
    if (hasAttrs(p.attrs)) j.attrs = p.attrs;
    // the apps it is bound to (those the state names, else every app of its snap); snapd omits an empty list
    const apps = Array.isArray(p.apps) ? p.apps : snapApps(state, p.snap);
    if (apps.length) j.apps = [...apps].sort();
    if (p.label) j.label = p.label;
    if (conns.length) j.connections = conns.map((c) => ({ snap: c.slot.snap, slot: c.slot.slot }));
    plugs.push(j);
  }
  const slots = [];
  for (const s of state.slots) {
    const conns = state.connections.filter((c) => c.slot.snap === s.snap && c.slot.slot === s.slot);
    if (onlyConnected && conns.length === 0) continue;
    if (!ifaceOk(s.interface)) continue;
    if (snapName && s.snap !== snapName && !conns.some((c) => c.plug.snap === snapName)) continue;
    const j = { snap: s.snap, slot: s.slot, interface: s.interface };
    if (hasAttrs(s.attrs)) j.attrs = s.attrs;
    if (Array.isArray(s.apps) && s.apps.length) j.apps = s.apps;
    if (s.label) j.label = s.label;
    if (conns.length) j.connections = conns.map((c) => ({ snap: c.plug.snap, plug: c.plug.plug }));
    slots.push(j);
  }
  const result = {};
  if (established.length) result.established = established;
  if (plugs.length) result.plugs = plugs;
  if (slots.length) result.slots = slots;
  return { status: 200, result };
}

/**
 * GET /v2/snaps/NAME (daemon/api_snaps.go getSnapInfo): the fields the demo knows, under snapd's names
 * (client/packages.go Snap; the lab's answer, transcripts/api/85-GET-v2-snaps-microk8s.json, has more).
 * `health` (client.SnapHealth) only once the snap has set one; `timestamp` is never omitted by Go.
 */
function snapResult(state, name) {
  const snap = m.snapByName(state, name);
  // transcripts/api/86-GET-v2-snaps-nosuchsnap.json
  if (!snap) return { status: 404, message: 'snap not installed', kind: 'snap-not-found', value: name };
  const result = {
    name: snap.name,
    version: snap.version || '',
    revision: String(snap.revision),
    type: snap.type || 'app',
    confinement: snap.confinement || 'strict',
    status: snap.status === 'inactive' ? 'installed' : 'active',
    devmode: snap.confinement === 'devmode',
    jailmode: !!snap.jailmode,
  };
  if (snap.tracking) result['tracking-channel'] = snap.tracking;
  if (snap.health && snap.health.status) {
    result.health = { revision: String(snap.revision), timestamp: snap.health.checked || '0001-01-01T00:00:00Z', status: snap.health.status };
    if (snap.health.message) result.health.message = snap.health.message;
  }
  return { status: 200, result };
}

/** Returns the stdout of `snap debug api PATH_AND_QUERY`. */
function debugApi(state, pathAndQuery) {
  const u = new URL(pathAndQuery, 'http://localhost');
  let answer;
  const snapPath = /^\/v2\/snaps\/([^/]+)$/.exec(u.pathname);
  if (u.pathname === '/v2/connections') answer = connectionsResult(state, u.searchParams);
  else if (snapPath) answer = snapResult(state, decodeURIComponent(snapPath[1]));
  else answer = { status: 404, message: 'not found' };
  if (answer.status === 200) return goJson({ type: 'sync', 'status-code': 200, status: 'OK', result: answer.result });
  const status = answer.status === 400 ? 'Bad Request' : 'Not Found';
  const result = { message: answer.message };
  if (answer.kind) Object.assign(result, { kind: answer.kind, value: answer.value });
  return goJson({ type: 'error', 'status-code': answer.status, status, result });
}

module.exports = { debugApi, goJson };
