'use strict';
/**
 * The demo host's state file: where it lives, how it is created, read and
 * written by several `snap` processes at once.
 *
 * - path: $CONFINEMENT_DASHBOARD_DEMO_STATE, else the dashboard's default
 *   ($XDG_STATE_HOME or ~/.local/state)/confinement-dashboard/demo-host/state.json;
 * - a missing file is created from demo/state/initial.json (or from the file
 *   named by $DEMO_SNAP_INITIAL_STATE), with the times of its changes shifted so
 *   that its "referenceTime" becomes "now"; creation is atomic (write a temp
 *   file, then link(2) it into place, which fails if another process won);
 * - readers never lock: every write is a temp file + rename(2), so a reader
 *   sees either the old or the new state, never half of one;
 * - writers take an exclusive lock file (open O_CREAT|O_EXCL) around
 *   read-modify-write, retrying for up to 10 s; a lock left by a dead process
 *   (pid gone) or older than 30 s is broken.
 */

const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { now } = require('./timefmt.js');

const SCHEMA = 'confinement-dashboard-demo-state/1';
const DEFAULT_INITIAL = path.join(__dirname, '..', 'state', 'initial.json');

function statePath() {
  const env = process.env.CONFINEMENT_DASHBOARD_DEMO_STATE;
  if (env) return path.resolve(env);
  const xdg = process.env.XDG_STATE_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.local', 'state');
  return path.join(base, 'confinement-dashboard', 'demo-host', 'state.json');
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function tempName(file) {
  return `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
}

/** Moves every time in the state by deltaMs (ISO strings stay ISO strings). */
function shiftTimes(state, deltaMs) {
  const shift = (iso) => (iso ? new Date(Date.parse(iso) + deltaMs).toISOString() : iso);
  const k = state.kernel;
  if (k) {
    k.bootTime = shift(k.bootTime);
    for (const name of Object.keys(k.installed || {})) k.installed[name] = shift(k.installed[name]);
    for (const e of k.history || []) e.time = shift(e.time);
  }
  for (const chg of state.changes || []) {
    chg.spawnTime = shift(chg.spawnTime);
    chg.readyTime = shift(chg.readyTime);
    for (const t of chg.tasks || []) {
      t.spawnTime = shift(t.spawnTime);
      t.readyTime = shift(t.readyTime);
      if (Array.isArray(t.log)) {
        t.log = t.log.map((line) => {
          const m = /^(\S+Z) (.*)$/.exec(line);
          if (!m || Number.isNaN(Date.parse(m[1]))) return line;
          return new Date(Date.parse(m[1]) + deltaMs).toISOString().replace(/\.\d{3}Z$/, 'Z') + ' ' + m[2];
        });
      }
    }
  }
}

/** $DEMO_SEED (default 1): the seed of everything the demo invents (kernel log, DEMO_SCALE snaps). */
function demoSeed() {
  const n = Number.parseInt(process.env.DEMO_SEED || '', 10);
  return Number.isInteger(n) ? n : 1;
}

/**
 * The initial state, materialised for "now". stateFile is where it will live
 * (DEMO_SCALE writes the generated kernel log beside it).
 */
function initialState(stateFile) {
  const file = process.env.DEMO_SNAP_INITIAL_STATE ? path.resolve(process.env.DEMO_SNAP_INITIAL_STATE) : DEFAULT_INITIAL;
  const state = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (state.referenceTime) {
    const ref = Date.parse(state.referenceTime);
    if (!Number.isNaN(ref)) shiftTimes(state, now() - ref);
    delete state.referenceTime;
  }
  const kernel = require('./kernel.js');
  if (!state.kernel) state.kernel = kernel.defaultKernel(now(), demoSeed());
  if (state.replay && state.replay.hostname) state.kernel.hostname = state.replay.hostname;
  if (process.env.DEMO_SEED) state.kernel.seed = demoSeed();
  kernel.completeKernel(state.kernel);
  const scale = Number.parseInt(process.env.DEMO_SCALE || '', 10);
  if (Number.isInteger(scale) && scale > 0 && stateFile) require('./scale.js').scaleUp(state, stateFile, scale, demoSeed(), now());
  // A node of a simulated fleet: its own name, and how it differs from the others.
  require('./node.js').applyNodeVariant(state, process.env);
  return state;
}

function writeAtomic(file, state) {
  const tmp = tempName(file);
  fs.writeFileSync(tmp, JSON.stringify(state, null, 1) + '\n', { mode: 0o644 });
  fs.renameSync(tmp, file);
}

/** Creates the state file if it does not exist yet (never overwrites one). */
function ensureStateFile(file) {
  if (fs.existsSync(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = tempName(file);
  const state = initialState(file);
  fs.writeFileSync(tmp, JSON.stringify(state, null, 1) + '\n', { mode: 0o644 });
  try {
    fs.linkSync(tmp, file);
  } catch (e) {
    if (!e || e.code !== 'EEXIST') throw e;
    // another process created the state first: its kernel log is the one
    if (state.kernel && state.kernel.frozen) {
      let theirs = null;
      try {
        const winner = JSON.parse(fs.readFileSync(file, 'utf8'));
        theirs = winner.kernel && winner.kernel.frozen && winner.kernel.frozen.file;
      } catch {
        /* unreadable: leave the files alone */
        theirs = state.kernel.frozen.file;
      }
      if (theirs !== state.kernel.frozen.file) fs.rmSync(path.join(path.dirname(file), state.kernel.frozen.file), { force: true });
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function checkSchema(state, file) {
  if (!state || typeof state !== 'object' || state.schema !== SCHEMA) {
    throw new Error(`${file}: not a demo host state (want "schema": "${SCHEMA}")`);
  }
  return state;
}

function readState() {
  const file = statePath();
  ensureStateFile(file);
  return checkSchema(JSON.parse(fs.readFileSync(file, 'utf8')), file);
}

/**
 * The state with a kernel section (a state file written before the kernel log
 * existed gets one, once, under the lock).
 */
function readStateWithKernel() {
  const state = readState();
  if (state.kernel && state.kernel.bootId) return state;
  return mutate((s) => {
    if (s.kernel && s.kernel.bootId) return { value: s };
    const kernel = require('./kernel.js');
    s.kernel = kernel.completeKernel(s.kernel || kernel.defaultKernel(now(), demoSeed()));
    if (s.replay && s.replay.hostname) s.kernel.hostname = s.replay.hostname;
    return { value: s, write: true };
  });
}

function pidAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return !!e && e.code === 'EPERM';
  }
}

function acquireLock(lockFile) {
  const deadline = Date.now() + 10_000;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = fs.openSync(lockFile, 'wx', 0o644);
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return;
    } catch (e) {
      if (!e || e.code !== 'EEXIST') throw e;
    }
    // Break a lock whose owner is gone.
    try {
      const st = fs.statSync(lockFile);
      const owner = Number.parseInt(fs.readFileSync(lockFile, 'utf8'), 10);
      const old = Date.now() - st.mtimeMs > 30_000;
      if (old || (Number.isInteger(owner) && owner > 0 && !pidAlive(owner))) {
        fs.rmSync(lockFile, { force: true });
        continue;
      }
    } catch {
      /* vanished between the checks: retry */
    }
    if (Date.now() > deadline) throw new Error(`cannot lock the demo host state: ${lockFile} is held`);
    sleep(2 + Math.min(attempt, 20) + Math.floor(Math.random() * 5));
  }
}

/**
 * Read-modify-write under the lock. fn(state) may change state in place and
 * returns a value; the state is written back only if fn returned
 * { value, write: true } — otherwise nothing is written.
 */
function mutate(fn) {
  const file = statePath();
  ensureStateFile(file);
  const lockFile = file + '.lock';
  acquireLock(lockFile);
  try {
    const state = checkSchema(JSON.parse(fs.readFileSync(file, 'utf8')), file);
    const result = fn(state) || {};
    if (result.write) writeAtomic(file, state);
    return result.value;
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

/**
 * What a replayed snapshot says for what it does not hold (review problem 9: a replay must not
 * invent MicroK8s state or denials the snapshotted host never had).
 */
function notInSnapshot(what, state) {
  const r = state.replay || {};
  const from = [r.hostname ? `from ${r.hostname}` : null, r.capturedAt ? `taken ${r.capturedAt}` : null].filter(Boolean).join(', ');
  return `${what} is not in the snapshot this simulated host replays${from ? ` (${from})` : ''}`;
}

module.exports = { notInSnapshot, SCHEMA, statePath, readState, readStateWithKernel, mutate, initialState, writeAtomic, shiftTimes, demoSeed };
