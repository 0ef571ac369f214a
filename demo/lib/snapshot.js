'use strict';
/**
 * Builds a demo host state from a snapshot of a real host: the raw outputs of
 *
 *   "snap list"                    (run with --unicode=never --color=never, or piped)
 *   "snap connections --all"
 *   "snap connections system"
 *   "snap interface --all"
 *   "snap version"
 *   "snap debug confinement"
 *   "snap debug sandbox-features"
 *   "snap changes --abs-time"      (optional: the change list; tasks are not known)
 *
 * The demo then prints those same outputs back byte for byte (for the
 * commands above), and behaves like that host for connect/disconnect.
 *
 * What a snapshot cannot tell, and how it is filled in:
 * - plug/slot attributes are not printed; only the content tag matters to the
 *   demo, and it is taken from the connection's "content[tag]" determinant, or
 *   defaults to the plug/slot name, which is what snapd itself does;
 * - snap health is only known when it is not okay (it shows in Notes);
 * - a snapshotted change has no tasks, and its affected snaps are guessed from
 *   its summary;
 * - `microk8s status` and `snap services SNAP` are replayed only when the
 *   snapshot recorded them, and the kernel log never is: asked for what it does
 *   not hold, the simulated host says "not in the snapshot" (state.replay).
 */

const SCHEMA = 'confinement-dashboard-demo-state/1';

function chars(s) {
  return Array.from(s);
}

/** Splits a tabwriter table into rows of cells using the header's column starts. */
function parseTable(text) {
  const lines = String(text || '')
    .split('\n')
    .filter((l) => l.trim() !== '');
  if (lines.length === 0) return [];
  const header = chars(lines[0]);
  const starts = [0];
  for (let i = 1; i < header.length; i++) {
    if (header[i] !== ' ' && header[i - 1] === ' ' && header[i - 2] === ' ') starts.push(i);
  }
  return lines.slice(1).map((line) => {
    const c = chars(line);
    return starts.map((s, k) => c.slice(s, k + 1 < starts.length ? starts[k + 1] : c.length).join('').trim());
  });
}

const TYPE_BY_NOTE = { core: 'os', base: 'base', snapd: 'snapd', gadget: 'gadget', kernel: 'kernel' };
const HEALTH = new Set(['blocked', 'error', 'waiting']);

function parsePublisher(text) {
  if (!text || text === '-') return null;
  for (const [suffix, validation] of [
    ['**', 'verified'],
    ['✓', 'verified'],
    ['✪', 'starred'],
    ['*', 'starred'],
  ]) {
    if (text.endsWith(suffix)) return { username: text.slice(0, -suffix.length), validation };
  }
  return { username: text, validation: 'unproven' };
}

function parseSnapList(text) {
  return parseTable(text).map(([name, version, rev, tracking, publisher, notes]) => {
    const snap = {
      name,
      version: version === '-' ? '' : version,
      revision: rev,
      tracking: tracking === '-' ? null : tracking,
      publisher: parsePublisher(publisher),
      type: 'app',
      confinement: 'strict',
      status: 'active',
    };
    for (const note of notes === '-' || !notes ? [] : notes.split(',')) {
      if (TYPE_BY_NOTE[note]) snap.type = TYPE_BY_NOTE[note];
      else if (note === 'disabled') snap.status = 'installed';
      else if (note === 'devmode') snap.confinement = 'devmode';
      else if (note === 'jailmode') {
        snap.confinement = 'devmode';
        snap.jailmode = true;
      } else if (note === 'classic') snap.confinement = 'classic';
      else if (note === 'private') snap.private = true;
      else if (note === 'try') snap.trymode = true;
      else if (note === 'broken') snap.broken = true;
      else if (note === 'ignore-validation') snap.ignoreValidation = true;
      else if (note === 'in-cohort') snap.cohort = true;
      else if (note === 'held') snap.hold = true;
      else if (HEALTH.has(note)) snap.health = { status: note, message: '' };
      else if (/^components\[/.test(note)) snap.components = note;
      else if (note === 'bought' || /^\d+(\.\d+)?[A-Z]{3}$/.test(note)) snap.price = note;
      else (snap.extraNotes = snap.extraNotes || []).push(note);
    }
    return snap;
  });
}

function parseEndpoint(text, systemSnap) {
  if (!text || text === '-') return null;
  const i = text.indexOf(':');
  if (i < 0) return null;
  return { snap: i === 0 ? systemSnap : text.slice(0, i), name: text.slice(i + 1) };
}

function parseInterfaceCell(text) {
  const m = /^([^[]+)(?:\[(.*)\])?$/.exec(text);
  return m ? { iface: m[1], det: m[2] || '' } : { iface: text, det: '' };
}

function parseVersion(text) {
  return String(text || '')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const m = /^(\S+)\s+(.*)$/.exec(l);
      return m ? [m[1], m[2]] : [l.trim(), ''];
    });
}

