import { test, expect } from '@playwright/test';
import { apiGet, demoSnap, expectAccessible, login } from './support';
import { parseConnections, parseSnapList } from '../lib/snap/parse';
import { STRICT_REQUIRED_PLUGS } from '../lib/microk8s/required';
import { plugCounts } from '../test/support/plug-counts';
import { READ_CACHE_TTL_MS } from '../lib/host/command-cache';

test.describe('the Overview at a glance (review problem 14)', () => {
  test.beforeEach(async ({ page }) => {
    await login(page);
  });

  test('the worst snaps first, every unconnected plug counted, MicroK8s and denials cards that agree with the host', async ({ page }) => {
    // Make sure MicroK8s is blocked on one required plug, as a node after a refresh would be.
    const before = parseConnections(demoSnap('connections', 'microk8s'));
    const homeConnected = before.some((c) => c.plug?.name === 'home' && c.slot !== null);
    if (homeConnected) demoSnap('disconnect', 'microk8s:home');
    // And an admin disabled htop, also behind the server's back: a deliberately disabled snap,
    // which must come after the blocked MicroK8s although "htop" sorts before "microk8s".
    const htopWasActive = !/\bdisabled\b/.test(demoSnap('list', 'htop').split('\n')[1] ?? '');
    if (htopWasActive) expect(demoSnap('disable', 'htop')).toBe('htop disabled\n');
    try {
      // The disconnect went behind the server's back: let its read cache (a page load just before may
      // have filled it) expire, or the page shows the state from before until its next poll, 10 s on.
      await page.waitForTimeout(READ_CACHE_TTL_MS + 500);
      await page.goto('/');
      // The witness: the host's own snap list says which snaps are not healthy.
      const notes = Object.fromEntries(parseSnapList(demoSnap('list')).map((s) => [s.name, s.notes]));
      expect(notes.microk8s).toContain('blocked');
      expect(notes.htop).toContain('disabled');
      const list = page.getByTestId('unhealthy-list');
      await expect(list.locator('> li')).toHaveCount(2);
      await expect(list.locator('> li').nth(0)).toHaveAttribute('data-testid', 'unhealthy-microk8s');
      await expect(list.locator('> li').nth(0)).toContainText('blocked');
      await expect(list.locator('> li').nth(1)).toHaveAttribute('data-testid', 'unhealthy-htop');
      await expect(list.locator('> li').nth(1)).toContainText('disabled: its apps and services do not run');

      // MicroK8s: the required count, not every unconnected plug, and a Fix that lands on the required list.
      const rows = parseConnections(demoSnap('connections', 'microk8s'));
      const connected = STRICT_REQUIRED_PLUGS.filter((p) => rows.some((c) => c.plug?.snap === 'microk8s' && c.plug.name === p && c.slot !== null));
      const missing = STRICT_REQUIRED_PLUGS.length - connected.length;
      await expect(page.getByTestId('unhealthy-microk8s')).toContainText(`${missing} of ${STRICT_REQUIRED_PLUGS.length} required interfaces not connected`);
      await expect(page.getByTestId('overview-microk8s-required')).toContainText(`${connected.length} of ${STRICT_REQUIRED_PLUGS.length} required interfaces connected`);
      await expect(page.getByTestId('overview-microk8s-running')).toHaveText('not running');

      // Plugs: the headline is the sum of every snap's unconnected plugs; the list plus "N more" covers them all.
      const counts = plugCounts(parseConnections(demoSnap('connections', '--all')));
      const per = [...counts.values()].map((c) => c.declared - c.connected).filter((n) => n > 0);
      const total = per.reduce((a, b) => a + b, 0);
      await expect(page.getByTestId('count-unconnected-plugs')).toHaveText(String(total));
      const shown = await page.getByTestId('unconnected-list').locator('li:not([data-testid="unconnected-more"])').count();
      // the premise: the simulated host has more snaps with unconnected plugs than the card lists
      expect(per.length).toBeGreaterThan(6);
      expect(shown).toBe(6);
      const restPlugs = per.sort((a, b) => b - a).slice(6).reduce((a, b) => a + b, 0);
      const more = per.length - 6;
      await expect(page.getByTestId('unconnected-more')).toContainText(`and ${more} more snap${more === 1 ? '' : 's'} with ${restPlugs} unconnected plug${restPlugs === 1 ? '' : 's'}`);

      // Denials: the same total as the Denials page's own answer for the last 24 hours.
      const report = (await (await apiGet(page, '/api/denials?range=24h&limit=1')).json()) as { total: number };
      await expect(page.getByTestId('overview-denials-total')).toHaveText(String(report.total));
      await expectAccessible(page);

      await page.getByTestId('overview-fix-microk8s').click();
      await expect(page).toHaveURL(/\/addons#required$/);
      await expect(page.locator('#required')).toBeInViewport();
    } finally {
      if (homeConnected) demoSnap('connect', 'microk8s:home');
      if (htopWasActive) demoSnap('enable', 'htop');
    }
  });
});
