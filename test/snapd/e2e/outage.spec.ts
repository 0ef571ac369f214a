/**
 * snapd goes away in the middle of a session (the lab's supervisor, which stands in for
 * snapd.socket + snapd.service, is stopped the way outage.test.ts does it) and comes back.
 * Every page says "snapd is not reachable" (role=alert) instead of failing: no blank page,
 * no stack trace, no uncaught exception. When snapd is back, the open pages recover by
 * themselves (SWR's polling and error retries): no reload, we only wait for the content.
 *
 * "Recover by themselves" is measured, not assumed: while snapd stays down the open page must
 * keep asking every few seconds (lib/hooks/use-api.ts retries every 3 s; SWR's default
 * exponential back-off, which this test caught, left a page open through a longer outage
 * blind for minutes), and both open pages must fill in within 10 s of snapd being back.
 */
import { test, expect, type Page } from '@playwright/test';
import { parseConnections, parseSnapList } from '../../../lib/snap/parse';
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
    test.setTimeout(150_000);
    const installed = parseSnapList(snap('list')).length;
    const firstInUse = [...new Set(parseConnections(snap('connections', '--all')).map((c) => c.interface))].sort()[0]!;
    const context = await browser.newContext();
    const timings: string[] = [];

    // Tab A: the Overview, open before the outage and never reloaded.
    const a = await context.newPage();
    const aErrors = collectPageErrors(a);
    // every answer tab A gets for /api/snaps: when, and the HTTP status
    const aSnaps: { at: number; status: number }[] = [];
    a.on('response', (r) => {
      if (new URL(r.url()).pathname === '/api/snaps') aSnaps.push({ at: Date.now(), status: r.status() });
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

    await test.step('while snapd stays down, the open page keeps asking every few seconds (no back-off)', async () => {
      // Five failed answers in a row, none more than 6 s after the previous one. (With SWR's
      // default back-off the gaps grow 3-6, 6-15, 12-33 s, ...: the third gap already fails.)
      const failed = () => aSnaps.filter((r) => r.at >= stoppedAt && r.status === 502).map((r) => r.at);
      const gaps = () => failed().map((t, i, all) => (i ? t - all[i - 1]! : 0)).slice(1);
      const deadline = Date.now() + 45_000;
      while (failed().length < 5 && Date.now() < deadline) {
        const last = failed().at(-1);
        const waiting = last === undefined ? 0 : Date.now() - last;
        expect(Math.max(waiting, ...gaps()), `gaps between the open Overview's failed requests: ${gaps().map(seconds).join(', ')}`).toBeLessThanOrEqual(6_000);
        await a.waitForTimeout(250);
      }
      expect(failed().length).toBeGreaterThanOrEqual(5);
      expect(Math.max(...gaps())).toBeLessThanOrEqual(6_000);
      timings.push(`while snapd was down the open Overview asked again after ${gaps().map(seconds).join(', ')}`);
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
      // As the page's own code asks: the cookie plus the request key the login left in localStorage.
      const key = await b.evaluate(() => window.localStorage.getItem('confinement-dashboard.request-key'));
      const api = await b.request.get('/api/snaps', { headers: { 'x-csrf-token': key ?? '' } });
      expect(api.status()).toBe(502);
      expect((await api.json()) as unknown).toMatchObject({ error: { code: 'snapd-unreachable' } });
    });

    labDaemon('start');
    const startedAt = Date.now();
    timings.push(`snapd was down for ${seconds(startedAt - stoppedAt)}`);

    await test.step('snapd back: /interfaces, loaded during the outage, fills in by itself within 10 s', async () => {
      // The table renders the rows in sight (virtualised): the alphabetically first interface in use is one of them.
      await expect(b.getByTestId('interfaces-table').getByRole('link', { name: firstInUse, exact: true })).toBeVisible({ timeout: 10_000 });
      await expect(unreachable(b)).toHaveCount(0);
      timings.push(`/interfaces (loaded during the outage) recovered ${seconds(Date.now() - startedAt)} after snapd was back`);
    });

    await test.step('snapd back: the Overview, open through the whole outage, recovers by itself within 10 s', async () => {
      await expect(unreachable(a)).toHaveCount(0, { timeout: 10_000 });
      await expect(a.getByTestId('count-installed')).toHaveText(String(installed));
      timings.push(`the Overview (open through the outage) recovered ${seconds(Date.now() - startedAt)} after snapd was back`);
    });

    expect([...aErrors, ...bErrors], 'uncaught exceptions in the pages').toEqual([]);
    testInfo.annotations.push({ type: 'timings', description: timings.join('; ') });
    console.log(`outage: ${timings.join('; ')}`);
    await context.close();
  });
});
