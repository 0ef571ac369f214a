import { test, expect } from '@playwright/test';
import { login, demoSnap, demoSnapOn, expectAccessible, UNPRIVILEGED_DEMO_STATE, UNPRIVILEGED_URL } from './support';
import { parseConnections, parseSnapList, confinementOf } from '../lib/snap/parse';

test.describe('the dashboard on the simulated host', () => {
  test.beforeEach(async ({ page }) => {
    await login(page);
  });

  test('the overview shows the demo host\'s own numbers and the simulated-host banner', async ({ page }) => {
    const snaps = parseSnapList(demoSnap('list', '--unicode=never', '--color=never'));
    await expect(page.getByTestId('demo-banner')).toContainText('Simulated host');
    await expect(page.getByTestId('count-installed')).toHaveText(String(snaps.length));
    for (const c of ['strict', 'classic', 'devmode'] as const) {
      await expect(page.getByTestId(`count-${c}`)).toHaveText(String(snaps.filter((s) => confinementOf(s) === c).length));
    }
    const version = demoSnap('version').match(/^snapd\s+(\S+)/m)?.[1];
    await expect(page.getByTestId('snapd-version')).toHaveText(version!);
    await expect(page.getByTestId('unhealthy-list')).toContainText('microk8s');
    await expectAccessible(page);
  });

  test('the snaps page lists every snap and filters by confinement', async ({ page }) => {
    const snaps = parseSnapList(demoSnap('list', '--unicode=never', '--color=never'));
    await page.getByRole('link', { name: 'Snaps', exact: true }).click();
    await expect(page.getByTestId('snaps-count')).toHaveText(`${snaps.length} of ${snaps.length} snaps`);
    await page.getByLabel('Confinement').selectOption('classic');
    const classic = snaps.filter((s) => confinementOf(s) === 'classic');
    await expect(page.getByTestId('snaps-count')).toHaveText(`${classic.length} of ${snaps.length} snaps`);
    for (const s of classic) await expect(page.getByTestId('snaps-table').getByRole('link', { name: s.name, exact: true })).toBeVisible();
    await page.getByLabel('Search snaps').fill('micro');
    await page.getByLabel('Confinement').selectOption('all');
    await expect(page.getByTestId('snaps-table').getByRole('link', { name: 'microk8s' })).toBeVisible();
    await expectAccessible(page);
  });

  test('connect an unconnected MicroK8s plug from the snap page, then disconnect it', async ({ page }) => {
    const before = parseConnections(demoSnap('connections', 'microk8s'));
    const plugRow = before.find((c) => c.plug?.name === 'mount-observe');
    expect(plugRow?.slot).toBeNull(); // the demo starts with it unconnected

    await page.goto('/snaps/microk8s');
    const row = page.getByTestId('plug-mount-observe');
    await expect(row).toHaveAttribute('data-connected', 'false');
    await row.getByRole('button', { name: 'Connect microk8s:mount-observe' }).click();
    await expect(page.getByTestId('toast-success')).toContainText('Connected microk8s:mount-observe');
    await expect(row).toHaveAttribute('data-connected', 'true');
    const after = parseConnections(demoSnap('connections', 'microk8s')).find((c) => c.plug?.name === 'mount-observe');
    expect(after?.slot).toEqual({ snap: 'system', name: 'mount-observe' });
    expect(after?.notes).toContain('manual');

    await row.getByRole('button', { name: /Disconnect microk8s:mount-observe/ }).click();
    // mount-observe is one strict MicroK8s requires: the dialog says it will block it.
    await expect(page.getByRole('dialog')).toContainText('MicroK8s will stop: blocked');
    await page.getByTestId('confirm-ok').click();
    await expect(page.getByTestId('toast-success').last()).toContainText('Disconnected microk8s:mount-observe');
    await expect(row).toHaveAttribute('data-connected', 'false');
    const gone = parseConnections(demoSnap('connections', 'microk8s')).find((c) => c.plug?.name === 'mount-observe');
    expect(gone?.slot).toBeNull();
    await expectAccessible(page);
  });

  test('an action snapd refuses shows its error and changes nothing', async ({ page }) => {
    await login(page, UNPRIVILEGED_URL);
    const before = demoSnapOn(UNPRIVILEGED_DEMO_STATE, 'connections', '--all');
    await page.goto(`${UNPRIVILEGED_URL}/snaps/microk8s`);
    const row = page.getByTestId('plug-mount-observe');
    await row.getByRole('button', { name: 'Connect microk8s:mount-observe' }).click();
    const toast = page.getByTestId('toast-error');
    await expect(toast).toContainText('access denied (try with sudo)');
    await expect(toast).toContainText('sudo mode');
    await expect(row).toHaveAttribute('data-connected', 'false');
    expect(demoSnapOn(UNPRIVILEGED_DEMO_STATE, 'connections', '--all')).toBe(before);
  });

  test('the interfaces page explains each interface in use', async ({ page }) => {
    await page.getByRole('link', { name: 'Interfaces', exact: true }).click();
    const table = page.getByTestId('interfaces-table');
    await expect(table.getByRole('link', { name: 'account-control' })).toBeVisible();
    await expectAccessible(page);
    // The table is virtualised: rows far down are rendered once searched for (or scrolled to).
    await page.getByLabel('Search interfaces').fill('kubernetes');
    await expect(table.getByRole('link', { name: 'kubernetes-support' })).toBeVisible();
    await expect(table.getByRole('row')).toHaveCount(2); // header + the one match
    await page.getByLabel('Search interfaces').fill('mount-observe');
    await table.getByRole('link', { name: 'mount-observe' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('mount-observe');
    await expect(page.getByText('microk8s:mount-observe')).toBeVisible();
    await expectAccessible(page);
  });
});
