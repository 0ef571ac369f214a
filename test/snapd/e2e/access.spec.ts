/**
 * The dashboard run as an ORDINARY user (cdlab, created here and removed afterwards), as the
 * README tells admins to run it:
 *  - without sudo mode, Connect shows snapd's real refusal, `access denied (try with sudo)`,
 *    with the sudo-mode hint, and changes nothing in snapd;
 *  - with sudo mode and the README's sudoers line, the same click works (and so does Disconnect).
 * The servers are `runuser -u cdlab -- node scripts/start.mjs` (production build, host mode
 * local), with their own state directories owned by cdlab.
 */
import { test, expect } from '@playwright/test';
import {
  SUDO_USER_PORT,
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

  test('without sudo mode: Connect shows "access denied (try with sudo)" with the sudo-mode hint, and changes nothing', async ({ page }) => {
    server = await startUserServer(USER_PORT, { sudo: false });
    const before = snap('connections', '--all');
    const changesBefore = lastChangeId();

    await login(page, server.url);
    await page.goto(`${server.url}/snaps/microk8s`);
    const row = page.getByTestId('plug-network-observe');
    await expect(row).toHaveAttribute('data-connected', 'false'); // reading needs no privilege
    await row.getByRole('button', { name: 'Connect microk8s:network-observe', exact: true }).click();
    const toast = page.getByTestId('toast-error');
    await expect(toast).toContainText('Could not connect microk8s:network-observe');
    await expect(toast).toContainText('access denied (try with sudo)'); // snapd's own words
    await expect(toast).toContainText('sudo mode'); // what to do about it
    await expect(page.getByTestId('toast-success')).toHaveCount(0);
    await expect(row).toHaveAttribute('data-connected', 'false');

    // nothing changed in snapd: same connections, no change started
    expect(snap('connections', '--all')).toBe(before);
    expect(lastChangeId()).toBe(changesBefore);
    await stopServer();
  });

  test("with sudo mode and the README's sudoers line: the same Connect works, and Disconnect too", async ({ page }) => {
    installSudoers();
    try {
      server = await startUserServer(SUDO_USER_PORT, { sudo: true });
      await login(page, server.url);
      await page.goto(`${server.url}/snaps/microk8s`);
      const row = page.getByTestId('plug-network-observe');
      await expect(row).toHaveAttribute('data-connected', 'false');
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
