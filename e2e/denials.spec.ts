import { test, expect, type Page } from '@playwright/test';
import { login, demoSnap, expectAccessible } from './support';
import { parseConnections } from '../lib/snap/parse';

/**
 * Waits until the page's script runs: a choice made before that is the browser's alone. The Order
 * filter writes to the address only from the script, so it is the sign (and put back after).
 */
async function untilInteractive(page: Page) {
  const order = page.getByLabel('Order', { exact: true });
  await expect(async () => {
    await order.selectOption('noisiest');
    expect(new URL(page.url()).searchParams.get('order')).toBe('noisiest');
  }).toPass({ timeout: 15_000 });
  await order.selectOption('recent');
}

test.describe('recent denials on the simulated host', () => {
  test.beforeEach(async ({ page }) => {
    await login(page);
  });

  test('the demo host\'s denials appear grouped by snap, explained', async ({ page }) => {
    await page.getByRole('link', { name: 'Denials', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Recent denials' })).toBeVisible();
    await expect(page.getByTestId('denial-snap').filter({ hasText: 'microk8s' })).toBeVisible();
    await expect(page.getByTestId('denial-sources')).toContainText('journal');
    const groups = page.getByTestId('denial-group');
    expect(await groups.count()).toBeGreaterThan(3);
    await expectAccessible(page);
  });

  test('the kernel\'s dropped count is the host\'s: on a snap\'s page it says so', async ({ page }) => {
    await page.goto('/denials');
    const dropped = page.getByTestId('dropped');
    await expect(dropped).toHaveText(/^\d+ denials? (was|were) dropped by the kernel \(kauditd rate limit\)$/);
    const hostWide = (await dropped.textContent())!.match(/^\d+/)![0];
    await page.goto('/snaps/htop');
    const onSnapPage = page.getByTestId('dropped');
    await expect(onSnapPage).toHaveText(/^\d+ denials? (was|were) dropped by the kernel \(kauditd rate limit\), of all snaps on this host$/);
    // the host's count (it only grows while the simulated kernel keeps logging), not htop's own
    expect(Number((await onSnapPage.textContent())!.match(/^\d+/)![0])).toBeGreaterThanOrEqual(Number(hostWide));
  });

  test('clicking Connect on a suggestion connects the plug and says so', async ({ page }) => {
    await page.goto('/denials');
    const mountGroup = page.getByTestId('denial-group').filter({ hasText: '/mounts' }).filter({ has: page.getByRole('button', { name: 'Connect microk8s:mount-observe' }) }).first();
    await expect(mountGroup).toBeVisible();
    await mountGroup.getByRole('button', { name: 'Connect microk8s:mount-observe' }).click();
    await expect(page.getByTestId('toast-success')).toContainText('Connected microk8s:mount-observe');
    const row = parseConnections(demoSnap('connections', 'microk8s')).find((c) => c.plug?.name === 'mount-observe');
    expect(row?.slot).not.toBeNull();
    // The same group is now resolved: its denials are all from before the connect.
    await expect(page.getByTestId('denial-group').filter({ hasText: '/mounts' }).first().getByTestId('denial-answer')).toHaveAttribute('data-kind', 'resolved');
    // Put the host back for the other tests.
    demoSnap('disconnect', 'microk8s:mount-observe');
  });

  test('the filters live in the address: a reload or a shared link shows the same view', async ({ page }) => {
    await page.goto('/denials');
    // A choice made before the page's script runs is the browser's alone: choose until the address has it.
    const choose = async (label: string, param: string, value: string) =>
      expect(async () => {
        const field = page.getByLabel(label, { exact: true });
        if (label === 'Snap') await field.fill(value);
        else await field.selectOption(value);
        expect(new URL(page.url()).searchParams.get(param)).toBe(value);
      }).toPass({ timeout: 15_000 });
    await choose('Kind', 'kind', 'apparmor');
    await choose('Time', 'range', '7d');
    await choose('Order', 'order', 'noisiest');
    await choose('Snap', 'snap', 'microk8s');
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ kind: 'apparmor', range: '7d', order: 'noisiest', snap: 'microk8s' });
    await expect(page.getByTestId('denial-group').first()).toBeVisible();

    // a new page opened on that link: the same filters, and only microk8s's AppArmor groups
    const shared = await page.context().newPage();
    await shared.goto(url.pathname + url.search);
    await expect(shared.getByLabel('Kind', { exact: true })).toHaveValue('apparmor');
    await expect(shared.getByLabel('Time', { exact: true })).toHaveValue('7d');
    await expect(shared.getByLabel('Order', { exact: true })).toHaveValue('noisiest');
    await expect(shared.getByLabel('Snap', { exact: true })).toHaveValue('microk8s');
    await expect(shared.getByTestId('denial-group').first()).toBeVisible();
    for (const group of await shared.getByTestId('denial-group').all()) {
      await expect(group).toHaveAttribute('data-kind', 'apparmor');
      await expect(group).toHaveAttribute('data-snap', 'microk8s');
    }
    // the default view leaves the address bare; a value the page does not know is ignored
    await shared.goto('/denials?kind=nonsense&range=3y');
    await expect(shared.getByLabel('Kind', { exact: true })).toHaveValue('');
    await expect(shared.getByLabel('Time', { exact: true })).toHaveValue('24h');
    await shared.close();
  });

  test('a known-noise group can be muted: hidden, audited, shown on request, and unmuted', async ({ page }) => {
    // one snap's groups, all on the page at once
    await page.goto('/denials?range=all');
    const snap = await page.locator('[data-testid="denial-group"]:not([data-snap=""])').first().getAttribute('data-snap');
    expect(snap).toBeTruthy();
    await page.goto(`/denials?range=all&snap=${snap}`);
    const group = page.getByTestId('denial-group').first();
    const what = (await group.locator('span.font-mono').first().innerText()).trim();
    const groupsBefore = await page.getByTestId('denial-group').count();
    const muteButton = page.getByRole('button', { name: `Mute ${what}`, exact: true });
    await untilInteractive(page);
    await muteButton.click();
    await expect(page.getByTestId('denial-group')).toHaveCount(groupsBefore - 1);
    const mutedRow = page.getByTestId('denial-group').filter({ has: page.getByRole('button', { name: `Unmute ${what}`, exact: true }) });
    await expect(page.getByTestId('show-muted')).toBeVisible();
    await page.getByTestId('show-muted').check();
    await expect(mutedRow).toHaveCount(1);
    await expect(mutedRow).toHaveAttribute('data-muted', 'true');
    await expectAccessible(page);
    // the Activity page has it, as every change of what the dashboard shows
    await page.goto('/activity');
    await expect(page.getByTestId('activity-table')).toContainText('denial.mute');
    // and back: Unmute, and the group is there without "show muted"
    await page.goto(`/denials?range=all&snap=${snap}&muted=1`);
    // the mutes are read by the page's script: the Unmute button is there once it runs
    const unmuteButton = page.getByRole('button', { name: `Unmute ${what}`, exact: true });
    await expect(unmuteButton).toBeVisible();
    await unmuteButton.click();
    await expect(muteButton).toBeVisible();
    await expect(page.getByTestId('show-muted')).toHaveCount(0);
    await page.goto(`/denials?range=all&snap=${snap}`);
    await expect(page.getByTestId('denial-group')).toHaveCount(groupsBefore);
  });

  test('a log line carrying HTML is shown as text, never run', async ({ page }) => {
    let dialog = false;
    page.on('dialog', async (d) => {
      dialog = true;
      await d.dismiss();
    });
    await page.goto('/denials');
    const evil = 'audit: type=1400 audit(1700000000.123:42): apparmor="DENIED" operation="open" class="file" profile="snap.microk8s.daemon-kubelite" name="/tmp/<img src=x onerror=alert(1)>" pid=1234 comm="kubelite" requested_mask="r" denied_mask="r" fsuid=0 ouid=0';
    await page.getByLabel('Log text').fill(evil);
    await page.getByRole('button', { name: 'Analyse' }).click();
    const result = page.getByTestId('pasted-result');
    await expect(result).toContainText('/tmp/<img src=x onerror=alert(1)>');
    await expect(result.locator('img')).toHaveCount(0);
    await page.waitForTimeout(500);
    expect(dialog).toBe(false);
  });
});
