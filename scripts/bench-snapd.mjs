#!/usr/bin/env node
// The real-snapd section of `npm run bench` (issue 14), also runnable alone:
//
//   sudo node scripts/bench-snapd.mjs            (needs a production build: npm run build)
//
// For each snapd release of the lab (BENCH_SNAPD_SUITES, default "bookworm trixie": Debian
// 12's 2.57 and Debian 13's 2.68, see test/snapd/README.md) it brings the lab up, starts the
// production build in host mode `local` as root, and measures, side by side with the bare
// CLI: `snap connections --all` vs GET /api/connections cold and warm, `snap list` vs
// /api/snaps cold, `snap connect` vs the Connect round trip of the API, page interactive
// times of `/` and `/snaps/microk8s`, and where a cold read's time goes (the snapd probe,
// process start, parsing, JSON, HTTP with auth). With snapd >= 2.64 it also times
// `snap debug api` and snapd's REST API for the same read (the "should JSON back reads"
// question). Then it tears the lab down.
//
// It needs what the lab needs: root on a throw-away machine whose snapd systemd does not
// manage (test/snapd/harness/guard.sh), and no other lab up. Otherwise it prints why it
// skipped and writes {skipped: reason}. Results: printed, and as JSON to the file named by
// BENCH_SNAPD_OUT (bench.mjs reads it). Figures, not assertions: nothing fails on a miss.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const harness = path.join(root, 'test', 'snapd', 'harness');
const LAB = process.env.SNAPD_LAB_DIR || '/tmp/snapd-lab';
const SUITES = (process.env.BENCH_SNAPD_SUITES ?? 'bookworm trixie').split(/\s+/).filter(Boolean);
const PORT = Number(process.env.BENCH_SNAPD_PORT ?? 3410);
const TOKEN = 'bench-snapd-token-0123456789abcdefghij';
const BASE = `http://127.0.0.1:${PORT}`;
const OUT = process.env.BENCH_SNAPD_OUT ?? null;
const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const SNAP_ENV = { PATH: SYSTEM_PATH, LC_ALL: 'C', LANG: 'C', HOME: process.env.HOME ?? '/root' };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function finish(result) {
  if (OUT) fs.writeFileSync(OUT, JSON.stringify(result));
  process.exit(0);
}

/** Why the lab cannot run here, or null. */
function whyNot() {
  if (process.getuid?.() !== 0) return 'not root (the lab starts snapd and mounts snaps: sudo npm run bench)';
  const guard = spawnSync('bash', ['-c', `. "${harness}/guard.sh" && lab_guard "${LAB}"`], { encoding: 'utf8', env: { PATH: SYSTEM_PATH } });
  if (guard.status !== 0) return `the lab's guard refuses this host: ${guard.stderr.trim().split('\n').slice(1).join('; ')}`;
  const sup = (() => {
    try {
      return fs.readFileSync(path.join(LAB, 'supervisor.pid'), 'utf8').trim();
    } catch {
      return '';
    }
  })();
  if (sup && fs.existsSync(`/proc/${sup}/cmdline`) && fs.readFileSync(`/proc/${sup}/cmdline`, 'utf8').includes('snapd-supervisor')) {
    return `a snapd lab is already up (supervisor pid ${sup}; test:snapd running?): only one lab per machine`;
  }
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) return 'no production build (npm run build)';
  return null;
}

const why = whyNot();
if (why) {
  console.log(`  skipped: ${why}`);
  finish({ skipped: why });
}

function harnessStep(script, suite) {
  const r = spawnSync('bash', [path.join(harness, script)], {
    encoding: 'utf8',
    env: { ...process.env, PATH: SYSTEM_PATH, SNAPD_LAB_DIR: LAB, ...(suite ? { SNAPD_LAB_SUITE: suite } : {}) },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`${script} failed (exit ${r.status}):\n${(r.stdout + r.stderr).trim().split('\n').slice(-15).join('\n')}`);
  return r.stdout;
}

function bare(args) {
  const t = performance.now();
  const r = spawnSync('snap', args, { env: SNAP_ENV, maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`snap ${args.join(' ')} failed: ${r.stderr}`);
  return ms;
}
const bareTimes = (args, n) => Array.from({ length: n }, () => bare(args));

const auth = { authorization: `Bearer ${TOKEN}` };
async function api(p, init = {}) {
  const t = performance.now();
  const r = await fetch(BASE + p, { ...init, headers: { ...auth, ...(init.headers ?? {}) } });
  const body = await r.text();
  if (!r.ok) throw new Error(`${init.method ?? 'GET'} ${p}: ${r.status} ${body.slice(0, 300)}`);
  return performance.now() - t;
}

/** GET on snapd's REST socket, JSON-parsed: the time of the request alone. */
function rest(p) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const req = http.get({ socketPath: '/run/snapd.socket', path: p }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
        resolve(performance.now() - t);
      });
    });
    req.on('error', reject);
  });
}

