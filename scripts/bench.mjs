#!/usr/bin/env node
// Benchmarks of issues 7 and 15 (the /metrics scrape), in one run, side by side with the bare tools. Prints
// a table of figures with their targets (no timed assertions: BENCHMARKS.md
// records the latest figures). Runs the production build on the simulated
// host at DEMO_SCALE (default 300: ~300 extra snaps, ~6,000 plugs/slots,
// ~100,000 kernel-log lines).
//
//   npm run bench            (builds first if there is no production build)
//
// Section 4 measures against a REAL snapd (scripts/bench-snapd.mjs) when the test:snapd lab
// can run here (root, a throw-away machine, no other lab up), and says why when it cannot.
// BENCH_SNAPD=0 leaves it out.
import crypto from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCALE = process.env.DEMO_SCALE ?? '300';
const PORT = Number(process.env.BENCH_PORT ?? 3400);
// A token of real strength (weak environment tokens are refused), new for every run.
const TOKEN = crypto.randomBytes(32).toString('base64url');
const BASE = `http://127.0.0.1:${PORT}`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-bench-'));
const callLog = path.join(tmp, 'snap-calls.log');
const results = [];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const spread = (xs) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function record(name, value, unit, target, ok, note = '') {
  results.push({ name, value, unit, target, ok, note });
  console.log(`  ${name}: ${typeof value === 'number' ? value.toFixed(value < 10 ? 2 : 1) : value} ${unit}${note ? ` (${note})` : ''}`);
}

// The simulated host's binaries, with `snap` wrapped to count how many times it runs.
const binDir = path.join(tmp, 'bin');
fs.mkdirSync(binDir);
for (const f of fs.readdirSync(path.join(root, 'demo', 'bin'))) {
  if (f !== 'snap') fs.symlinkSync(path.join(root, 'demo', 'bin', f), path.join(binDir, f));
}
fs.writeFileSync(path.join(binDir, 'snap'), `#!/bin/sh\necho x >> "$DEMO_BENCH_CALL_LOG"\nexec "${process.execPath}" "${path.join(root, 'demo', 'bin', 'snap')}" "$@"\n`, { mode: 0o755 });

const demoEnv = {
  ...process.env,
  DEMO_SCALE: SCALE,
  DEMO_BENCH_CALL_LOG: callLog,
  CONFINEMENT_DASHBOARD_DEMO_STATE: path.join(tmp, 'state.json'),
  LC_ALL: 'C',
  LANG: 'C',
};
const calls = () => (fs.existsSync(callLog) ? fs.readFileSync(callLog, 'utf8').split('\n').filter(Boolean).length : 0);
function bare(args) {
  const t = performance.now();
  const r = spawnSync(path.join(binDir, 'snap'), args, { env: demoEnv, maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`snap ${args.join(' ')} failed: ${r.stderr}`);
  return performance.now() - t;
}

if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
  console.log('No production build: building first.');
  const b = spawnSync(path.join(root, 'node_modules', '.bin', 'next'), ['build'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(1);
}

console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log(`Generating the simulated host at DEMO_SCALE=${SCALE}…`);
let t0 = performance.now();
bare(['list']);
console.log(`  generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const connectionsText = spawnSync(path.join(binDir, 'snap'), ['connections', '--all'], { env: demoEnv, maxBuffer: 256 * 1024 * 1024 }).stdout.toString();
const snapCount = spawnSync(path.join(binDir, 'snap'), ['list'], { env: demoEnv }).stdout.toString().trim().split('\n').length - 1;
console.log(`  ${snapCount} snaps, ${connectionsText.trim().split('\n').length - 1} rows in snap connections --all`);

// --- server
const server = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs'), '--demo'], {
  cwd: root,
  env: {
    ...demoEnv,
    PORT: String(PORT),
    CONFINEMENT_DASHBOARD_TOKEN: TOKEN,
    CONFINEMENT_DASHBOARD_STATE_DIR: path.join(tmp, 'state'),
    CONFINEMENT_DASHBOARD_DEMO_BIN: binDir,
    CONFINEMENT_DASHBOARD_ALLOW_ROOT: '1',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let serverLog = '';
server.stdout.on('data', (c) => (serverLog += c));
server.stderr.on('data', (c) => (serverLog += c));
const stop = () => server.kill('SIGTERM');
process.on('exit', stop);

async function waitReady() {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${BASE}/login`);
      if (r.ok) return;
    } catch {
      // not yet
    }
    await sleep(200);
  }
  throw new Error(`server did not start:\n${serverLog}`);
}
await waitReady();
const auth = { headers: { authorization: `Bearer ${TOKEN}` } };
async function api(p) {
  const t = performance.now();
  const r = await fetch(BASE + p, auth);
  await r.arrayBuffer();
  if (!r.ok) throw new Error(`${p}: ${r.status}`);
  return performance.now() - t;
}

