import { test, expect } from '@playwright/test';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { login, slotExtraPort } from './support';
import { slotStateDir } from './slots';

// A demo server replaying a snapshot that holds snap's state only (no `microk8s status`, and never
// a kernel log) says "not in the snapshot" on the Denials and MicroK8s pages and the Overview,
// instead of inventing denials or a cluster state (review problem 9). Its own server, on
// its slot's fifth port (e2e/slots.ts), seeded from a snapshot the demo's snap-snapshot takes of a fresh simulated host.
const PORT = slotExtraPort(4);
const BASE = `http://127.0.0.1:${PORT}`;
const dir = path.join(slotStateDir(), 'replay');
let server: ChildProcess | null = null;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  fs.mkdirSync(dir, { recursive: true });
  const snapshotFile = path.join(dir, 'snapshot.json');
  // --snap: the simulated host's own snap, never whatever `snap` this machine has on its PATH
  execFileSync(process.execPath, [path.resolve('demo/bin/snap-snapshot'), '--snap', path.resolve('demo/bin/snap'), '-o', snapshotFile], {
    env: { ...process.env, CONFINEMENT_DASHBOARD_DEMO_STATE: path.join(dir, 'source-state.json'), LC_ALL: 'C' },
  });
  const snapshot = JSON.parse(fs.readFileSync(snapshotFile, 'utf8')) as Record<string, unknown>;
  // the premise: the simulated host's MicroK8s is in it, but nothing of its live state and no kernel log
  expect(snapshot['snap list']).toMatch(/^microk8s\s/m);
  expect(Object.keys(snapshot).filter((k) => k.startsWith('microk8s') || k.startsWith('journalctl') || k.startsWith('dmesg'))).toEqual([]);
  server = spawn(process.execPath, ['scripts/start.mjs', '--demo', '--port', String(PORT), '--snapshot', snapshotFile], {
    env: {
      ...process.env,
      CONFINEMENT_DASHBOARD_TOKEN: process.env.E2E_TOKEN,
      CONFINEMENT_DASHBOARD_STATE_DIR: path.join(dir, 'state'),
      CONFINEMENT_DASHBOARD_DEMO_STATE: path.join(dir, 'replayed-state.json'),
      CONFINEMENT_DASHBOARD_ALLOW_ROOT: '1',
    },
    stdio: 'ignore',
  });
  await expect(async () => {
    expect((await fetch(`${BASE}/login`)).status).toBe(200);
  }).toPass({ timeout: 60_000 });
});

test.afterAll(() => {
  server?.kill();
});

test('the replayed host shows no made-up denials or MicroK8s state: "not in the snapshot"', async ({ page }) => {
  await login(page, BASE);

  await page.goto(`${BASE}/denials`);
  const problem = page.getByRole('alert').filter({ hasText: 'Denials: not in the snapshot' });
  await expect(problem).toBeVisible();
  await expect(problem).toContainText('The kernel log is not in the snapshot this simulated host replays');
  await expect(page.getByText('Cannot read the kernel log')).toHaveCount(0);
  await expect(page.getByTestId('denial-group')).toHaveCount(0);
  await expect(page.getByTestId('denial-total')).toHaveCount(0);
  await expect(page.getByText('No denials', { exact: false })).toHaveCount(0);
  // the exported host's zone is not in the snapshot either: times are the browser's, and say so
  await expect(page.getByTestId('denials-updated')).toContainText('(browser time)');

  await page.goto(`${BASE}/addons`);
  await expect(page.getByTestId('microk8s-running')).toHaveText('not in the snapshot');
  await expect(page.getByText('MicroK8s status: not in the snapshot')).toBeVisible();
  await expect(page.getByText('microk8s status --format yaml is not in the snapshot this simulated host replays')).toBeVisible();
  await expect(page.getByText('not running', { exact: true })).toHaveCount(0);

  await page.goto(BASE);
  await expect(page.getByTestId('overview-microk8s-problem')).toHaveText('Status: not in the snapshot');
  await expect(page.getByTestId('overview-microk8s-running')).toHaveCount(0);
  await expect(page.getByTestId('overview-denials-unread')).toContainText('Not in the snapshot');
  await expect(page.getByTestId('overview-denials-total')).toHaveCount(0);
});