/**
 * Where a cold read's time goes, measured in a child process that loads the app's own host
 * layer, probe and parser (tsx; `react-server` so that `server-only` loads): the probe, the
 * command through runCommand (process start + snap + pipes), the same command with
 * spawnSync, parsing, JSON. Then the same runCommand after growing the heap to the size of
 * the Next server, because starting a process costs more in a bigger one.
 */
function breakdown(serverRssMb) {
  const probe = `
    const load = async (f) => { const m = await import(f); return m.default ?? m; };
    const href = (f) => ${JSON.stringify(pathToFileURL(root).href)} + '/' + f;
    const { runCommand } = await load(href('lib/host/run.ts'));
    const { assertSnapdReachable } = await load(href('lib/snap/snapd-socket.ts'));
    const { parseConnections } = await load(href('lib/snap/parse.ts'));
    const { spawn, spawnSync } = await import('node:child_process');
    const spawnTrue = () => new Promise((r) => spawn('/bin/true', [], { stdio: 'ignore' }).on('close', r));
    const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
    const time = async (f, n) => { const xs = []; for (let i = 0; i < n; i++) { const t = performance.now(); await f(); xs.push(performance.now() - t); } return median(xs); };
    const args = ['connections', '--all'];
    await runCommand('snap', args);
    const out = { };
    out.probe = await time(() => assertSnapdReachable(), 30);
    out.spawnSync = await time(() => spawnSync('snap', args, { env: { PATH: process.env.PATH, LC_ALL: 'C' } }), 15);
    out.runCommand = await time(() => runCommand('snap', args), 15);
    out.trueSmall = await time(spawnTrue, 15);
    const text = (await runCommand('snap', args)).stdout;
    let rows;
    out.parse = await time(() => { rows = parseConnections(text); }, 30);
    out.json = await time(() => JSON.stringify({ connections: rows }), 30);
    out.rows = rows.length;
    // a heap the size of the server's: objects kept alive, as a server's caches and modules are
    const ballast = [];
    const target = ${Number(serverRssMb) || 0} * 1024 * 1024;
    while (process.memoryUsage().rss < target) ballast.push(new Array(16384).fill(0).map((_, i) => ({ i, s: 'x' + i })));
    out.rssMb = Math.round(process.memoryUsage().rss / 1048576);
    out.runCommandBig = await time(() => runCommand('snap', args), 15);
    out.trueBig = await time(spawnTrue, 15);
    console.log(JSON.stringify(out));
    process.exit(0);
  `;
  const r = spawnSync(
    process.execPath,
    ['--conditions=react-server', '--import', pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href, '--input-type=module', '-e', probe],
    { cwd: root, env: { ...process.env, ...SNAP_ENV, CONFINEMENT_DASHBOARD_HOST_MODE: 'local' }, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (r.status !== 0) throw new Error(`breakdown probe failed: ${r.stderr.slice(0, 2000)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** RSS of the Next server process (start.mjs's child) in MiB. */
function serverRssMb(pid) {
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${d}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    } catch {
      // gone
    }
  }
  return 0;
}

async function startServer(stateDir) {
  const server = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      PATH: SYSTEM_PATH,
      PORT: String(PORT),
      CONFINEMENT_DASHBOARD_HOST_MODE: 'local',
      CONFINEMENT_DASHBOARD_TOKEN: TOKEN,
      CONFINEMENT_DASHBOARD_STATE_DIR: stateDir,
      CONFINEMENT_DASHBOARD_ALLOW_ROOT: '1',
      CONFINEMENT_DASHBOARD_SUDO: '',
      LC_ALL: 'C',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stdout.on('data', (c) => (log += c));
  server.stderr.on('data', (c) => (log += c));
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${BASE}/login`)).ok) return server;
    } catch {
      // not yet
    }
    await sleep(200);
  }
  server.kill('SIGTERM');
  throw new Error(`the server did not start:\n${log.slice(-2000)}`);
}

async function pageTimes(pages) {
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(`${BASE}/login?token=${TOKEN}`);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    const out = {};
    for (const p of pages) {
      const times = [];
      for (let i = 0; i < 5; i++) {
        await page.goto('about:blank');
        const t = Date.now();
        await page.goto(BASE + p.path);
        await page.waitForSelector(p.ready, { timeout: 30_000 });
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
        times.push(Date.now() - t);
      }
      out[p.path] = times;
    }
    return out;
  } finally {
    await browser.close();
  }
}

