import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { demoSnap, login } from './support';
import { parseChanges, parseConnections } from '../lib/snap/parse';

const connected = (snap: string, plug: string) => parseConnections(demoSnap('connections', snap)).some((c) => c.plug?.name === plug && c.slot !== null);

test.describe('bulk actions, the refresh of htop, and the Activity export on the simulated host', () => {
  test.beforeEach(async ({ page }) => {
    await login(page);
  });

  test('select two plugs on the snap page and connect them as one job, then disconnect them the same way', async ({ page }) => {
    test.setTimeout(180_000);
    const plugs = ['kernel-module-observe', 'network-observe'];
    for (const p of plugs) expect(connected('microk8s', p), p).toBe(false);
    await page.goto('/snaps/microk8s');
    for (const p of plugs) await page.getByTestId(`select-plug-${p}`).check();
    const bar = page.getByTestId('plug-batch');
    // each with the one slot that fits, as the row's own Connect would send it
    await expect(bar.getByTestId('batch-commands-connect').locator('li')).toHaveText(['snap connect microk8s:kernel-module-observe :kernel-module-observe', 'snap connect microk8s:network-observe :network-observe']);
    await bar.getByRole('button', { name: 'Connect selected (2)' }).click();
    await expect(bar.getByTestId('job')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    for (const p of plugs) await expect(page.getByTestId(`plug-${p}`)).toHaveAttribute('data-connected', 'true');
    for (const p of plugs) expect(connected('microk8s', p), p).toBe(true);

    for (const p of plugs) await page.getByTestId(`select-plug-${p}`).check();
    await expect(bar.getByTestId('batch-commands-disconnect')).toContainText('snap disconnect microk8s:network-observe :network-observe');
    await bar.getByRole('button', { name: 'Disconnect selected (2)' }).click();
    await expect(bar.getByTestId('job')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    for (const p of plugs) await expect(page.getByTestId(`plug-${p}`)).toHaveAttribute('data-connected', 'false');
    for (const p of plugs) expect(connected('microk8s', p), p).toBe(false);
  });

  test("htop's refresh: the snap page and the Overview name it and the new plug; one action connects it", async ({ page }) => {
    test.setTimeout(180_000);
    const refresh = parseChanges(demoSnap('changes', 'htop')).find((c) => c.summary === 'Refresh "htop" snap')!;
    await page.goto('/');
    const onOverview = page.getByTestId('overview-refreshes').getByTestId('revision-change-htop');
    await expect(onOverview.getByTestId('revision-summary')).toContainText(`Refreshed: revision 4970 (3.4.0) → 5029 (3.4.1) · snapd change ${refresh.id}`);
    await page.goto('/snaps/htop');
    const card = page.getByTestId('revision-change-htop');
    await expect(card.getByTestId('new-plug-mount-observe')).toHaveAttribute('data-connected', 'false');
    await card.getByRole('button', { name: 'Connect selected (1)' }).click();
    await expect(card.getByTestId('job')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(card.getByTestId('new-plug-mount-observe')).toHaveAttribute('data-connected', 'true');
    expect(connected('htop', 'mount-observe')).toBe(true);
    await page.getByTestId('plug-mount-observe').getByRole('button', { name: /^Disconnect htop:mount-observe/ }).click();
    await expect(page.getByTestId('plug-mount-observe')).toHaveAttribute('data-connected', 'false');
  });

  test('Activity exports what it shows as CSV and JSON', async ({ page }) => {
    await page.goto('/activity');
    await expect(page.getByTestId('activity-table').locator('tbody tr').first()).toBeVisible(); // the connects above
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/^audit-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.csv$/);
    const csv = fs.readFileSync((await csvDownload.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('"time","host","action","target","result","changeId","error","clientAddress","sessionId","details"');
    expect(csv).toContain('"interface.connect","htop:mount-observe","ok"'); // the refresh test's connect

    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    const body = JSON.parse(fs.readFileSync((await jsonDownload.path())!, 'utf8')) as { entries: { target: string }[] };
    expect(body.entries.map((e) => e.target)).toContain('htop:mount-observe');
  });
});
