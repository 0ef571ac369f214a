import { test, expect } from '@playwright/test';
import { login, demoSnap, expectAccessible } from './support';
import { parseSnapList } from '../lib/snap/parse';

test.describe('lists: sorting, filters in the address, the phone-sized menu (review problems 16, 18, 26)', () => {
  test.beforeEach(async ({ page }) => {
    await login(page);
  });

  test('Snaps: Rev and Tracking columns, sortable headers with aria-sort, order and search kept in the URL', async ({ page }) => {
    await page.goto('/snaps');
    const table = page.getByTestId('snaps-table');
    await expect(table.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'ascending');
    await expect(table.getByRole('columnheader', { name: 'Rev' })).toHaveAttribute('aria-sort', 'none');
    await expect(table.getByRole('columnheader', { name: 'Tracking' })).toBeVisible();
    // microk8s's row shows what `snap list` says
    const mk = parseSnapList(demoSnap('list', 'microk8s')).find((s) => s.name === 'microk8s')!;
    const row = table.locator('tbody tr').filter({ has: page.getByRole('link', { name: 'microk8s', exact: true }) });
    await expect(row).toContainText(mk.revision);
    await expect(row).toContainText(mk.tracking!);

    await table.getByRole('button', { name: 'Name' }).click();
    await expect(table.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'descending');
    await expect(page).toHaveURL(/[?&]dir=desc/);
    const names = parseSnapList(demoSnap('list')).map((s) => s.name).sort((a, b) => b.localeCompare(a));
    await expect(table.locator('tbody tr').first()).toContainText(names[0]!);

    await page.getByLabel('Search snaps').fill('micro');
    await expect(page).toHaveURL(/[?&]q=micro/);
    await page.reload();
    await expect(page.getByLabel('Search snaps')).toHaveValue('micro');
    await expect(table.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'descending');
    await expect(page.getByTestId('snaps-count')).toHaveText(/^1 of \d+ snaps$/);
    await expectAccessible(page);
  });

  test('Activity and Addons filters come from the URL', async ({ page }) => {
    await page.goto('/addons?compat=classic-only&repo=core');
    await expect(page.getByLabel('Compatibility')).toHaveValue('classic-only');
    await expect(page.getByLabel('Repository')).toHaveValue('core');
    await expect(page.getByTestId('addon-community-cilium')).toHaveCount(0);
    await expect(page.getByTestId('addon-core-gpu')).toBeVisible();
    await page.goto('/activity?target=microk8s');
    await expect(page.getByLabel('Target contains')).toHaveValue('microk8s');
  });

  test('snapd\'s many slots can be filtered', async ({ page }) => {
    await page.goto('/snaps/snapd');
    const slots = page.getByTestId('slot-list').locator(':scope > li');
    const all = await slots.count();
    expect(all).toBeGreaterThan(10);
    await page.getByLabel('Filter slots').fill('network');
    await expect(slots.first()).toContainText('network');
    const some = await slots.count();
    expect(some).toBeLessThan(all);
    expect(some).toBeGreaterThan(0);
    for (const text of await slots.allInnerTexts()) expect(text).toContain('network');
  });

  test('at 390 px the navigation folds behind a Menu button', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/snaps');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav).toBeHidden();
    const menu = page.getByRole('button', { name: 'Menu' });
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await menu.click();
    await expect(nav).toBeVisible();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expectAccessible(page);
    await nav.getByRole('link', { name: 'Addons' }).click();
    await expect(page.getByRole('heading', { name: 'MicroK8s addons' })).toBeVisible();
    await expect(nav).toBeHidden();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