async function measure(suite) {
  const r = { suite };
  const version = spawnSync('snap', ['version'], { env: SNAP_ENV, encoding: 'utf8' }).stdout;
  r.snapd = /^snapd\s+(\S+)/m.exec(version)?.[1] ?? '?';
  const rows = spawnSync('snap', ['connections', '--all'], { env: SNAP_ENV, encoding: 'utf8' }).stdout.trim().split('\n').length - 1;
  const snaps = spawnSync('snap', ['list'], { env: SNAP_ENV, encoding: 'utf8' }).stdout.trim().split('\n').length - 1;
  console.log(`\n  snapd ${r.snapd} (Debian ${suite}): ${snaps} snaps, ${rows} rows in snap connections --all`);

  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-bench-snapd-'));
  const server = await startServer(stateDir);
  try {
    await api('/api/connections'); // warms the route (production: nothing to compile)
    await api('/api/snaps');

    // 1. connections: bare vs cold vs warm, interleaved so that both see the same machine
    const bareConn = [];
    const cold = [];
    const warm = [];
    for (let i = 0; i < 12; i++) {
      await sleep(2200); // past the read cache's 2 s
      bareConn.push(bare(['connections', '--all']));
      cold.push(await api('/api/connections'));
      warm.push(await api('/api/connections'));
    }
    r.connections = { bare: bareConn, cold, warm };
    // the HTTP and routing cost alone: the same URL without credentials (401 before any handler)
    const unauth = [];
    for (let i = 0; i < 12; i++) {
      const t = performance.now();
      const res = await fetch(`${BASE}/api/connections`);
      await res.text();
      if (res.status !== 401) throw new Error(`GET /api/connections without a token: ${res.status}, not 401`);
      unauth.push(performance.now() - t);
    }
    r.unauthenticated = unauth;

    // 2. snap list vs /api/snaps cold (which also runs `snap connections --all` and `snap connections system`, in parallel)
    const bareList = [];
    const snapsCold = [];
    for (let i = 0; i < 8; i++) {
      await sleep(2200);
      bareList.push(bare(['list']));
      snapsCold.push(await api('/api/snaps'));
    }
    r.snaps = { bare: bareList, cold: snapsCold };

    // 3. Connect round trip: the bare CLI (waits for the change) vs POST + DELETE of the API
    //    (`snap connect --no-wait` + `snap watch`, audit record, cache invalidation)
    const plug = 'microk8s:network-observe';
    const bareConnect = [];
    const apiConnect = [];
    for (let i = 0; i < 5; i++) {
      let t = performance.now();
      spawnSync('snap', ['connect', plug], { env: SNAP_ENV });
      bareConnect.push(performance.now() - t);
      spawnSync('snap', ['disconnect', plug], { env: SNAP_ENV });
      t = performance.now();
      await api('/api/connections', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ plug }) });
      apiConnect.push(performance.now() - t);
      await api('/api/connections', { method: 'DELETE', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ plug }) });
    }
    r.connect = { bare: bareConnect, api: apiConnect };

    // 4. pages
    r.pages = await pageTimes([
      { path: '/', ready: '[data-testid="count-installed"]:not(:text("—"))' },
      { path: '/snaps/microk8s', ready: '[data-testid="plug-list"]' },
    ]);

    // 5. where a cold read goes
    r.serverRssMb = Math.round(serverRssMb(server.pid));
  } finally {
    server.kill('SIGTERM');
    await new Promise((res) => server.once('exit', res));
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
  r.breakdown = breakdown(r.serverRssMb);

  // 6. the same read as JSON: `snap debug api` (snapd >= 2.64) and snapd's REST socket itself
  const restTimes = [];
  for (let i = 0; i < 15; i++) restTimes.push(await rest('/v2/connections?select=all'));
  r.rest = restTimes;
  const debugApi = spawnSync('snap', ['debug', 'api', '/v2/connections?select=all'], { env: SNAP_ENV, encoding: 'utf8' });
  r.debugApi = debugApi.status === 0 ? bareTimes(['debug', 'api', '/v2/connections?select=all'], 15) : null;
  if (debugApi.status !== 0) r.debugApiError = (debugApi.stderr || debugApi.stdout).trim().split('\n')[0];
  return r;
}

const results = { releases: [] };
for (const suite of SUITES) {
  try {
    harnessStep('lab-down.sh');
    harnessStep('lab-up.sh', suite);
    results.releases.push(await measure(suite));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    console.log(`  snapd lab (${suite}) FAILED: ${message}`);
    results.releases.push({ suite, error: message });
  } finally {
    try {
      harnessStep('lab-down.sh');
    } catch (e) {
      console.log(`  lab-down.sh failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
finish(results);
