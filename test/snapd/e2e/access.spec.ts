/**
 * The dashboard run as an ORDINARY user (cdlab, created here and removed afterwards), as the
 * README tells admins to run it:
 *  - without sudo mode, every page says read-only (with the sudoers line), Connect/Disconnect
 *    are disabled with the command to run by hand, the API refuses (403) and snapd is untouched;
 *  - sudo mode without the rule: read-only too, with sudo's own refusal;
 *  - with sudo mode and the README's sudoers line, the same click works (and so does Disconnect).
 * The servers are `runuser -u cdlab -- node scripts/start.mjs` (production build, host mode
 * local), with their own state directories owned by cdlab.
 */
import { test, expect } from '@playwright/test';
import {
  SUDO_USER_PORT,
  SUDOERS_LINE,
  USER_PORT,
  collectPageErrors,
  connectedSlots,
  createUser,
  ensureDisconnected,
  installSudoers,
  lastChangeId,
  login,
  realConnections,
  removeSudoers,
  removeUser,
  snap,
  startUserServer,
  type Server,
} from './support';

let server: Server | null = null;

async function stopServer(): Promise<void> {
  await server?.stop();
  server = null;
}

test.describe.configure({ mode: 'serial' });

test.describe('the server as an ordinary user', () => {
  let pageErrors: string[] = [];
  test.beforeAll(async () => {
    createUser();
    await ensureDisconnected('microk8s', 'network-observe');
  });
  test.afterAll(async () => {
    await stopServer();
    removeUser(); // and the sudoers file
    await ensureDisconnected('microk8s', 'network-observe');
  });
  test.beforeEach(({ page }) => {
    pageErrors = collectPageErrors(page);
  });
  test.afterEach(() => {
    expect(pageErrors, 'uncaught exceptions in the page').toEqual([]);
  });

  test('without sudo mode: every page says read-only, no Connect/Disconnect can be pressed, the API refuses without running anything', async ({ page }) => {
    test.setTimeout(240_000); // eight pages, each waiting for its own /api/system
    server = await startUserServer(USER_PORT, { sudo: false });
    const before = snap('connections', '--all');
    const changesBefore = lastChangeId();

    await login(page, server.url);
    for (const pagePath of ['/', '/snaps', '/snaps/microk8s', '/interfaces', '/denials', '/addons', '/activity', '/fleet']) {
      await page.goto(`${server.url}${pagePath}`);
      const banner = page.getByTestId('privilege-banner');
      await expect(banner, pagePath).toContainText('Read-only');
      await expect(banner).toContainText('runs as "cdlab", not root, and sudo mode is off');
      await expect(banner.getByTestId('privilege-sudoers-line')).toContainText(SUDOERS_LINE);
    }
    await page.goto(`${server.url}/snaps/microk8s`);
    const row = page.getByTestId('plug-network-observe');
    await expect(row).toHaveAttribute('data-connected', 'false'); // reading needs no privilege
    await expect(row.getByRole('button', { name: 'Connect microk8s:network-observe', exact: true })).toBeDisabled();
    await expect(row.getByTestId('manual-command')).toContainText('sudo snap connect microk8s:network-observe');
    await expect(page.getByTestId('plug-home').getByRole('button', { name: /^Disconnect microk8s:home from/ })).toBeDisabled();
    await expect(page.locator('button[aria-label^="Connect "]:not([disabled]), button[aria-label^="Disconnect "]:not([disabled])')).toHaveCount(0);
    // selecting plugs offers the commands to copy, not a job that would fail
    await row.getByTestId('select-plug-network-observe').check();
    await expect(page.getByRole('button', { name: 'Connect selected (1)' })).toBeDisabled();
    await expect(page.getByTestId('batch-manual-connect')).toContainText('sudo snap connect microk8s:network-observe');

    const key = await page.evaluate(() => window.localStorage.getItem('confinement-dashboard.request-key'));
    const res = await page.request.post(`${server.url}/api/connections`, {
      headers: { 'x-csrf-token': key ?? '', origin: server.url, 'content-type': 'application/json' },
      data: { plug: 'microk8s:network-observe' },
    });
    expect(res.status()).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('read-only');

    // nothing changed in snapd: same connections, no change started
    expect(snap('connections', '--all')).toBe(before);
    expect(lastChangeId()).toBe(changesBefore);
    await stopServer();
  });

  test('sudo mode without a sudoers rule: read-only, with sudo\'s own refusal', async ({ page }) => {
    removeSudoers();
    server = await startUserServer(SUDO_USER_PORT, { sudo: true });
    try {
      await login(page, server.url);
      await page.goto(`${server.url}/snaps/microk8s`);
      const banner = page.getByTestId('privilege-banner');
      await expect(banner).toContainText('sudo mode is on, but sudo does not let "cdlab" run snap connect/disconnect without a password');
      await expect(banner.getByTestId('privilege-sudoers-line')).toContainText(SUDOERS_LINE);
      await expect(page.getByTestId('plug-network-observe').getByRole('button', { name: 'Connect microk8s:network-observe', exact: true })).toBeDisabled();
    } finally {
      await stopServer();
    }
  });

  test("with sudo mode and the README's sudoers line: the same Connect works, and Disconnect too", async ({ page }) => {
    installSudoers();
    try {
      server = await startUserServer(SUDO_USER_PORT, { sudo: true });
      await login(page, server.url);
      await page.goto(`${server.url}/snaps/microk8s`);
      const row = page.getByTestId('plug-network-observe');
      await expect(row).toHaveAttribute('data-connected', 'false');
      const system = (await (await page.request.get(`${server.url}/api/system`, { headers: { 'x-csrf-token': (await page.evaluate(() => window.localStorage.getItem('confinement-dashboard.request-key'))) ?? '' } })).json()) as { privilege: string };
      expect(system.privilege).toBe('sudo');
      await expect(page.getByTestId('privilege-banner')).toHaveCount(0);
      await row.getByRole('button', { name: 'Connect microk8s:network-observe', exact: true }).click();
      await expect(page.getByTestId('toast-success')).toContainText('Connected microk8s:network-observe');
      await expect(page.getByTestId('toast-error')).toHaveCount(0);
      await expect(row).toHaveAttribute('data-connected', 'true');
      expect(connectedSlots('microk8s', 'network-observe')).toEqual([':network-observe']);
      expect(realConnections('microk8s').find((c) => c.plug?.name === 'network-observe')?.notes).toEqual(['manual']);

      await row.getByRole('button', { name: 'Disconnect microk8s:network-observe from :network-observe', exact: true }).click();
      // A plug strict MicroK8s requires: confirmed first.
      await page.getByTestId('confirm-ok').click();
      await expect(page.getByTestId('toast-success').last()).toContainText('Disconnected microk8s:network-observe');
      await expect(row).toHaveAttribute('data-connected', 'false');
      expect(connectedSlots('microk8s', 'network-observe')).toEqual([]);
    } finally {
      await stopServer();
      removeSudoers();
    }
  });
});