function parseSandboxFeatures(text) {
  const features = {};
  for (const line of String(text || '').split('\n')) {
    const m = /^(\S+?):(?:\s+(.*))?$/.exec(line.trimEnd());
    if (m) features[m[1]] = (m[2] || '').split(' ').filter(Boolean);
  }
  return features;
}

function changeKindOf(summary) {
  if (/^Connect /.test(summary)) return 'connect-snap';
  if (/^Disconnect /.test(summary)) return 'disconnect-snap';
  const m = /^(Install|Remove|Refresh|Revert|Enable|Disable|Try|Configure) /.exec(summary);
  if (m) return m[1].toLowerCase() + '-snap';
  if (/^Auto-refresh /.test(summary)) return 'auto-refresh';
  if (/^Initialize system state/.test(summary)) return 'seed';
  return 'unknown';
}

function snapNamesOf(summary) {
  const names = new Set();
  let m = /^(?:Connect|Disconnect) ([a-z0-9-]*):\S* (?:to|from) ([a-z0-9-]*):\S*$/.exec(summary);
  if (m) {
    if (m[1]) names.add(m[1]);
    if (m[2]) names.add(m[2]);
  }
  const re = /"([a-z0-9][a-z0-9-]*)"( snap|\s*$)/g;
  while ((m = re.exec(summary))) names.add(m[1]);
  m = /snaps? ((?:"[a-z0-9-]+"(?:, | and )?)+)/.exec(summary);
  if (m) for (const n of m[1].match(/"[a-z0-9-]+"/g) || []) names.add(n.slice(1, -1));
  return [...names].sort();
}

function parseChanges(text) {
  return parseTable(text).map(([id, status, spawn, ready, summary]) => ({
    id,
    kind: changeKindOf(summary),
    summary,
    status,
    spawnTime: new Date(Date.parse(spawn)).toISOString(),
    readyTime: ready && ready !== '-' ? new Date(Date.parse(ready)).toISOString() : null,
    snapNames: snapNamesOf(summary),
    tasks: [],
  }));
}

