import { defineConfig, devices, type PlaywrightTestConfig } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import crypto from 'node:crypto';
import { currentSlot, slotPort, slotStateDir, workerCount } from './e2e/slots';

// E2E runs against the production build on the simulated host, in Debian's
// Chromium (no browser downloads here).
// Workers load this file again: the first load picks the directory, the rest inherit it.
process.env.E2E_STATE_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'cd-e2e-'));
// A token of real strength (weak environment tokens are refused), new for every run.
process.env.E2E_TOKEN ??= crypto.randomBytes(32).toString('base64url');
// One slot (servers + simulated host, e2e/slots.ts) per worker. A worker loads this file with its
// TEST_PARALLEL_INDEX already set, so `baseURL` below is its own slot's dashboard.
const workers = workerCount();

/** The two servers of one slot: the dashboard, and the same simulated host without privilege. */
function slotServers(slot: number): Extract<PlaywrightTestConfig['webServer'], unknown[]> {
  const port = slotPort(slot);
  const stateDir = slotStateDir(slot);
  return [
    {
      command: 'node scripts/start.mjs --demo',
      url: `http://127.0.0.1:${port}/login`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        PORT: String(port),
        CONFINEMENT_DASHBOARD_TOKEN: process.env.E2E_TOKEN!,
        CONFINEMENT_DASHBOARD_STATE_DIR: stateDir,
        CONFINEMENT_DASHBOARD_DEMO_STATE: path.join(stateDir, 'demo-state.json'),
        CONFINEMENT_DASHBOARD_ALLOW_ROOT: '1',
        // A simulated fleet of three: the demo host, node-2 (blocked) and node-3 (ready).
        DEMO_FLEET: '3',
        // Each connect takes a moment, as snapd's do: a job is seen while it runs.
        DEMO_SNAP_WATCH_MS: '100',
        // The simulated host is in another zone than this machine (UTC) and the browsers of
        // e2e/host-time.spec.ts: its journal's local times are Berlin's.
        DEMO_TZ: 'Europe/Berlin',
      },
    },
    {
      // The same simulated host as an unprivileged server without sudo mode:
      // snapd answers every connect/disconnect with "access denied"; its kernel logs denials often.
      command: 'node scripts/start.mjs --demo',
      url: `http://127.0.0.1:${port + 1}/login`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        PORT: String(port + 1),
        CONFINEMENT_DASHBOARD_TOKEN: process.env.E2E_TOKEN!,
        CONFINEMENT_DASHBOARD_STATE_DIR: path.join(stateDir, 'unprivileged'),
        CONFINEMENT_DASHBOARD_DEMO_STATE: path.join(stateDir, 'unprivileged', 'demo-state.json'),
        CONFINEMENT_DASHBOARD_ALLOW_ROOT: '1',
        DEMO_SNAP_DENY_MUTATIONS: '1',
        // A denial every 3 s or so: the live-follow tests need not wait 20 s for one.
        DEMO_DENIAL_PERIOD_MS: '3000',
      },
    },
  ];
}

export default defineConfig({
  testDir: 'e2e',
  // A spec file's tests run in order in one worker (some rely on the ones before them);
  // the files are shared out among the workers, each on its own slot.
  fullyParallel: false,
  workers,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${slotPort(currentSlot())}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'], launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' } },
    },
  ],
  webServer: Array.from({ length: workers }, (_, slot) => slotServers(slot)).flat(),
});
