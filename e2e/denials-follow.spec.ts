import { test, expect } from '@playwright/test';
import { login, demoSnapOn, expectAccessible, UNPRIVILEGED_DEMO_STATE, UNPRIVILEGED_URL } from './support';
import { parseConnections } from '../lib/snap/parse';

/**
 * Live follow on the simulated host whose kernel logs denials every 3 s (the second server of
 * playwright.config.ts, DEMO_DENIAL_PERIOD_MS): each new denial is listed as it is logged, with its
 * answer; Pause holds the list while new ones wait; Resume shows them; Stop ends it.
 */
test.describe('live follow of denials', () => {
  test('lists new denials as they are logged, pauses without losing any, and stops', async ({ page }) => {
    test.setTimeout(120_000);
    await login(page, UNPRIVILEGED_URL);
    await page.goto(`${UNPRIVILEGED_URL}/denials`);
    await expect(page.getByTestId('denial-group').first()).toBeVisible();

    const panel = page.getByTestId('follow-panel');
    const started = Date.now();
    // the button works once the page's script runs: click until it has
    await expect(async () => {
      if (!(await panel.isVisible())) await page.getByTestId('follow-start').click({ timeout: 1_000 });
      await expect(panel).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 45_000 });
    await expect(panel).toHaveAttribute('data-state', 'following');
    expect(new URL(page.url()).searchParams.get('follow')).toBe('1');

    const events = page.getByTestId('follow-event');
    await expect(events.first()).toBeVisible({ timeout: 30_000 });
    await expectAccessible(page);

    // Only denials logged after following began (the kernel's own time of each, a second of slack).
    for (const time of await events.locator('summary time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')))) {
      expect(Date.parse(time!)).toBeGreaterThanOrEqual(started - 1_000);
    }
    // A "connect" verdict names a plug that the host's own `snap connections` shows unconnected.
    const connectVerdicts = await events.locator('[data-testid="follow-verdict"]').filter({ hasText: /^fix: connect / }).allInnerTexts();
    for (const text of connectVerdicts) {
      const [snap, plug] = /fix: connect ([a-z0-9-]+):([a-z0-9-]+)/.exec(text)!.slice(1);
      const row = parseConnections(demoSnapOn(UNPRIVILEGED_DEMO_STATE, 'connections', snap!)).find((r) => r.plug?.snap === snap && r.plug?.name === plug);
      expect(row, `${snap}:${plug} is a plug of ${snap}`).toBeDefined();
      expect(row!.slot, `${snap}:${plug} is unconnected`).toBeNull();
    }

    // Pause: the list holds still while what arrives is counted as waiting, so a line can be read.
    await page.getByTestId('follow-pause').click();
    await expect(panel).toHaveAttribute('data-state', 'paused');
    const listed = await events.count();
    // Expanded: the full answer, as in the list below.
    await events.first().locator('summary').first().click();
    await expect(events.first().getByTestId('denial-answer')).toBeVisible();
    await expect(page.getByTestId('follow-waiting')).not.toHaveText(/^0 new/, { timeout: 30_000 });
    expect(await events.count()).toBe(listed);
    const waiting = Number(/^(\d+)/.exec(await page.getByTestId('follow-waiting').innerText())![1]);
    expect(waiting).toBeGreaterThan(0);

    // Resume: nothing that waited is lost.
    await page.getByTestId('follow-resume').click();
    await expect(panel).toHaveAttribute('data-state', 'following');
    expect(await events.count()).toBeGreaterThanOrEqual(listed + waiting);

    // Stop: back to the button, and out of the address.
    await page.getByTestId('follow-stop').click();
    await expect(page.getByTestId('follow-start')).toBeVisible();
    await expect(events).toHaveCount(0);
    expect(new URL(page.url()).searchParams.get('follow')).toBeNull();
  });

  test('a snap filter follows that snap only', async ({ page }) => {
    test.setTimeout(120_000);
    await login(page, UNPRIVILEGED_URL);
    // microk8s logs most of the simulated host's denials
    await page.goto(`${UNPRIVILEGED_URL}/denials?snap=microk8s&follow=1`);
    const events = page.getByTestId('follow-event');
    await expect(events.first()).toBeVisible({ timeout: 60_000 });
    for (const snap of await events.evaluateAll((es) => es.map((e) => e.getAttribute('data-snap')))) expect(snap).toBe('microk8s');
  });
});
