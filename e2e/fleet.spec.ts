import { test, expect } from '@playwright/test';
import { demoSnap, expectAccessible, login, nodeSnap } from './support';
import { parseConnections, parseSnapList } from '../lib/snap/parse';

// DEMO_FLEET=3 (playwright.config.ts): the demo host, node-2 (a blocked strict MicroK8s), node-3 (ready).
const plugConnected = (text: string, plug: string) => parseConnections(text).some((c) => c.plug?.snap === 'microk8s' && c.plug.name === plug && c.slot !== null);

test.describe('a cluster of simulated nodes', () => {
  test.beforeEach(async ({ page }) => {
    await login(page);
  });

  test('the switcher shows the same page on another host, and a connect there changes only that host', async ({ page }) => {
    const switcher = page.getByTestId('host-switcher');
    await expect(switcher.locator('option')).toHaveText(['Simulated host (this dashboard’s)', 'node-2', 'node-3']);
    await page.goto('/snaps/microk8s');
    await switcher.selectOption('node-2');
    await expect(page).toHaveURL(/\/hosts\/node-2\/snaps\/microk8s$/);
    await expect(page.getByTestId('host-name')).toHaveText('Host: node-2');
    await expect(page).toHaveTitle('microk8s · node-2 · Confinement Dashboard');
    await page.getByTestId('plug-network-observe').getByRole('button', { name: 'Connect microk8s:network-observe' }).click();
    await expect(page.getByTestId('toast-success')).toContainText('Connected microk8s:network-observe');
    expect(plugConnected(nodeSnap('node-2', 'connections', 'microk8s'), 'network-observe')).toBe(true);
    expect(plugConnected(demoSnap('connections', 'microk8s'), 'network-observe')).toBe(false);
    // Links stay on the host in sight.
    await page.getByRole('link', { name: 'Interfaces', exact: true }).click();
    await expect(page).toHaveURL(/\/hosts\/node-2\/interfaces$/);
  });

  test('the fleet page puts the blocked hosts first, compares them, and brings one to a profile', async ({ page }) => {
    await page.goto('/fleet');
    await expect(page.getByTestId('host-name')).toHaveText('Host: all hosts');
    const rows = page.getByTestId('fleet-table').locator('tbody tr');
    await expect(rows).toHaveCount(3);
    // Each host is asked for its snaps, MicroK8s and kernel log: the rows fill in when all have answered.
    await expect(page.getByTestId('fleet-row-node-3')).toHaveAttribute('data-severity', '0', { timeout: 45_000 });
    await expect(rows.last()).toHaveAttribute('data-testid', 'fleet-row-node-3');
    await expect(page.getByTestId('fleet-row-node-2')).toContainText('MicroK8s blocked');
    await expect(page.getByTestId('compare-row-k8s-kubelet')).toHaveAttribute('data-differs', 'true', { timeout: 30_000 });
    await expectAccessible(page);

    await page.getByTestId('profile-name').fill('mk8s-ready');
    await page.getByTestId('profile-from').selectOption('node-3');
    await page.getByRole('button', { name: 'Save as profile' }).click();
    await expect(page.getByTestId('profile-select')).toHaveValue('mk8s-ready');
    await page.getByTestId('profile-target-node-2').check();
    await page.getByRole('button', { name: 'Plan' }).click();
    await expect(page.getByTestId('profile-plan')).toContainText('sudo snap connect microk8s:k8s-kubelet :kubernetes-support');
    await page.getByTestId('profile-apply').click();
    await expect(page).toHaveURL(/\?job=/);
    // A reload while it runs (or after) keeps showing the job: it lives on the server.
    await page.reload();
    await expect(page.getByTestId('job')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    const mk = parseSnapList(nodeSnap('node-2', 'list')).find((s) => s.name === 'microk8s');
    expect(mk?.notes).not.toContain('blocked');
    expect(parseSnapList(demoSnap('list')).find((s) => s.name === 'microk8s')?.notes).toContain('blocked');
  });
});
