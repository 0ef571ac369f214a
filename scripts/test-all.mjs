#!/usr/bin/env node
// The whole test suite, in the order that fails fastest: lint, types, unit
// tests, production build, end-to-end tests in Debian's Chromium.
// Prints one closing line "N passed, N failed" with the real totals (lint and
// the type check count as one check each) and writes them to
// test-results/totals-main.json for .ci/run.
import { spawnSync } from 'node:child_process';
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

function check(name, cmd, args) {
  if (step(name, cmd, args)) passed++;
  else {
    failed++;
    failures.push(name);
  }
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

check('lint', bin('eslint'), ['.', '--max-warnings=0']);
check('typecheck', bin('tsc'), ['--noEmit']);

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