console.log('\n1. GET /api/connections vs bare `snap connections --all`');
const bareTimes = [];
for (let i = 0; i < 15; i++) bareTimes.push(bare(['connections', '--all']));
await api('/api/connections'); // first request compiles nothing in production, but warms the route
const cold = [];
const warm = [];
for (let i = 0; i < 10; i++) {
  await sleep(2200); // past the read cache's 2 s
  cold.push(await api('/api/connections'));
  warm.push(await api('/api/connections'));
}
record('bare snap connections --all (median)', median(bareTimes), 'ms', '—', true, `spread ${spread(bareTimes)} ms`);
record('API cold (median)', median(cold), 'ms', '—', true, `spread ${spread(cold)} ms`);
record('API cold / bare', median(cold) / median(bareTimes), '×', '≤ 1.15', median(cold) / median(bareTimes) <= 1.15);
record('API warm (median)', median(warm), 'ms', '≤ 10 ms', median(warm) <= 10, `spread ${spread(warm)} ms`);
await sleep(2200);
const before = calls();
await Promise.all(Array.from({ length: 50 }, () => api('/api/connections')));
const burst = calls() - before;
record('commands for 50 concurrent requests', burst, 'runs', '1', burst === 1);

console.log('\n1b. GET /metrics (a Prometheus scrape) from the cached reads');
async function scrape() {
  const t = performance.now();
  const r = await fetch(`${BASE}/metrics`, auth);
  const text = await r.text();
  if (!r.ok) throw new Error(`/metrics: ${r.status}`);
  return { ms: performance.now() - t, text };
}
await scrape(); // the first scrape reads the whole simulated kernel log once; later ones only what is new
const scrapeCold = [];
const scrapeWarm = [];
const coldRuns = [];
let series = 0;
let bytes = 0;
for (let i = 0; i < 10; i++) {
  await sleep(2200); // past the read cache: what a scrape every 15 s or more costs
  const before = calls();
  const c = await scrape();
  coldRuns.push(calls() - before);
  scrapeCold.push(c.ms);
  const beforeWarm = calls();
  const w = await scrape(); // within the read cache: a scrape while a page is open
  if (calls() !== beforeWarm) throw new Error('a warm scrape ran snap');
  scrapeWarm.push(w.ms);
  series = w.text.split('\n').filter((l) => l && !l.startsWith('#')).length;
  bytes = Buffer.byteLength(w.text);
}
record('scrape cold (median)', median(scrapeCold), 'ms', '—', true, `spread ${spread(scrapeCold)} ms; ${series} series, ${(bytes / 1024).toFixed(0)} KiB`);
record('scrape cold / bare snap connections --all', median(scrapeCold) / median(bareTimes), '×', '≤ 1.15', median(scrapeCold) / median(bareTimes) <= 1.15);
record('snap runs per cold scrape', median(coldRuns), 'runs', '—', true);
record('scrape warm (median)', median(scrapeWarm), 'ms', '≤ 50 ms', median(scrapeWarm) <= 50, `spread ${spread(scrapeWarm)} ms; 0 snap runs`);
await sleep(2200);
const beforeBurst = calls();
await Promise.all(Array.from({ length: 20 }, () => scrape()));
const scrapeBurst = calls() - beforeBurst;
record('snap runs for 20 concurrent scrapes', scrapeBurst, 'runs', `= one cold scrape (${median(coldRuns)})`, scrapeBurst <= median(coldRuns));

