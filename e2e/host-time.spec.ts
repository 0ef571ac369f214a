import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { login } from './support';

// The demo host is in Berlin (DEMO_TZ in playwright.config.ts), this browser in Tokyo: the Denials
// page shows times as the host's journalctl prints them, labelled (review problem 13). The witness
// is coreutils' date in the host's zone, not the page's own formatter.
const HOST_ZONE = 'Europe/Berlin';
test.use({ timezoneId: 'Asia/Tokyo', locale: 'en-GB' });

function hostClock(iso: string, format: string): string {
  return execFileSync('date', ['-d', `@${Math.floor(Date.parse(iso) / 1000)}`, format], { env: { ...process.env, TZ: HOST_ZONE, LC_ALL: 'C' }, encoding: 'utf8' }).trim();
}

test('denial times, the timeline and "updated" are in the host zone, named, in a browser elsewhere', async ({ page }) => {
  await login(page);
  await page.goto('/denials');
  // the browser really is elsewhere
  expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('Asia/Tokyo');

  const last = page.getByTestId('denial-group').first().getByTestId('last-seen');
  await expect(last).toBeVisible();
  const at = (await last.getAttribute('datetime'))!;
  // "3 Dec 2026, 14:03:05 CET (host time)"
  await expect(last).toHaveText(`${hostClock(at, '+%-d %b %Y, %H:%M:%S')} ${hostClock(at, '+%Z')} (host time)`);

  const updated = page.getByTestId('denials-updated').locator('time');
  const generated = (await updated.getAttribute('datetime'))!;
  await expect(updated).toHaveText(`${hostClock(generated, '+%H:%M:%S %Z')} (host time)`);

  // the timeline says whose clock its axis is, and its first tick is the host's wall clock
  await expect(page.getByTestId('timeline-zone')).toHaveText(`times: ${hostClock(new Date().toISOString(), '+%Z')} (host time)`);
  const tick = page.getByTestId('timeline-tick').first();
  await expect(tick).toHaveText(hostClock((await tick.getAttribute('data-at'))!, '+%-d %b, %H:%M'));
});
