import { test, expect } from '@playwright/test';
import { login, demoSnap, expectAccessible, TOKEN } from './support';
import { parseTasks } from '../lib/snap/changes-parse';
import { parseServices } from '../lib/snap/services-parse';

test.describe("snapd's history, services, 404 pages and ended sessions", () => {
  test.beforeEach(async ({ page }) => {
    await login(page);
  });

  test('the Changes page lists what `snap changes` lists, a connect made with the CLI included, with its tasks', async ({ page }) => {
    demoSnap('connect', 'microk8s:cifs-mount');
    const last = demoSnap('changes', '--abs-time').trim().split('\n').at(-1)!;
    const id = last.split(/\s+/)[0]!;
    expect(last).toMatch(/Connect microk8s:cifs-mount to snapd:cifs-mount$/);
    await page.getByRole('link', { name: 'Changes', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Changes' })).toBeVisible();
    await expect(page.getByTestId(`change-${id}`)).toContainText('Connect microk8s:cifs-mount to snapd:cifs-mount');
    const count = demoSnap('changes').trim().split('\n').length - 1;
    await expect(page.getByTestId('changes-table').locator('tbody tr')).toHaveCount(count);
    await page.getByRole('link', { name: `Tasks of change ${id}` }).click();
    await expect(page).toHaveURL(new RegExp(`/changes\\?id=${id}$`));
    for (const t of parseTasks(demoSnap('tasks', '--abs-time', id))) await expect(page.getByTestId('change-tasks')).toContainText(t.summary);
    await expectAccessible(page);

    // Activity links the connect's change id to that page.
    await page.goto('/snaps/microk8s');
    await page.getByTestId('plug-cifs-mount').getByRole('button', { name: /Disconnect microk8s:cifs-mount/ }).click();
    await expect(page.getByTestId('toast-success')).toContainText('Disconnected microk8s:cifs-mount');
    await page.goto('/activity');
    const link = page.getByTestId('activity-table').getByRole('link', { name: /snapd change \d+/ }).first();
    const changeId = (await link.innerText()).trim();
    await link.click();
    await expect(page.getByTestId('change-tasks')).toContainText(`Change ${changeId}`);
    await expect(page.getByTestId('change-tasks')).toContainText('Disconnect microk8s:cifs-mount');
  });

  test('the snap page shows `snap services` of MicroK8s', async ({ page }) => {
    const services = parseServices(demoSnap('services', 'microk8s'));
    expect(services.length).toBe(8);
    await page.goto('/snaps/microk8s');
    const list = page.getByTestId('services-list');
    for (const s of services) {
      await expect(list.getByTestId(`service-${s.name}`)).toHaveAttribute('data-active', String(s.active));
      await expect(list.getByTestId(`service-${s.name}`)).toContainText(s.enabled ? 'starts at boot' : 'disabled');
    }
    await expect(page.getByTestId('services-summary')).toHaveText(`${services.filter((s) => s.active).length} of 8 active. The same as snap services microk8s.`);
    await expectAccessible(page);
    // A snap without services shows no such card.
    expect(demoSnap('services', 'firefox')).toBe('');
    await page.goto('/snaps/firefox');
    await expect(page.getByRole('heading', { name: 'Plugs' })).toBeVisible();
    await expect(page.getByTestId('services-list')).toHaveCount(0);
  });

  test('a blocked snap shows the health message it set, as snapd holds it', async ({ page }) => {
    // Make the state known: every required plug but home connected, so strict MicroK8s names exactly that one.
    const required = demoSnap('connections', 'microk8s');
    const wasConnected = !/^home\s+microk8s:home\s+-\s/m.test(required);
    if (wasConnected) demoSnap('disconnect', 'microk8s:home');
    const answer = JSON.parse(demoSnap('debug', 'api', '/v2/snaps/microk8s')) as { result: { health: { status: string; message: string } } };
    expect(answer.result.health.status).toBe('blocked');
    const message = answer.result.health.message;
    expect(message).toMatch(/^You must connect .*\bhome\b.* before proceeding$/);
    await expect(async () => {
      await page.goto('/snaps/microk8s');
      await expect(page.getByTestId('snap-health-message')).toHaveText(message, { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await expect(page.getByTestId('snap-health')).toContainText('The snap reports itself blocked');
    await expectAccessible(page);
    if (wasConnected) demoSnap('connect', 'microk8s:home');
  });

  test('an unknown snap, interface or page answers 404 inside the app frame', async ({ page }) => {
    for (const url of ['/snaps/does-not-exist', '/interfaces/nope', '/no/such/page', '/hosts/node-2/snaps/does-not-exist']) {
      const res = await page.goto(url);
      expect(res?.status(), url).toBe(404);
      await expect(page.getByTestId('not-found')).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    }
    await expectAccessible(page);
    expect((await page.goto('/snaps/microk8s'))?.status()).toBe(200);
  });

  test('a session that ended during an action says nothing was changed, and the login returns to the same page', async ({ page, context }) => {
    await page.goto('/snaps/microk8s');
    const before = demoSnap('connections', 'microk8s');
    // The page's background reads would meet the ended session first (and go to the login page
    // with reason=session): hold them back, so that the Connect is what finds it ended.
    await page.route('**/api/**', (route) => (route.request().method() === 'GET' ? route.abort() : route.continue()));
    await context.clearCookies();
    await page.getByTestId('plug-cifs-mount').getByRole('button', { name: 'Connect microk8s:cifs-mount' }).click();
    await expect(page).toHaveURL(/\/login\?reason=action&next=%2Fsnaps%2Fmicrok8s$/);
    await page.unroute('**/api/**');
    await expect(page.getByTestId('login-reason')).toHaveText(/Your session ended; nothing was changed/);
    expect(demoSnap('connections', 'microk8s')).toBe(before);
    await page.getByLabel('Admin token').fill(TOKEN);
    await page.getByRole('button', { name: /log in/i }).click();
    await expect(page).toHaveURL(/\/snaps\/microk8s$/);
    await expect(page.getByTestId('plug-cifs-mount')).toBeVisible();
  });
});