console.log('\n2. Denial analysis of the kernel log vs `grep -F`');
const logFile = path.join(tmp, 'kern.log');
// The whole simulated kernel log (the ring buffer that dmesg shows is much smaller).
fs.writeFileSync(logFile, spawnSync(path.join(binDir, 'journalctl'), ['-k', '-o', 'short-iso', '--no-pager', '-q'], { env: demoEnv, maxBuffer: 512 * 1024 * 1024 }).stdout);
const lines = fs.readFileSync(logFile, 'utf8').split('\n').length - 1;
const grepTimes = [];
for (let i = 0; i < 7; i++) {
  const t = performance.now();
  spawnSync('grep', ['-F', 'apparmor="DENIED"', logFile], { maxBuffer: 512 * 1024 * 1024 });
  grepTimes.push(performance.now() - t);
}
// The analysis runs in its own process, as the CLI does; time only parse + suggest, warm.
const probe = `
  const fs = await import('node:fs');
  // tsx loads the TypeScript modules as CommonJS here: their exports sit on the default export.
  const load = async (f) => { const m = await import(f); return m.default ?? m; };
  const { parseDenials } = await load(${JSON.stringify(pathToFileURL(path.join(root, 'lib/denials/parse.ts')).href)});
  const { suggestInterfaces } = await load(${JSON.stringify(pathToFileURL(path.join(root, 'lib/denials/suggest.ts')).href)});
  const text = fs.readFileSync(${JSON.stringify(logFile)}, 'utf8');
  const times = [];
  let n = 0;
  for (let i = 0; i < 6; i++) {
    const t = performance.now();
    const ds = parseDenials(text);
    for (const d of ds) suggestInterfaces(d);
    times.push(performance.now() - t);
    n = ds.length;
  }
  console.log(JSON.stringify({ times: times.slice(1), denials: n }));
`;
const pr = spawnSync(process.execPath, ['--import', pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href, '--input-type=module', '-e', probe], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
if (pr.status !== 0) throw new Error(`analysis probe failed: ${pr.stderr}`);
const analysis = JSON.parse(pr.stdout.toString().trim().split('\n').pop());
const analysisMs = median(analysis.times);
record(`grep -F over ${lines} lines (median)`, median(grepTimes), 'ms', '—', true, `spread ${spread(grepTimes)} ms`);
record(`parse + suggest ${lines} lines (median)`, analysisMs, 'ms', '< 1000 ms', analysisMs < 1000, `${analysis.denials} denials; spread ${spread(analysis.times)} ms`);
record('analysis / grep -F', analysisMs / median(grepTimes), '×', '≤ 3', analysisMs / median(grepTimes) <= 3);
record('analysis throughput', (lines / analysisMs) * 1000, 'lines/s', '—', true);

console.log('\n3. Pages on the large host (production build, Debian Chromium)');
const { chromium } = await import('@playwright/test');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const PAGES = [
  { path: '/', ready: '[data-testid="count-installed"]:not(:text("—"))' },
  { path: '/snaps', ready: '[data-testid="snaps-table"] tbody tr[data-index]' },
  { path: '/interfaces', ready: '[data-testid="interfaces-table"] tbody tr[data-index]' },
  { path: '/snaps/microk8s', ready: '[data-testid="plug-list"]' },
  { path: '/denials', ready: '[data-testid="denial-group"]' },
  { path: '/addons', ready: '[data-testid="addons-table"] tbody tr' },
];
/** RSS of the Next server process itself (start.mjs's child), not of the snap commands it runs. */
function serverRssKb(pid) {
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${d}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return 0;
}
const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
const page = await ctx.newPage();
await page.goto(`${BASE}/login?token=${TOKEN}`);
await page.waitForURL((u) => !u.pathname.startsWith('/login'));
for (const p of PAGES) {
  const times = [];
  let rows = 0;
  for (let i = 0; i < 5; i++) {
    await page.goto('about:blank');
    const t = Date.now();
    await page.goto(BASE + p.path);
    await page.waitForSelector(p.ready, { timeout: 30_000 });
    // Interactive: the page answers script (hydrated) once the table is there.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    times.push(Date.now() - t);
    rows = await page.locator('tbody tr[data-index]').count();
  }
  // First-load JS of a cold visit: every script the page loads, gzip-compressed.
  const cold = await browser.newContext();
  await cold.addCookies(await ctx.cookies());
  const cp = await cold.newPage();
  let jsGzip = 0;
  const pending = [];
  cp.on('response', (r) => {
    if (r.url().endsWith('.js') || (r.headers()['content-type'] ?? '').includes('javascript')) pending.push(r.body().then((b) => (jsGzip += zlib.gzipSync(b).length)).catch(() => undefined));
  });
  await cp.goto(BASE + p.path);
  await cp.waitForSelector(p.ready, { timeout: 30_000 });
  await Promise.all(pending);
  await cold.close();
  const rss = serverRssKb(server.pid) / 1024;
  record(`${p.path} interactive with data (median of 5)`, median(times), 'ms', '≤ 1000 ms', median(times) <= 1000, `spread ${spread(times)} ms`);
  record(`${p.path} first-load JS (gzip)`, jsGzip / 1024, 'kB', '≤ 200 kB', jsGzip / 1024 <= 200);
  if (rows) record(`${p.path} table rows in the DOM`, rows, 'rows', '≤ a screenful (~40)', rows <= 40);
  record(`server memory after ${p.path}`, rss, 'MiB', '—', true, 'RSS of the Next server process');
}
await browser.close();
stop();

console.log('\n4. Against a real snapd (the test:snapd lab; scripts/bench-snapd.mjs)');
if (process.env.BENCH_SNAPD === '0') {
  console.log('  skipped: BENCH_SNAPD=0');
  record('real snapd', 'skipped', '', '—', true, 'BENCH_SNAPD=0');
} else {
  const snapdOut = path.join(tmp, 'snapd.json');
  const sr = spawnSync(process.execPath, [path.join(root, 'scripts', 'bench-snapd.mjs')], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, BENCH_SNAPD_OUT: snapdOut },
  });
  const real = fs.existsSync(snapdOut) ? JSON.parse(fs.readFileSync(snapdOut, 'utf8')) : { skipped: `bench-snapd.mjs exited ${sr.status} without results` };
  if (real.skipped) record('real snapd', 'skipped', '', '—', true, real.skipped);
  for (const r of real.releases ?? []) {
    const tag = `[snapd ${r.snapd ?? r.suite}]`;
    if (r.error) {
      record(`${tag} real snapd`, 'FAILED', '', '—', false, r.error.split('\n')[0]);
      continue;
    }
    const c = r.connections;
    const ratio = median(c.cold) / median(c.bare);
    record(`${tag} bare snap connections --all (median)`, median(c.bare), 'ms', '—', true, `spread ${spread(c.bare)} ms`);
    record(`${tag} API cold (median)`, median(c.cold), 'ms', '—', true, `spread ${spread(c.cold)} ms`);
    record(`${tag} API cold / bare`, ratio, '×', '≤ 1.15', ratio <= 1.15);
    record(`${tag} API warm (median)`, median(c.warm), 'ms', '≤ 10 ms', median(c.warm) <= 10, `spread ${spread(c.warm)} ms`);
    const snapsRatio = median(r.snaps.cold) / median(r.snaps.bare);
    record(`${tag} bare snap list (median)`, median(r.snaps.bare), 'ms', '—', true, `spread ${spread(r.snaps.bare)} ms`);
    record(`${tag} /api/snaps cold / bare snap list`, snapsRatio, '×', '≤ 1.15', snapsRatio <= 1.15, `${median(r.snaps.cold).toFixed(1)} ms; it also runs two snap connections`);
    const connectRatio = median(r.connect.api) / median(r.connect.bare);
    record(`${tag} Connect via API / bare snap connect`, connectRatio, '×', '≤ 1.15', connectRatio <= 1.15, `${median(r.connect.api).toFixed(0)} vs ${median(r.connect.bare).toFixed(0)} ms`);
    for (const [p, times] of Object.entries(r.pages)) {
      record(`${tag} ${p} interactive with data (median of 5)`, median(times), 'ms', '≤ 1000 ms', median(times) <= 1000, `spread ${spread(times)} ms`);
    }
    const b = r.breakdown;
    record(
      `${tag} cold read, parts`,
      median(c.cold) - median(c.bare),
      'ms over bare',
      '—',
      true,
      `probe ${b.probe.toFixed(2)}; runCommand ${b.runCommand.toFixed(1)} vs spawnSync ${b.spawnSync.toFixed(1)} (the same snap; ${b.runCommandBig.toFixed(1)} with a ${b.rssMb} MiB heap); parse ${b.parse.toFixed(2)}; JSON ${b.json.toFixed(2)}; HTTP+auth+send (warm answer) ${median(c.warm).toFixed(1)}, of it HTTP+routing (401 answer) ${median(r.unauthenticated).toFixed(1)} ms`,
    );
    record(`${tag} snapd REST GET /v2/connections?select=all + JSON.parse`, median(r.rest), 'ms', '—', true, `spread ${spread(r.rest)} ms`);
    if (r.debugApi) record(`${tag} snap debug api /v2/connections?select=all`, median(r.debugApi), 'ms', '—', true, `spread ${spread(r.debugApi)} ms`);
    else record(`${tag} snap debug api`, 'n/a', '', '—', true, r.debugApiError ?? 'not available');
  }
}

console.log('\n| figure | value | target | met |\n| --- | --- | --- | --- |');
for (const r of results) {
  const v = typeof r.value === 'number' ? r.value.toFixed(r.value < 10 ? 2 : 1) : r.value;
  console.log(`| ${r.name} | ${v} ${r.unit}${r.note ? ` (${r.note})` : ''} | ${r.target} | ${r.target === '—' ? '' : r.ok ? 'yes' : '**no**'} |`);
}
fs.rmSync(tmp, { recursive: true, force: true });
process.exit(0);
