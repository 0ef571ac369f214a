#!/usr/bin/env node
// The simulated fleet's figures (issue: a cluster's nodes in one dashboard): with DEMO_FLEET=50,
// how soon /fleet is interactive, how long the whole fleet takes to be read (cold, then
// warm), and the server's memory. Prints a table of figures beside their targets.
// Needs a production build (`npm run build`) and Debian's Chromium.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NODES = Number(process.env.BENCH_FLEET ?? 50);
const PORT = Number(process.env.BENCH_FLEET_PORT ?? 3190);
const BASE = `http://127.0.0.1:${PORT}`;
const TOKEN = (await import('node:crypto')).randomBytes(32).toString('base64url');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-bench-fleet-'));
const rows = [];
const record = (name, value, unit, target, ok, note = '') => rows.push({ name, value: typeof value === 'number' ? Math.round(value * 10) / 10 : value, unit, target, ok, note });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
  console.error('bench-fleet: no production build; run `npm run build` first');
  process.exit(1);
}
const server = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs'), '--demo'], {
  cwd: root,
  env: { ...process.env, PORT: String(PORT), DEMO_FLEET: String(NODES), CONFINEMENT_DASHBOARD_TOKEN: TOKEN, CONFINEMENT_DASHBOARD_STATE_DIR: path.join(tmp, 'state'), CONFINEMENT_DASHBOARD_ALLOW_ROOT: '1' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let log = '';
server.stdout.on('data', (c) => (log += c));
server.stderr.on('data', (c) => (log += c));
const stop = () => server.kill('SIGTERM');
process.on('exit', stop);

for (let i = 0; ; i++) {
  if (i > 150) throw new Error(`server did not start:\n${log}`);
  try {
    if ((await fetch(`${BASE}/login`)).ok) break;
  } catch {
    // not yet
  }
  await sleep(200);
}

async function timedApi(p) {
  const t = performance.now();
  const r = await fetch(BASE + p, { headers: { authorization: `Bearer ${TOKEN}` } });
  const body = await r.json();
  if (!r.ok) throw new Error(`${p}: ${r.status}`);
  return [performance.now() - t, body];
}

const [cold, first] = await timedApi('/api/fleet');
const [warm] = await timedApi('/api/fleet');
record(`GET /api/fleet, ${NODES} simulated nodes, cold`, cold, 'ms', '—', true, `${first.rows.length} rows; every node's snap, MicroK8s and kernel log read`);
record(`GET /api/fleet again at once (the read caches, 2 s, have mostly expired by then)`, warm, 'ms', '—', true);

function serverRssMb(pid) {
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${d}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    } catch {
      // gone
    }
  }
  return 0;
}

const { chromium } = await import('@playwright/test');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
await page.goto(`${BASE}/login?token=${TOKEN}`);
await page.waitForURL((u) => !u.pathname.startsWith('/login'));
const interactive = [];
const filled = [];
for (let i = 0; i < 5; i++) {
  await page.goto('about:blank');
  const t = Date.now();
  await page.goto(`${BASE}/fleet`);
  await page.waitForSelector('[data-testid="fleet-table"] tbody tr');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  interactive.push(Date.now() - t);
  await page.waitForSelector('[data-testid^="fleet-row-"]', { timeout: 120_000 });
  filled.push(Date.now() - t);
}
record(`/fleet interactive (${NODES} hosts listed, median of 5)`, median(interactive), 'ms', '≤ 1000 ms', median(interactive) <= 1000, 'rows fill in as the hosts answer');
record(`/fleet with every host's row (median of 5)`, median(filled), 'ms', '—', true);
record(`server memory with ${NODES} hosts`, serverRssMb(server.pid), 'MiB', '—', true, 'RSS of the Next server process');
await browser.close();
stop();
fs.rmSync(tmp, { recursive: true, force: true });

console.log(`\n| figure | value | target | met |\n| --- | ---: | --- | --- |`);
for (const r of rows) console.log(`| ${r.name} | ${r.value} ${r.unit} | ${r.target} | ${r.target === '—' ? '—' : r.ok ? 'yes' : '**no**'} |${r.note ? ` ${r.note}` : ''}`);
