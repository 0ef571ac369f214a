#!/usr/bin/env node
// npm run test:fleet — SshHost against REAL sshd daemons (test/fleet/README.md).
//
//   1. fleet up: harness/cli.ts up (it first tears down whatever an earlier run left:
//      daemons, sessions, ssh masters, accounts, the sudoers drop-in, the fleet dir);
//      refuses to run as non-root (counted as a failure);
//   2. the snapd lab of test:snapd (test/snapd/harness/lab-down.sh, then lab-up.sh with
//      snapd 2.57): node-8 is that real snapd reached over SSH;
//   3. vitest with test/fleet/vitest.config.mts;
//   4. lab down and fleet down, always: in `finally`, and on SIGINT/SIGTERM/SIGHUP after the
//      running step was stopped. FLEET_KEEP=1 leaves both up for debugging.
//
// Prints one closing line "N passed, N failed" (tests, plus one check each for bringing
// the fleet up and down) and writes the same totals to test-results/totals-fleet.json as
// {passed, failed, failures}. Exit 0 only if nothing failed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const results = path.join(root, 'test-results');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const keep = process.env.FLEET_KEEP === '1';
const systemPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const env = { ...process.env, PATH: `${process.env.PATH ?? systemPath}:${systemPath}`, LC_ALL: 'C', SNAPD_LAB_SUITE: 'bookworm' };
const labScript = (name) => path.join(root, 'test', 'snapd', 'harness', name);

let passed = 0;
let failed = 0;
const failures = [];
let current = null;
let interrupted = null;
let tearingDown = false;
const started = Date.now();

function fail(what) {
  failed++;
  failures.push(what);
}

/** Runs one step with inherited stdio in its own process group; resolves with its exit status. */
function step(name, cmd, args) {
  console.log(`\n=== ${name}: ${path.relative(root, cmd) || cmd} ${args.join(' ')}`);
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env, detached: true });
    current = child;
    const done = (status) => {
      if (current === child) current = null;
      console.log(`=== ${name}: exit ${status} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      resolve(status);
    };
    child.on('error', (err) => done(`error (${err.message})`));
    child.on('exit', (code, signal) => done(code ?? signal));
  });
}

function onSignal(signal) {
  if (interrupted) return;
  interrupted = signal;
  if (tearingDown) return; // let the teardown finish
  console.log(`\n=== ${signal}: stopping the running step, then tearing the fleet down`);
  if (current?.pid) {
    try {
      process.kill(-current.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
}
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, onSignal);

async function suite() {
  const file = path.join(results, 'fleet-results.json');
  fs.rmSync(file, { force: true });
  const status = await step('suite (vitest, real sshd)', bin('vitest'), [
    'run',
    '--config',
    path.join('test', 'fleet', 'vitest.config.mts'),
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${file}`,
  ]);
  let report = null;
  try {
    report = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    /* no report: counted below */
  }
  if (report) {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    for (const f of report.testResults ?? []) {
      for (const a of f.assertionResults ?? []) if (a.status === 'failed') failures.push(`${path.relative(root, f.name)}: ${a.fullName}`);
      if (f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed')) {
        fail(`${path.relative(root, f.name)}: ${String(f.message ?? 'failed').split('\n')[0]}`);
      }
    }
  }
  if (status !== 0 && (!report || (report.numFailedTests === 0 && !failures.length))) fail('suite run (crashed or was stopped)');
}

async function main() {
  if (process.getuid?.() !== 0) {
    console.error('test:fleet: refusing to run: the fleet needs root (it adds accounts and starts sshd daemons)');
    fail('harness refused: not root');
    return;
  }
  fs.mkdirSync(results, { recursive: true });
  let up = false;
  let labUp = false;
  try {
    up = true; // from here on, a teardown is due whatever happens
    const status = await step('fleet up', bin('tsx'), [path.join('test', 'fleet', 'harness', 'cli.ts'), 'up']);
    if (status !== 0) {
      fail('fleet up');
      return;
    }
    passed++;
    if (interrupted) return;
    labUp = true;
    // A lab left by a killed session is torn down first (lab-up.sh recovers too; this is cheap).
    const labStatus = (await step('snapd lab down (leftovers)', labScript('lab-down.sh'), [])) || (await step('snapd lab up (node-8)', labScript('lab-up.sh'), []));
    if (labStatus !== 0) fail('snapd lab up (node-8 is the real snapd over SSH)');
    else passed++;
    if (interrupted) return;
    await suite();
  } finally {
    if (interrupted) fail(`interrupted by ${interrupted}`);
    if (labUp && !keep) {
      tearingDown = true;
      const status = await step('snapd lab down', labScript('lab-down.sh'), []);
      if (status === 0) passed++;
      else fail('snapd lab down');
    }
    if (up && !keep) {
      tearingDown = true;
      const status = await step('fleet down', bin('tsx'), [path.join('test', 'fleet', 'harness', 'cli.ts'), 'down']);
      if (status === 0) passed++;
      else fail('fleet down');
    } else if (up) {
      console.log('\n=== FLEET_KEEP=1: the fleet stays up (tear it down with: sudo npx tsx test/fleet/harness/cli.ts down)');
    }
  }
}

let exitCode = 1;
try {
  await main();
} catch (e) {
  fail(`runner error: ${e instanceof Error ? e.message : String(e)}`);
} finally {
  try {
    fs.mkdirSync(results, { recursive: true });
    fs.writeFileSync(path.join(results, 'totals-fleet.json'), JSON.stringify({ passed, failed, failures }));
  } catch (e) {
    console.error(`cannot write test-results/totals-fleet.json: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (failures.length) console.log(`\nFailed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  console.log(`\n(test:fleet took ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  console.log(`\n${passed} passed, ${failed} failed`);
  exitCode = failed === 0 && !interrupted ? 0 : interrupted === 'SIGINT' ? 130 : interrupted ? 143 : 1;
}
process.exit(exitCode);
