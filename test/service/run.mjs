#!/usr/bin/env node
// npm run test:service — the service suite (.ci/run runs it after the snapd suite):
// the packed package installed into an empty directory, its /metrics checked by promtool
// and scraped by a real Prometheus, the systemd unit checked by systemd-analyze, the sudoers
// drop-in by visudo and real sudo. Installs what it needs with apt-get and fails loudly when it
// cannot: a suite that skips itself proves nothing. Writes test-results/totals-service.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const results = path.join(root, 'test-results');
const totalsFile = path.join(results, 'totals-service.json');
fs.mkdirSync(results, { recursive: true });
fs.rmSync(totalsFile, { force: true });

function finish(passed, failed, failures) {
  fs.writeFileSync(totalsFile, JSON.stringify({ passed, failed, failures }));
  if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
  console.log(`\nservice suite: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

// Tool → Debian package.
const TOOLS = { prometheus: 'prometheus', promtool: 'prometheus', 'systemd-analyze': 'systemd', visudo: 'sudo', sudo: 'sudo', setpriv: 'util-linux', useradd: 'passwd' };
const has = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { env: { ...process.env, PATH: `${process.env.PATH}:/usr/sbin:/sbin` } }).status === 0;
const missing = [...new Set(Object.entries(TOOLS).filter(([tool]) => !has(tool)).map(([, pkg]) => pkg))];
if (missing.length) {
  console.log(`service suite: installing ${missing.join(' ')} with apt-get`);
  // Other jobs on the machine may hold the dpkg lock: wait for it rather than fail at once.
  const apt = (args) => spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  const ok = apt(['install', '-y', '--no-install-recommends', ...missing]) || (apt(['update']) && apt(['install', '-y', '--no-install-recommends', ...missing]));
  const still = Object.keys(TOOLS).filter((t) => !has(t));
  if (!ok || still.length) {
    console.error(`service suite: FAILED: cannot install ${missing.join(' ')} (still missing: ${still.join(', ') || 'none'}). Nothing was tested.`);
    finish(0, 1, [`install ${missing.join(' ')}`]);
  }
}
if (process.getuid?.() !== 0) {
  console.error('service suite: FAILED: needs root (creates a system user and a sudoers drop-in to test sudo under the unit).');
  finish(0, 1, ['not root']);
}

const report = path.join(results, 'service-results.json');
fs.rmSync(report, { force: true });
const started = Date.now();
const run = spawnSync(path.join(root, 'node_modules', '.bin', 'vitest'), ['run', '--config', 'test/service/vitest.config.mts', '--reporter=default', '--reporter=json', `--outputFile=${report}`], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
});
console.log(`service suite: vitest exit ${run.status ?? run.signal} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
let passed = 0;
let failed = 0;
const failures = [];
try {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests;
  if (failed) failures.push(`${failed} service tests`);
  // A file whose setup failed skips its tests: one failure each, so they cannot pass unnoticed.
  for (const file of r.testResults ?? []) {
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((a) => a.status === 'failed')) {
      failed++;
      failures.push(`${path.relative(root, file.name)} (setup failed, its tests did not run)`);
    }
  }
  // A suite that ran nothing, or a file that failed to load, is a failure too.
  if (r.numTotalTests === 0 || (run.status !== 0 && failed === 0)) {
    failed++;
    failures.push('service run (no tests ran, or a file failed to load)');
  }
} catch {
  failed++;
  failures.push('service run (no results)');
}
finish(passed, failed, failures);
