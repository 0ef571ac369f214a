/**
 * snapd goes away in the middle of a session (the lab's supervisor, which stands in for
 * snapd.socket + snapd.service, is stopped the way outage.test.ts does it) and comes back.
 * Every page says "snapd is not reachable" (role=alert) instead of failing: no blank page,
 * no stack trace, no uncaught exception. When snapd is back, the open pages recover by
 * themselves (SWR's polling and error retries): no reload, we only wait for the content.
 *
 * KNOWN ISSUE (README "Known issues", 3): while the error lasts, SWR stops polling and
 * retries with exponential back-off (errorRetryInterval 3 s doubled per failure, up to
 * 3 s × 256 × 1.5), so a page left open through a longer outage can take minutes, not
 * "seconds", to notice that snapd is back. The test pins that (see `backedOff`).
 */
import { test, expect, type Page } from '@playwright/test';
import { parseSnapList } from '../../../lib/snap/parse';
import { collectPageErrors, labDaemon, login, snap, snapdSocketExists } from './support';

const PAGES = [
  { path: '/', heading: 'Overview' },
  { path: '/snaps', heading: 'Snaps' },
  { path: '/snaps/microk8s', heading: null }, // without data the snap page has its back link and the problem
  { path: '/interfaces', heading: 'Interfaces' },
] as const;

/** What a page must never show: a blank page, Next's crash screen, a stack trace. */
async function expectNoCrash(page: Page, where: string) {
  const text = await page.locator('body').innerText();
  expect(text.trim().length, `${where}: blank page`).toBeGreaterThan(0);
  expect(text, `${where}: Next's error screen`).not.toMatch(/Application error|Internal Server Error|This page couldn.t load|Unhandled Runtime Error/i);
  expect(text, `${where}: a stack trace`).not.toMatch(/^\s*at .+:\d+:\d+\)?$/m);
  expect(text, `${where}: a stack trace`).not.toMatch(/\b(TypeError|ReferenceError|SyntaxError): /);
}

/** The problem box of a page: role=alert with the title for code snapd-unreachable. */
function unreachable(page: Page) {
  return page.getByRole('alert').filter({ hasText: 'snapd is not reachable' });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

test.describe('snapd stopped in the middle of a session, then started again', () => {
  test.afterAll(() => {
    // whatever happened above, leave a running daemon behind
    if (!snapdSocketExists()) labDaemon('start');
  });

  test('every page says "snapd is not reachable" while it is down, and the open pages recover by themselves when it is back', async ({ browser }, testInfo) => {
    test.setTimeout(240_000);
    const installed = parseSnapList(snap('list')).length;
    const context = await browser.newContext();
    const timings: string[] = [];

    // Tab A: the Overview, open before the outage and never reloaded.
    const a = await context.newPage();
    const aErrors = collectPageErrors(a);
    const aSnapsRequests: number[] = [];
    a.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/snaps') aSnapsRequests.push(Date.now());
    });
    await login(a, '');
    await expect(a.getByTestId('count-installed')).toHaveText(String(installed));
    await expect(unreachable(a)).toHaveCount(0);

    labDaemon('stop');
    expect(snapdSocketExists()).toBe(false);
    const stoppedAt = Date.now();

    await test.step('the open Overview notices at its next poll, without a reload', async () => {
      await expect(unreachable(a)).toBeVisible({ timeout: 30_000 });
      timings.push(`the open Overview showed the problem ${seconds(Date.now() - stoppedAt)} after snapd stopped`);
      await expect(unreachable(a)).toContainText('cannot communicate with server');
      await expect(a.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
      await expect(a.getByTestId('count-installed')).toHaveText(String(installed)); // the last known numbers stay
      await expectNoCrash(a, 'open Overview');
    });

    // KNOWN ISSUE 3: wait until the open page has gone more than 10.5 s without asking again
    // (its poll interval is 10 s). A fixed app never does; then this wait ends after 45 s.
    const backedOff = await test.step('KNOWN ISSUE: while snapd stays down, the open page asks less and less often', async () => {
      const deadline = Date.now() + 45_000;
      while (Date.now() < deadline) {
        const last = aSnapsRequests[aSnapsRequests.length - 1] ?? 0;
        if (Date.now() - last > 10_500) {
          const gaps = aSnapsRequests.filter((t) => t >= stoppedAt).map((t, i, all) => (i ? seconds(t - all[i - 1]!) : null)).filter(Boolean);
          timings.push(`the open Overview's /api/snaps requests during the outage were ${gaps.join(', ')} apart, and then none for more than 10.5 s`);
          return true;
        }
        await a.waitForTimeout(250);
      }
      return false;
    });

    // Tab B: every page, loaded while snapd is down
    const b = await context.newPage();
    const bErrors = collectPageErrors(b);
    await test.step('every page loaded while snapd is down shows the problem in the app shell', async () => {
      for (const p of PAGES) {
        const response = await b.goto(p.path);
        expect(response?.status(), `${p.path}: HTTP status of the page`).toBe(200);
        await expect(unreachable(b), p.path).toBeVisible();
        await expect(unreachable(b), p.path).toContainText('cannot communicate with server');
        if (p.heading) await expect(b.getByRole('heading', { name: p.heading, level: 1 }), p.path).toBeVisible();
        else await expect(b.getByRole('link', { name: 'All snaps' }), p.path).toBeVisible();
        await expect(b.getByRole('navigation', { name: 'Main' }), `${p.path}: the app shell`).toBeVisible();
        await expectNoCrash(b, p.path);
      }
      // and the API says why, typed
      const api = await b.request.get('/api/snaps');
      expect(api.status()).toBe(502);
      expect((await api.json()) as unknown).toMatchObject({ error: { code: 'snapd-unreachable' } });
    });

    labDaemon('start');
    const startedAt = Date.now();
    timings.push(`snapd was down for ${seconds(startedAt - stoppedAt)}`);

    await test.step('snapd back: /interfaces, loaded during the outage, fills in by itself', async () => {
      await expect(b.getByTestId('interfaces-table').getByRole('link', { name: 'network', exact: true })).toBeVisible({ timeout: 20_000 });
      await expect(unreachable(b)).toHaveCount(0);
      timings.push(`/interfaces (loaded during the outage) recovered ${seconds(Date.now() - startedAt)} after snapd was back`);
    });

    await test.step('snapd back: the Overview, open through the whole outage, recovers by itself', async () => {
      await expect(unreachable(a)).toHaveCount(0, { timeout: 90_000 });
      await expect(a.getByTestId('count-installed')).toHaveText(String(installed));
      timings.push(`the Overview (open through the outage) recovered ${seconds(Date.now() - startedAt)} after snapd was back`);
    });

    expect([...aErrors, ...bErrors], 'uncaught exceptions in the pages').toEqual([]);
    testInfo.annotations.push({ type: 'timings', description: timings.join('; ') });
    console.log(`outage: ${timings.join('; ')}`);
    await context.close();
    expect(
      backedOff,
      'KNOWN ISSUE 3 seems fixed: the open page kept asking at least every 10.5 s through a 45-s outage. Turn this check around (test/snapd/README.md).',
    ).toBe(true);
  });
});
