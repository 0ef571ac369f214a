#!/usr/bin/env node
// Starts the production build of the dashboard.
//   node scripts/start.mjs           the real host (snap, microk8s, journalctl on PATH)
//   node scripts/start.mjs --demo    the built-in simulated host, in a fresh temporary state
// Settings come from the environment (README: "Settings").
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const demo = process.argv.includes('--demo');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' };

if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
  console.error('No production build found. Run "npm run build" first (or "npm run demo", which builds).');
  process.exit(1);
}

if (demo) {
  env.CONFINEMENT_DASHBOARD_HOST_MODE = 'demo';
  // A fresh simulated host for every start, unless the caller chose a state file.
  if (!env.CONFINEMENT_DASHBOARD_DEMO_STATE) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'confinement-dashboard-demo-'));
    env.CONFINEMENT_DASHBOARD_DEMO_STATE = path.join(dir, 'state.json');
  }
  env.CONFINEMENT_DASHBOARD_DEMO_BIN ??= path.join(root, 'demo', 'bin');
  // --snapshot FILE: replay a real host's snapshot (exported from the Overview page).
  const at = process.argv.indexOf('--snapshot');
  if (at > 0) {
    const file = process.argv[at + 1];
    if (!file) {
      console.error('--snapshot needs a file (exported with "Export host snapshot" on the Overview page).');
      process.exit(64);
    }
    let snapshot;
    try {
      snapshot = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      console.error(`Cannot read the snapshot ${file}: ${e.message}`);
      process.exit(1);
    }
    const { stateFromSnapshot } = createRequire(import.meta.url)(path.join(root, 'demo', 'lib', 'snapshot.js'));
    fs.writeFileSync(env.CONFINEMENT_DASHBOARD_DEMO_STATE, JSON.stringify(stateFromSnapshot(snapshot)));
    console.log(`Simulated host seeded from ${file}`);
  }
}

const bind = env.CONFINEMENT_DASHBOARD_BIND || '127.0.0.1';
const port = env.PORT || '3000';
env.CONFINEMENT_DASHBOARD_BIND = bind;
env.PORT = port;

const next = path.join(root, 'node_modules', '.bin', 'next');
const child = spawn(next, ['start', '-H', bind, '-p', port], { cwd: root, env, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
