import crypto from 'node:crypto';
import { defineConfig, devices } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

// The browser phase of `npm run test:snapd` (test/snapd/README.md): the production build
// in host mode `local` against the lab's REAL snapd, in Debian's Chromium (never
// `playwright install`). run.mjs brings the lab up first, adds `--reporter=list,json`
// (the JSON file comes from PLAYWRIGHT_JSON_OUTPUT_NAME) and tears the lab down afterwards.
//
// Servers:
//   SNAPD_E2E_PORT (3300)   as root (CI runs as root: CONFINEMENT_DASHBOARD_ALLOW_ROOT=1), webServer below;
//   +1, +2                  as the ordinary user cdlab without / with sudo mode, started and
//                           stopped by e2e/access.spec.ts itself (the user exists only there).
const root = path.resolve(__dirname, '..', '..');
const port = Number(process.env.SNAPD_E2E_PORT ?? 3300);
// Workers load this file again: the first load picks the directory and the token, the rest inherit them.
process.env.SNAPD_E2E_PORT = String(port);
// The servers' state directories live in the lab's directory: global-teardown.ts deletes them,
// and lab-down.sh too (e2e-state-*), should a killed run leave them.
const lab = process.env.SNAPD_LAB_DIR || '/tmp/snapd-lab';
if (!process.env.SNAPD_E2E_STATE_DIR) {
  fs.mkdirSync(lab, { recursive: true });
  process.env.SNAPD_E2E_STATE_DIR = fs.mkdtempSync(path.join(lab, 'e2e-state-'));
}
// A token of real strength (weak environment tokens are refused), new for every run.
process.env.SNAPD_E2E_TOKEN ??= crypto.randomBytes(32).toString('base64url');
const stateDir = process.env.SNAPD_E2E_STATE_DIR;

export default defineConfig({
  testDir: 'e2e',
  outputDir: path.join(root, 'test-results', 'snapd-e2e'),
  // One snapd for everything: specs change it, so never two at once.
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  globalTeardown: path.join(__dirname, 'e2e', 'global-teardown.ts'),
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'off', // recording doubles the phase's time here; use --trace on when debugging
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'], launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' } },
    },
  ],
  webServer: [
    {
      // The pid goes into the lab's record (exec: it is the server's own), so that lab-down.sh can
      // end the server should this run be killed before Playwright stops it.
      command: `bash -c 'echo $$ >> "$SNAPD_E2E_PIDS"; exec node scripts/start.mjs'`,
      cwd: root,
      url: `http://127.0.0.1:${port}/login`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        PORT: String(port),
        SNAPD_E2E_PIDS: path.join(lab, 'e2e-servers.pids'),
        CONFINEMENT_DASHBOARD_HOST_MODE: 'local',
        CONFINEMENT_DASHBOARD_TOKEN: process.env.SNAPD_E2E_TOKEN,
        CONFINEMENT_DASHBOARD_STATE_DIR: path.join(stateDir, 'root'),
        CONFINEMENT_DASHBOARD_ALLOW_ROOT: '1',
        CONFINEMENT_DASHBOARD_SUDO: '',
        LC_ALL: 'C',
      },
    },
  ],
});
