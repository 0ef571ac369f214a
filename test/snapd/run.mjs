#!/usr/bin/env node
// npm run test:snapd — the suite against a REAL snapd (test/snapd/README.md), once per
// snapd release: Debian 12's 2.57 (the installed package) and Debian 13's 2.68 (its daemon
// and CLI, fetched and cached by harness/lib/snapd-release.sh). SNAPD_LAB_SUITES="bookworm"
// (space-separated Debian suites) runs fewer; every release named must come up, or it
// counts as a failure (never a skip). For each release:
//
//   1. lab-down.sh, then lab-up.sh with SNAPD_LAB_SUITE: a fresh lab (the harness refuses
//      to run as non-root or on a host whose snapd systemd manages; that counts as a failure);
//   2. phase 1: vitest with test/snapd/vitest.config.mts;
//   3. phase 2, only if test/snapd/playwright.config.ts exists: the browser suite
//      (playwright test --config test/snapd/playwright.config.ts) against the same lab,
//      on the production build (built first when .next/BUILD_ID is missing or older than
//      the app's sources, after waiting for a `next build` of this checkout already running);
//   4. lab-down.sh, always: in `finally`, and on SIGINT/SIGTERM/SIGHUP after the
//      running step was stopped. SNAPD_LAB_KEEP=1 leaves the lab up for debugging.
//
// Prints the totals of each release, then one closing line "N passed, N failed" over all
// releases (tests, plus one check each for bringing a lab up and tearing it down) and writes
// the same totals to test-results/totals-snapd.json as {passed, failed, failures}. Exit 0
// only if nothing failed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const here = path.join(root, 'test', 'snapd');
const harness = path.join(here, 'harness');
const results = path.join(root, 'test-results');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const lab = process.env.SNAPD_LAB_DIR || '/tmp/snapd-lab';
const keep = process.env.SNAPD_LAB_KEEP === '1';
const playwrightConfig = path.join(here, 'playwright.config.ts');
const systemPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** Debian suites whose snapd the suite runs against, in order (the names lab-up.sh knows). */
const SUITES = (process.env.SNAPD_LAB_SUITES ?? 'bookworm trixie').split(/\s+/).filter(Boolean);
const RELEASE_OF = { bookworm: 'snapd 2.57', trixie: 'snapd 2.68' };

const env = {
  ...process.env,
  PATH: `${process.env.PATH ?? systemPath}:${systemPath}`,
  SNAPD_LAB_DIR: lab,
  CONFINEMENT_DASHBOARD_HOST_MODE: 'local',
  NEXT_TELEMETRY_DISABLED: '1',
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
};
delete env.CONFINEMENT_DASHBOARD_SUDO; // root's suite runs snap directly; the access tests set sudo mode themselves

let passed = 0;
let failed = 0;
const failures = [];
/** the release being tested: failures are prefixed with it, and tests learn it from the environment */
let release = null;
let current = null; // the running child process
let labTouched = false;
let suite = null; // the Debian suite of the release being tested
let interrupted = null;
let tearingDown = false; // a signal during the final teardown must not stop the teardown
const started = Date.now();

function fail(what) {
  failed++;
  failures.push(tag(what));
}
const tag = (what) => (release ? `[${release}] ${what}` : what);

