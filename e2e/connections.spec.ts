import { test, expect } from '@playwright/test';
import { apiGet, login, demoSnap, demoSnapOn, expectAccessible, requestKey, UNPRIVILEGED_DEMO_STATE, UNPRIVILEGED_URL } from './support';
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

  test('a read-only host says so on every page, offers no button that would fail, and the API refuses without running anything', async ({ page }) => {
    test.setTimeout(240_000); // eight pages, each waiting for its own /api/system
    await login(page, UNPRIVILEGED_URL);
    const before = demoSnapOn(UNPRIVILEGED_DEMO_STATE, 'connections', '--all');
    for (const pagePath of ['/', '/snaps', '/snaps/microk8s', '/interfaces', '/denials', '/addons', '/activity', '/fleet']) {
      await page.goto(`${UNPRIVILEGED_URL}${pagePath}`);
      const banner = page.getByTestId('privilege-banner');
      await expect(banner, pagePath).toBeVisible();
      await expect(banner).toContainText('Read-only');
      await expect(banner.getByTestId('privilege-sudoers-line')).toContainText('dashboard ALL=(root) NOPASSWD: /usr/bin/snap connect *, /usr/bin/snap disconnect *');
      await expect(banner.getByTestId('privilege-restart')).toContainText('CONFINEMENT_DASHBOARD_SUDO=1');
    }

    await page.goto(`${UNPRIVILEGED_URL}/snaps/microk8s`);
    const row = page.getByTestId('plug-mount-observe');
    const connect = row.getByRole('button', { name: 'Connect microk8s:mount-observe', exact: true });
    await expect(connect).toBeDisabled();
    await expect(row.getByTestId('manual-command')).toContainText('sudo snap connect microk8s:mount-observe');
    const connected = page.getByTestId('plug-home');
    await expect(connected.getByRole('button', { name: /^Disconnect microk8s:home from/ })).toBeDisabled();
    // every Connect/Disconnect button of the page is disabled, none leads to "access denied"
    const enabled = page.locator('button[aria-label^="Connect "]:not([disabled]), button[aria-label^="Disconnect "]:not([disabled])');
    await expect(enabled).toHaveCount(0);
    await expectAccessible(page);

    await page.goto(`${UNPRIVILEGED_URL}/addons`);
    await expect(page.getByRole('button', { name: /Connect all required/ })).toBeDisabled();
    await expect(page.getByTestId('required-manual')).toContainText('sudo snap connect microk8s:');

    // the API: 403 with the same hint, and nothing ran
    const res = await page.request.post(`${UNPRIVILEGED_URL}/api/connections`, {
      headers: { 'x-csrf-token': await requestKey(page), origin: UNPRIVILEGED_URL, 'content-type': 'application/json' },
      data: { plug: 'microk8s:mount-observe' },
    });
    expect(res.status()).toBe(403);
    const { error } = (await res.json()) as { error: { code: string; hint: string } };
    expect(error.code).toBe('read-only');
    expect(error.hint).toContain('dashboard ALL=(root) NOPASSWD: /usr/bin/snap connect *, /usr/bin/snap disconnect *');
    expect(error.hint).toContain('sudo snap connect microk8s:mount-observe');
    const system = (await (await apiGet(page, `${UNPRIVILEGED_URL}/api/system`)).json()) as { privilege: string };
    expect(system.privilege).toBe('read-only');
    expect(demoSnapOn(UNPRIVILEGED_DEMO_STATE, 'connections', '--all')).toBe(before);
  });

  test('a host that can change connections shows no read-only banner, and /api/system says root', async ({ page }) => {
    await expect(page.getByTestId('snapd-version')).toBeVisible(); // the system answer is in
    await expect(page.getByTestId('privilege-banner')).toHaveCount(0);
    const system = (await (await apiGet(page, '/api/system')).json()) as { privilege: string };
    expect(system.privilege).toBe('root');
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
