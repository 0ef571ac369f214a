#!/usr/bin/env node
// The whole test suite, in the order that fails fastest: lint and types (side by
// side: each is one process on one core), unit tests, production build, end-to-end
// tests in Debian's Chromium.
// Prints one closing line "N passed, N failed" with the real totals (lint and
// the type check count as one check each) and writes them to
// test-results/totals-main.json for .ci/run.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };

let passed = 0;
let failed = 0;
const failures = [];

function step(name, cmd, args, extraEnv = {}) {
  console.log(`\n=== ${name}: ${path.basename(cmd)} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
  console.log(`=== ${name}: exit ${r.status ?? r.signal} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return r.status === 0;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Runs a check with its output held back, then prints it whole: checks side by side do not interleave. */
function checkQuietly(name, cmd, args) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const done = (status) => {
      console.log(`\n=== ${name}: ${path.basename(cmd)} ${args.join(' ')}`);
      if (output) process.stdout.write(output);
      console.log(`=== ${name}: exit ${status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      if (status === 0) passed++;
      else {
        failed++;
        failures.push(name);
      }
      resolve();
    };
    child.on('error', (err) => done(`error (${err.message})`));
    child.on('close', (code, signal) => done(code ?? signal));
  });
}

await Promise.all([checkQuietly('lint', bin('eslint'), ['.', '--max-warnings=0']), checkQuietly('typecheck', bin('tsc'), ['--noEmit'])]);

const unitFile = path.join(results, 'unit-results.json');
fs.rmSync(unitFile, { force: true });
const unitOk = step('unit', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${unitFile}`]);
const unit = readJson(unitFile);
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  if (unit.numFailedTests) failures.push(`${unit.numFailedTests} unit tests`);
}
if (!unitOk && (!unit || unit.numFailedTests === 0)) {
  failed++;
  failures.push('unit run (crashed or a file failed to load)');
}

if (step('build', bin('next'), ['build'])) {
  passed++;
  const e2eFile = path.join(results, 'e2e-results.json');
  fs.rmSync(e2eFile, { force: true });
  const e2eOk = step('e2e', bin('playwright'), ['test']);
  const e2e = readJson(e2eFile);
  if (e2e?.stats) {
    passed += e2e.stats.expected;
    failed += e2e.stats.unexpected + (e2e.stats.flaky ?? 0);
    if (e2e.stats.unexpected) failures.push(`${e2e.stats.unexpected} e2e tests`);
  }
  if (!e2eOk && (!e2e?.stats || e2e.stats.unexpected === 0)) {
    failed++;
    failures.push('e2e run (crashed or the server did not start)');
  }
} else {
  failed++;
  failures.push('build');
}

fs.writeFileSync(path.join(results, 'totals-main.json'), JSON.stringify({ passed, failed, failures }));
if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
