/**
 * The Addons and Denials pages against the real snapd (server as root):
 * - the lab's strict microk8s fixture shows as installed with its 23 required
 *   interfaces, and "Connect all required" really connects them;
 * - the lab's lab-denials snap makes the kernel log real seccomp denials, and
 *   they appear on the Denials page with the right syscall name.
 */
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { HARNESS, SYSTEM_PATH, collectPageErrors, connectedSlots, login, settleServerReadCache, snap } from './support';

const REQUIRED = ['account-control', 'docker-privileged', 'dot-kube', 'dot-config-helm', 'firewall-control', 'hardware-observe', 'home', 'home-read-all', 'k8s-journald', 'k8s-kubelet', 'k8s-kubeproxy', 'kernel-module-observe', 'kubernetes-support', 'log-observe', 'login-session-observe', 'mount-observe', 'network', 'network-bind', 'network-control', 'network-observe', 'opengl', 'process-control', 'system-observe'];

test.describe('Addons and Denials against the real snapd', () => {
  let pageErrors: string[] = [];
  let connectedBefore: string[] = [];
  test.beforeAll(() => {
    connectedBefore = REQUIRED.filter((p) => connectedSlots('microk8s', p).length > 0);
  });
  test.afterAll(async () => {
    // Back to the lab's state: disconnect what the test connected.
    for (const p of REQUIRED) if (!connectedBefore.includes(p) && connectedSlots('microk8s', p).length) snap('disconnect', `microk8s:${p}`);
    await settleServerReadCache();
  });
  test.beforeEach(async ({ page }) => {
    pageErrors = collectPageErrors(page);
    await login(page, '');
  });
  test.afterEach(() => {
    expect(pageErrors, 'uncaught exceptions in the page').toEqual([]);
  });

  test('the strict microk8s fixture shows with its required interfaces; Connect all required connects them for real', async ({ page }) => {
    await page.goto('/addons');
    await expect(page.getByRole('link', { name: 'microk8s', exact: true })).toBeVisible();
    await expect(page.getByTestId('required-list').locator('li')).toHaveCount(23);
    for (const p of REQUIRED) {
      await expect(page.getByTestId(`required-${p}`)).toHaveAttribute('data-state', connectedBefore.includes(p) ? 'connected' : 'missing');
    }
    await expect(page.getByTestId('required-summary')).toHaveText(`${connectedBefore.length} of 23 connected.`);

    await page.getByRole('button', { name: /Connect all required/ }).click();
    // The confirmation lists exactly the commands for the plugs the real snapd reports unconnected.
    const dialog = page.getByRole('dialog', { name: `Connect ${23 - connectedBefore.length} required interfaces` });
    await expect(dialog).toBeVisible();
    expect((await dialog.getByTestId('confirm-commands').innerText()).trim().split('\n')).toHaveLength(23 - connectedBefore.length);
    await page.getByTestId('confirm-ok').click();
    const job = page.getByTestId('connect-all-job').getByTestId('job');
    await expect(job).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
    await expect(page.getByTestId('required-summary')).toHaveText('23 of 23 connected.');
    for (const p of REQUIRED) expect(connectedSlots('microk8s', p), `microk8s:${p} per the real snap connections`).not.toEqual([]);
  });

  test('real seccomp denials of lab-denials appear on the Denials page with the syscall named', async ({ page }) => {
    const run = spawnSync('bash', [path.join(HARNESS, 'lab-run.sh'), 'lab-denials.unshare'], { env: { ...process.env, PATH: SYSTEM_PATH }, encoding: 'utf8' });
    expect(run.stderr + run.stdout).toMatch(/Operation not permitted/);
    const dmesg = spawnSync('dmesg', [], { encoding: 'utf8' }).stdout;
    expect(dmesg).toMatch(/audit: type=1326 .*syscall=272 /); // 272 = unshare on x86_64

    await page.goto('/denials');
    await page.getByLabel('Kind', { exact: true }).selectOption('seccomp');
    await page.getByLabel('Time', { exact: true }).selectOption('all');
    const group = page.getByTestId('denial-group').filter({ hasText: 'syscall unshare' }).first();
    await expect(group).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('denial-sources')).toContainText('dmesg');
    // No AppArmor here: no label, and exe= is the path inside the snap's namespace, so the
    // dashboard does not guess the snap.
    await expect(group.getByTestId('denial-answer')).toHaveAttribute('data-kind', 'unknown-snap');
    await expect(group.getByTestId('raw-line')).toHaveText(/syscall=272/, { useInnerText: false });
  });

  test('live follow lists a real seccomp denial as the kernel logs it, and nothing from before', async ({ page }) => {
    await page.goto('/denials?kind=seccomp');
    const panel = page.getByTestId('follow-panel');
    // the button works once the page's script runs: click until it has
    await expect(async () => {
      if (!(await panel.isVisible())) await page.getByTestId('follow-start').click({ timeout: 1_000 });
      await expect(panel).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 45_000 });
    await expect(page.getByTestId('follow-status')).toContainText('since');
    const events = page.getByTestId('follow-event');
    // earlier unshare denials are in the kernel log (the test above), none is listed as new
    await expect(page.getByTestId('follow-empty')).toBeVisible();

    const run = spawnSync('bash', [path.join(HARNESS, 'lab-run.sh'), 'lab-denials.unshare'], { env: { ...process.env, PATH: SYSTEM_PATH }, encoding: 'utf8' });
    expect(run.stderr + run.stdout).toMatch(/Operation not permitted/);
    const line = events.filter({ hasText: 'syscall unshare' }).first();
    await expect(line).toBeVisible({ timeout: 20_000 });
    await expect(line).toHaveAttribute('data-answer', 'unknown-snap');
    await line.locator('summary').first().click();
    await expect(line.getByTestId('raw-line')).toHaveText(/audit: type=1326 .*syscall=272 /, { useInnerText: false });
  });
});