function stateFromSnapshot(snapshot) {
  const get = (k) => (snapshot && typeof snapshot[k] === 'string' ? snapshot[k] : '');
  const snaps = parseSnapList(get('snap list'));
  const sysSnap = (snaps.find((s) => s.type === 'snapd') || snaps.find((s) => s.type === 'os') || { name: 'snapd' }).name;

  const plugs = new Map();
  const slots = new Map();
  const connections = [];
  const seenConn = new Set();
  const addEnd = (map, ep, iface, key) => {
    const id = ep.snap + ':' + ep.name;
    if (!map.has(id)) map.set(id, { snap: ep.snap, [key]: ep.name, interface: iface });
    return map.get(id);
  };
  const setContent = (end, tag) => {
    if (end.interface !== 'content') return;
    end.attrs = end.attrs || {};
    if (tag) end.attrs.content = tag;
  };

  for (const key of ['snap connections --all', 'snap connections system']) {
    for (const [ifaceCell, plugCell, slotCell, notes] of parseTable(get(key))) {
      const { iface, det } = parseInterfaceCell(ifaceCell);
      const plugEp = parseEndpoint(plugCell, sysSnap);
      const slotEp = parseEndpoint(slotCell, sysSnap);
      const plug = plugEp ? addEnd(plugs, plugEp, iface, 'plug') : null;
      const slot = slotEp ? addEnd(slots, slotEp, iface, 'slot') : null;
      if (plug && slot) {
        if (det) {
          setContent(plug, det);
          if (!slot.attrs || !slot.attrs.content) setContent(slot, det);
        }
        const id = `${plugEp.snap}:${plugEp.name} ${slotEp.snap}:${slotEp.name}`;
        if (!seenConn.has(id)) {
          seenConn.add(id);
          const n = (notes || '-').split(',');
          connections.push({
            plug: { snap: plugEp.snap, plug: plugEp.name },
            slot: { snap: slotEp.snap, slot: slotEp.name },
            interface: iface,
            manual: n.includes('manual'),
            gadget: n.includes('gadget'),
          });
        }
      }
    }
  }
  // snapd defaults a content plug's or slot's "content" attribute to its name.
  for (const p of plugs.values()) if (p.interface === 'content' && !(p.attrs && p.attrs.content)) setContent(p, p.plug);
  for (const s of slots.values()) if (s.interface === 'content' && !(s.attrs && s.attrs.content)) setContent(s, s.slot);

  const interfaces = {};
  for (const [name, summary] of parseTable(get('snap interface --all'))) interfaces[name] = summary || '';
  // snapd >= 2.6x prints a `documentation:` line in `snap interface NAME` (2.57 does not): keep what
  // the snapshotted snapd printed, so the demo prints it exactly when that snapd did.
  const interfaceDocs = {};
  for (const key of Object.keys(snapshot || {})) {
    const name = /^snap interface ([a-z0-9-]+)$/.exec(key)?.[1];
    const doc = name && /^documentation:\s+(\S.*)$/m.exec(get(key));
    if (doc) interfaceDocs[name] = doc[1];
  }

  const changes = parseChanges(get('snap changes --abs-time'));
  let maxId = 0;
  for (const c of changes) maxId = Math.max(maxId, Number.parseInt(c.id, 10) || 0);

  const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const meta = (snapshot && snapshot._meta) || {};
  const recorded = (k) => (snapshot && typeof snapshot[k] === 'string' && !(meta.failed && meta.failed[k]) ? snapshot[k] : null);
  return {
    schema: SCHEMA,
    // What the snapshot holds besides snap's own state. Anything it lacks (no kernel log is ever in
    // one) is "not in the snapshot" when asked, never made up (review problem 9).
    replay: {
      hostname: typeof meta.hostname === 'string' ? meta.hostname : null,
      capturedAt: typeof meta.capturedAt === 'string' ? meta.capturedAt : null,
      microk8sStatus: recorded('microk8s status --format yaml'),
      services: Object.fromEntries(
        Object.keys(snapshot || {})
          .filter((k) => /^snap services [a-z0-9-]+$/.test(k) && recorded(k) !== null)
          .map((k) => [k.slice('snap services '.length), snapshot[k]]),
      ),
    },
    system: {
      version: parseVersion(get('snap version')),
      confinement: get('snap debug confinement').trim() || 'strict',
      sandboxFeatures: parseSandboxFeatures(get('snap debug sandbox-features')),
      systemSnap: sysSnap,
    },
    interfaces,
    interfaceDocs,
    snaps,
    plugs: [...plugs.values()].sort((a, b) => byName(a.snap, b.snap) || byName(a.plug, b.plug)),
    slots: [...slots.values()].sort((a, b) => byName(a.snap, b.snap) || byName(a.slot, b.slot)),
    connections,
    undesired: [],
    changes,
    nextChangeId: maxId + 1,
    nextTaskId: 1,
  };
}

// --------------------------------------------------------------- capturing a snapshot

/** The commands stateFromSnapshot reads. */
const SNAPSHOT_COMMANDS = [
  ['list'],
  ['connections', '--all'],
  ['connections', 'system'],
  ['interface', '--all'],
  ['version'],
  ['debug', 'confinement'],
  ['debug', 'sandbox-features'],
  ['changes', '--abs-time'],
];

/**
 * Runs the snap commands of a snapshot and returns it: { "snap list": stdout, … }.
 * Besides the commands stateFromSnapshot reads, it records `snap connections
 * SNAP` for every installed snap and `snap interface NAME` for every interface
 * in use, so that a demo built from the snapshot can be compared with the real
 * host command by command (demo/bin/snap-snapshot --compare).
 *
 * runSnap(args) runs `snap ARGS` (LC_ALL=C, not on a terminal) and returns
 * { stdout, stderr, code } or a promise of it. Failed commands are listed in
 * snapshot._meta.failed.
 */
async function captureSnapshot(runSnap) {
  const snapshot = {};
  const failed = {};
  const record = async (args) => {
    const key = ['snap', ...args].join(' ');
    const r = await runSnap(args);
    snapshot[key] = r.stdout;
    if (r.code !== 0) failed[key] = { code: r.code, stderr: r.stderr };
  };
  for (const args of SNAPSHOT_COMMANDS) await record(args);
  for (const snap of parseSnapList(snapshot['snap list'])) await record(['connections', snap.name]);
  const used = new Set();
  for (const [cell] of parseTable(snapshot['snap connections --all'])) used.add(cell.replace(/\[.*$/, ''));
  for (const name of [...used].sort()) await record(['interface', name]);
  snapshot._meta = { schema: 'confinement-dashboard-snapshot/1', capturedAt: new Date().toISOString(), failed };
  return snapshot;
}

module.exports = { stateFromSnapshot, captureSnapshot, SNAPSHOT_COMMANDS, parseTable, parseSnapList, parseChanges, snapNamesOf, changeKindOf };
