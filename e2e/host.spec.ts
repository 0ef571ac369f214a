import { test, expect } from '@playwright/test';
import { apiGet, demoHostname, login } from './support';

// With several nodes open in several tabs, an admin must never wonder which host a button acts on.
test.describe('the host, named everywhere', () => {
  test.beforeEach(async ({ page }) => {
    await login(page);
  });

  test('the hostname is in the header, the page title and /api/system', async ({ page }) => {
    const hostname = demoHostname();
    expect(hostname).toMatch(/^[a-z0-9][a-z0-9.-]*$/);
    await page.goto('/snaps/microk8s');
    await expect(page.getByTestId('host-name')).toHaveText(`Host: ${hostname}`);
    await expect(page).toHaveTitle(`microk8s · ${hostname} · Confinement Dashboard`);
    await page.goto('/');
    await expect(page).toHaveTitle(`Overview · ${hostname} · Confinement Dashboard`);
    await expect(page.getByTestId('system-hostname')).toHaveText(hostname);
    const system = await apiGet(page, '/api/system');
    expect(await system.json()).toMatchObject({ hostname, hostId: 'demo', mode: 'demo' });
  });

  test('/denials carries its data in the server HTML: no loading state on first paint', async ({ page }) => {
    const res = await page.request.get('/denials');
    expect(res.status()).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('Reading the kernel log');
    expect(html).toContain('data-testid="denial-group"');
    // The fallback is keyed as the view asks: with the number, not a client reference.
    expect(html).toContain('/api/denials?range=24h\\u0026limit=150');
    expect(html).not.toContain('Attempted to call');
  });
});
