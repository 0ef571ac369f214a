import { test, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// A server of its own, started as an admin would: no token configured, so it
// creates one and prints the one-time login URL on its console.
let server: ChildProcess;
let loginUrl: string;
const port = Number(process.env.E2E_PORT ?? 3100) + 2;

test.beforeAll(async () => {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-e2e-login-'));
  server = spawn(process.execPath, ['scripts/start.mjs', '--demo'], {
    env: { ...process.env, PORT: String(port), CONFINEMENT_DASHBOARD_STATE_DIR: stateDir, CONFINEMENT_DASHBOARD_ALLOW_ROOT: '1', CONFINEMENT_DASHBOARD_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  loginUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no login URL printed:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(/http:\/\/\S+\/login\?token=[\w-]+/);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', onData);
  });
});

test.afterAll(() => {
  server?.kill('SIGTERM');
});

test('log in with the printed URL, act, log out: the old session no longer works', async ({ page, browser }) => {
  await page.goto(loginUrl);
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  expect(page.url()).not.toContain('token='); // the token does not stay in the address bar

  await page.goto(`http://127.0.0.1:${port}/snaps/microk8s`);
  const row = page.getByTestId('plug-network-observe');
  await row.getByRole('button', { name: 'Connect microk8s:network-observe' }).click();
  await expect(page.getByTestId('toast-success')).toContainText('Connected microk8s:network-observe');

  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === 'cd_session')?.httpOnly).toBe(true);
  expect(cookies.find((c) => c.name === 'cd_session')?.sameSite).toBe('Strict');

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login/);

  // The same cookie, replayed from another browser, is dead.
  const other = await browser.newContext();
  await other.addCookies(cookies);
  const res = await other.request.get(`http://127.0.0.1:${port}/api/snaps`);
  expect(res.status()).toBe(401);
  const otherPage = await other.newPage();
  await otherPage.goto(`http://127.0.0.1:${port}/snaps`);
  await expect(otherPage).toHaveURL(/\/login/);
  await other.close();
});

test('without credentials every page goes to the login page and the API answers 401', async ({ page }) => {
  for (const p of ['/', '/snaps', '/snaps/microk8s', '/interfaces', '/activity', '/addons', '/denials']) {
    await page.goto(`http://127.0.0.1:${port}${p}`);
    await expect(page).toHaveURL(/\/login/);
  }
  const res = await page.request.post(`http://127.0.0.1:${port}/api/connections`, { data: { plug: 'microk8s:home' } });
  expect(res.status()).toBe(401);
});
