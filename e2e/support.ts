import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { slotPort, slotStateDir } from './slots';

export const TOKEN = process.env.E2E_TOKEN!;
// This worker's slot (e2e/slots.ts): its own servers and simulated host.
export const DASHBOARD_URL = `http://127.0.0.1:${slotPort()}`;
export const DEMO_STATE = path.join(slotStateDir(), 'demo-state.json');
export const UNPRIVILEGED_DEMO_STATE = path.join(slotStateDir(), 'unprivileged', 'demo-state.json');
/** The second server: same simulated host, but snapd refuses every change (no root, no sudo mode). */
export const UNPRIVILEGED_URL = `http://127.0.0.1:${slotPort() + 1}`;
/** A port of this slot for a spec's own listener: 2 (security.spec.ts's server) or 3 (cookie-theft.spec.ts's other app). */
export const slotExtraPort = (n: 2 | 3 | 4) => slotPort() + n;

/** Logs in through the login form, as an admin would with the printed token. */
export async function login(page: Page, baseUrl = '') {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Admin token').fill(TOKEN);
  await page.getByRole('button', { name: /log in/i }).click();
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
}

/** The session's request key, as the page keeps it (localStorage of the dashboard's origin). */
export async function requestKey(page: Page): Promise<string> {
  const key = await page.evaluate(() => window.localStorage.getItem('confinement-dashboard.request-key'));
  if (!key) throw new Error('no request key in this page: log in first');
  return key;
}

/** GET an API path as the page's own code does: the session cookie plus the request key. */
export async function apiGet(page: Page, apiPath: string) {
  return page.request.get(apiPath, { headers: { 'x-csrf-token': await requestKey(page) } });
}

/**
 * Runs the simulated host's own `snap` against the server's state file: the
 * independent witness that the page tells the truth.
 */
export function demoSnap(...args: string[]): string {
  return demoSnapOn(DEMO_STATE, ...args);
}

export function demoSnapOn(stateFile: string, ...args: string[]): string {
  return execFileSync(process.execPath, [path.resolve('demo/bin/snap'), ...args], {
    env: { ...process.env, CONFINEMENT_DASHBOARD_DEMO_STATE: stateFile, LC_ALL: 'C' },
    encoding: 'utf8',
  });
}

/** A node of the simulated fleet (DEMO_FLEET), asked with its own `snap`. */
export function nodeSnap(node: string, ...args: string[]): string {
  return demoSnapOn(path.join(slotStateDir(), 'fleet', `${node}.json`), ...args);
}

/** The simulated host's own name, as its `hostname` prints it. */
export function demoHostname(): string {
  return execFileSync(process.execPath, [path.resolve('demo/bin/hostname')], {
    env: { ...process.env, CONFINEMENT_DASHBOARD_DEMO_STATE: DEMO_STATE, LC_ALL: 'C' },
    encoding: 'utf8',
  }).trim();
}

/** Fails on serious or critical accessibility findings. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
}
