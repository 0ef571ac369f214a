import { test, expect, type Page } from '@playwright/test';
import http from 'node:http';
import { DASHBOARD_URL, demoSnap, login, requestKey, slotExtraPort } from './support';

// The review's F1 and F3 set-up: "another local web app" on another port of 127.0.0.1 —
// a snap's web UI, a dev server — that the admin visits in the same browser. Browsers send
// it the dashboard's cookie (cookies are not port-scoped), and its pages run with its own
// origin, from which they can set cookies for 127.0.0.1.
const dashboard = DASHBOARD_URL;
const otherPort = slotExtraPort(3);
const other = `http://127.0.0.1:${otherPort}`;
const received: string[] = [];
let app: http.Server;

test.beforeAll(async () => {
  app = http.createServer((req, res) => {
    received.push(req.headers.cookie ?? '');
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>another app</title><p>another local app</p>');
  });
  await new Promise<void>((resolve) => app.listen(otherPort, '127.0.0.1', resolve));
});
test.afterAll(() => new Promise<void>((resolve) => app.close(() => resolve())));

/** Every document the page loads from now on (reloads and redirects included; in-page URL changes are not loads). */
function documentLoads(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => {
    if (r.isNavigationRequest() && r.frame() === page.mainFrame()) urls.push(r.url());
  });
  return urls;
}

function stolenCookie(): string {
  const header = received.findLast((c) => c.includes('cd_session='));
  const m = header ? /(?:^|;\s*)(cd_session=[^;]+)/.exec(header) : null;
  if (!m?.[1]) throw new Error(`the other app received no session cookie: ${JSON.stringify(received)}`);
  return m[1];
}

test('a session cookie another local app receives is useless on its own (F1)', async ({ page }) => {
  await login(page);
  const key = await requestKey(page);
  // The admin visits the other app: the browser hands it the dashboard's cookie, as the review saw.
  const visit = await page.context().newPage();
  await visit.goto(`${other}/anything`);
  const cookie = stolenCookie();
  // …but the other origin cannot read the dashboard's storage, where the request key lives.
  expect(await visit.evaluate(() => window.localStorage.getItem('confinement-dashboard.request-key'))).toBeNull();

  // The thief, without a browser, forging Origin and fetch metadata at will:
  const forged = { cookie, origin: dashboard, 'sec-fetch-site': 'same-origin' };
  const session = await fetch(`${dashboard}/api/auth/session`, { headers: forged });
  expect(session.status).toBe(403);
  expect(await session.text()).not.toContain(key);
  expect((await fetch(`${dashboard}/api/snaps`, { headers: forged })).status).toBe(403);
  // Pages render for the cookie (read-only first paint), but the key is not in them.
  const html = await (await fetch(`${dashboard}/`, { headers: forged })).text();
  expect(html).toContain('Overview');
  expect(html).not.toContain(key);
  // The review's change: connect microk8s:mount-observe. Refused, and the host is unchanged.
  const before = demoSnap('connections', 'microk8s');
  const change = await fetch(`${dashboard}/api/connections`, {
    method: 'POST',
    headers: { ...forged, 'content-type': 'application/json', 'x-csrf-token': 'guessed'.padEnd(43, 'x') },
    body: JSON.stringify({ plug: 'microk8s:mount-observe' }),
  });
  expect(change.status).toBe(403);
  expect(demoSnap('connections', 'microk8s')).toBe(before);

  // The admin's own tab still works, with the cookie and the key together.
  const ok = await page.request.get(`${dashboard}/api/system`, { headers: { 'x-csrf-token': key } });
  expect(ok.status()).toBe(200);
  await visit.close();
});

test('a cookie tossed onto /api from another port neither breaks the API nor loops the page (F3)', async ({ page }) => {
  await login(page);
  const toss = await page.context().newPage();
  await toss.goto(`${other}/toss`);
  await toss.evaluate(() => {
    document.cookie = 'cd_session=junk; path=/api';
  });
  await toss.close();
  expect((await page.context().cookies(`${dashboard}/api/system`)).filter((c) => c.name === 'cd_session')).toHaveLength(2);

  const loads = documentLoads(page);
  await page.goto(`${dashboard}/denials`);
  await expect(page.getByRole('heading', { name: 'Recent denials' })).toBeVisible();
  await expect(page.getByTestId('denial-total')).toBeVisible(); // the API answered
  await page.waitForTimeout(5_000); // the page polls: any 401 would show now
  expect(loads).toEqual([`${dashboard}/denials`]); // the review measured 70 reloads in 10 s
  expect(page.url()).toBe(`${dashboard}/denials`);
});

test('when the session ends under an open page, it goes to the login page once and says why (F3)', async ({ page }) => {
  await login(page);
  await page.goto(`${dashboard}/denials`);
  await expect(page.getByTestId('denial-total')).toBeVisible();
  const loads = documentLoads(page);
  // The session ends elsewhere (another tab logs out): the page's next poll gets 401.
  const out = await page.request.post(`${dashboard}/api/auth/logout`, {
    headers: { 'x-csrf-token': await requestKey(page), origin: dashboard, 'content-type': 'application/json' },
    data: {},
  });
  expect(out.status()).toBe(200);
  // It says why, and where to come back to after the login (the page that was open).
  await expect(page).toHaveURL(/\/login\?reason=session&next=%2Fdenials$/, { timeout: 20_000 });
  await expect(page.getByTestId('login-reason')).toContainText('Your session has ended');
  await page.waitForTimeout(3_000);
  expect(loads).toEqual([`${dashboard}/login?reason=session&next=%2Fdenials`]);
});