/** Runs one step with inherited stdio in its own process group; resolves with its exit status. */
function step(name, cmd, args, extraEnv = {}) {
  console.log(`\n=== ${name}: ${path.relative(root, cmd) || cmd} ${args.join(' ')}`);
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...env, ...(suite ? { SNAPD_LAB_SUITE: suite } : {}), ...extraEnv }, detached: true });
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

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function onSignal(signal) {
  if (interrupted) return; // already stopping
  interrupted = signal;
  if (tearingDown) {
    console.log(`\n=== ${signal}: the lab is being torn down; letting that finish`);
    return;
  }
  console.log(`\n=== ${signal}: stopping the running step, then tearing the lab down`);
  if (current?.pid) {
    try {
      process.kill(-current.pid, 'SIGTERM'); // its process group (spawned detached)
    } catch {
      /* already gone */
    }
    const victim = current;
    setTimeout(() => {
      try {
        if (victim.exitCode === null && victim.signalCode === null) process.kill(-victim.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 10_000).unref();
  }
}
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, onSignal);

async function phaseVitest() {
  const file = path.join(results, `snapd-results-${suite}.json`);
  fs.rmSync(file, { force: true });
  const status = await step(`suite (vitest, real ${release})`, bin('vitest'), [
    'run',
    '--config',
    path.join('test', 'snapd', 'vitest.config.mts'),
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${file}`,
  ]);
  const report = readJson(file);
  if (report) {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    for (const f of report.testResults ?? []) {
      for (const a of f.assertionResults ?? []) {
        if (a.status === 'failed') failures.push(tag(`${path.relative(root, f.name)}: ${a.fullName}`));
      }
      // a file that failed to load or whose hooks failed has no failed assertions to show for it
      if (f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed')) {
        fail(`${path.relative(root, f.name)}: ${String(f.message ?? 'failed').split('\n')[0]}`);
      }
    }
  }
  if (status !== 0 && (!report || (report.numFailedTests === 0 && !failures.length))) fail('suite run (crashed or was stopped)');
}

/** A `next build` of this checkout running now (another engineer's `npm test`, say): its pid, or null. */
function otherBuild() {
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const at = cmd.findIndex((a) => /(^|\/)next(\.js)?$/.test(a));
      if (at >= 0 && cmd[at + 1] === 'build' && fs.readlinkSync(`/proc/${pid}/cwd`) === root) return Number(pid);
    } catch {
      /* gone, or not ours to read */
    }
  }
  return null;
}

/** A source file of the app newer than the build (tests excluded), or null: the build would test old code. */
function newerThanBuild(buildId) {
  const built = fs.statSync(buildId).mtimeMs;
  const walk = (p) => {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) return null;
    if (st.isFile()) return st.mtimeMs > built && !/\.test\.tsx?$/.test(p) ? p : null;
    if (!st.isDirectory()) return null;
    for (const e of fs.readdirSync(p)) {
      const hit = walk(path.join(p, e));
      if (hit) return hit;
    }
    return null;
  };
  for (const p of ['app', 'components', 'lib', 'public', 'proxy.ts', 'instrumentation.ts', 'next.config.js', 'package-lock.json']) {
    const hit = walk(path.join(root, p));
    if (hit) return path.relative(root, hit);
  }
  return null;
}

/**
 * The browser phase serves the production build: wait for a `next build` of this checkout
 * already running, then build when there is no build or it is older than the app's sources.
 */
async function ensureBuild() {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  const deadline = Date.now() + 300_000;
  for (let pid = otherBuild(); pid && !interrupted && Date.now() < deadline; pid = otherBuild()) {
    console.log(`\n=== waiting for the production build in progress (pid ${pid})`);
    await new Promise((r) => setTimeout(r, 2_000));
  }
  if (interrupted) return false;
  const why = !fs.existsSync(buildId) ? 'no .next/BUILD_ID' : newerThanBuild(buildId) ? `${newerThanBuild(buildId)} is newer than the build` : null;
  if (!why) return true;
  const status = await step(`production build (${why})`, bin('next'), ['build']);
  if (status === 0 && fs.existsSync(buildId)) return true;
  fail('production build for the browser phase');
  return false;
}

async function phasePlaywright() {
  if (!fs.existsSync(playwrightConfig)) return;
  if (!(await ensureBuild()) || interrupted) return;
  const file = path.join(results, `snapd-e2e-results-${suite}.json`);
  fs.rmSync(file, { force: true });
  const status = await step(
    `browser suite (playwright, real ${release})`,
    bin('playwright'),
    ['test', '--config', path.relative(root, playwrightConfig), '--reporter=list,json'],
    { PLAYWRIGHT_JSON_OUTPUT_NAME: file, PLAYWRIGHT_JSON_OUTPUT_FILE: file },
  );
  const report = readJson(file);
  if (report?.stats) {
    passed += report.stats.expected;
    failed += report.stats.unexpected + (report.stats.flaky ?? 0);
    if (report.stats.unexpected) failures.push(tag(`${report.stats.unexpected} browser tests`));
    if (report.stats.flaky) failures.push(tag(`${report.stats.flaky} flaky browser tests`));
  }
  if (status !== 0 && (!report?.stats || report.stats.unexpected === 0)) fail('browser suite run (crashed or the server did not start)');
}

/** One release: a fresh lab with its snapd, both phases, the lab torn down. False: stop (refused or interrupted). */
async function runRelease() {
  const before = { passed, failed };
  const t0 = Date.now();
  console.log(`\n##### ${release} (Debian ${suite}'s snapd daemon and CLI)`);
  try {
    // A fresh lab every run: lab-down.sh also cleans up what a killed earlier run left behind.
    labTouched = true;
    const down = await step('lab down (fresh start)', 'bash', [path.join(harness, 'lab-down.sh')]);
    if (down === 3) {
      labTouched = false; // the guard refused: this host's snapd is not ours, touch nothing
      fail('harness refused to run on this host (see the reasons above)');
      return false;
    }
    if (interrupted) return false;
    const up = await step(`lab up (${release})`, 'bash', [path.join(harness, 'lab-up.sh')]);
    if (up !== 0) {
      // a release that cannot be set up (download, unpack, start) fails loudly; the next one still runs
      fail(`lab up: ${release} could not be set up (see the output of "lab up" above)`);
      return !interrupted;
    }
    passed++;
    if (interrupted) return false;
    await phaseVitest();
    if (interrupted) return false;
    await phasePlaywright();
    return !interrupted;
  } finally {
    if (labTouched && (!keep || suite !== SUITES.at(-1))) {
      tearingDown = true;
      const status = await step('lab down', 'bash', [path.join(harness, 'lab-down.sh')]);
      tearingDown = false;
      if (status === 0) passed++;
      else fail('lab down');
      labTouched = false;
    } else if (labTouched) {
      console.log(`\n=== SNAPD_LAB_KEEP=1: the lab stays up (tear it down with: sudo ${path.relative(root, harness)}/lab-down.sh)`);
    }
    console.log(
      `\n##### ${release}: ${passed - before.passed} passed, ${failed - before.failed} failed (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
    );
  }
}

async function main() {
  if (process.getuid?.() !== 0) {
    console.error('test:snapd: refusing to run: the snapd lab needs root (it starts snapd, mounts snaps and adds a test user)');
    fail('harness refused: not root');
    return;
  }
  const unknown = SUITES.filter((s) => !RELEASE_OF[s]);
  if (unknown.length || SUITES.length === 0) {
    fail(`SNAPD_LAB_SUITES: unknown Debian suite(s) ${unknown.join(', ') || '(none given)'}; known: ${Object.keys(RELEASE_OF).join(', ')}`);
    return;
  }
  fs.mkdirSync(results, { recursive: true });
  for (const s of SUITES) {
    suite = s;
    release = RELEASE_OF[s];
    const go = await runRelease();
    if (!go) break;
  }
  if (interrupted) {
    release = null;
    fail(`interrupted by ${interrupted}`);
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
    fs.writeFileSync(path.join(results, 'totals-snapd.json'), JSON.stringify({ passed, failed, failures }));
  } catch (e) {
    console.error(`cannot write test-results/totals-snapd.json: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (failures.length) console.log(`\nFailed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  console.log(`\n(test:snapd took ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  console.log(`\n${passed} passed, ${failed} failed`);
  exitCode = failed === 0 && !interrupted ? 0 : interrupted === 'SIGINT' ? 130 : interrupted ? 143 : 1;
}
process.exit(exitCode);
