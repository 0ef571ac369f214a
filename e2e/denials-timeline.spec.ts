import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { login } from './support';
import type { DenialsResponse } from '../lib/contracts/denials';

// The Denials timeline (review problem 12): dates on the axis, the right edge labelled "now", a count
// scale, the noisiest snaps in colour. Expected values come from the answer the page itself received
// (the data), worked out here, never from the component's constants.
const HOST_ZONE = 'Europe/Berlin'; // DEMO_TZ of the demo host (playwright.config.ts)
test.use({ locale: 'en-GB', timezoneId: 'America/New_York' });

function hostClock(iso: string, format: string): string {
  return execFileSync('date', ['-d', `@${Math.floor(Date.parse(iso) / 1000)}`, format], { env: { ...process.env, TZ: HOST_ZONE, LC_ALL: 'C' }, encoding: 'utf8' }).trim();
}

/** The newest answer of GET /api/denials the page got (it polls every few seconds). */
function latestAnswer(page: Page): () => DenialsResponse | null {
  let latest: DenialsResponse | null = null;
  page.on('response', async (res) => {
    const url = new URL(res.url());
    if (url.pathname !== '/api/denials' || url.searchParams.get('range') !== '24h' || url.searchParams.has('snap') || res.status() !== 200) return;
    latest = (await res.json().catch(() => null)) as DenialsResponse | null;
  });
  return () => latest;
}

/** 0 for grey, up to 1 for a pure colour (HSL saturation of `rgb(r, g, b)`). */
function saturation(css: string): number {
  const [r, g, b] = (css.match(/\d+/g) ?? []).slice(0, 3).map((n) => Number(n) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  return max === min ? 0 : (max - min) / (1 - Math.abs(2 * l - 1));
}

function hexToRgb(hex: string): string {
  const n = parseInt(hex.replace('#', ''), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

test('the timeline: dated axis in host time, "now" at the right edge, a count scale, the noisiest snaps in colour', async ({ page }) => {
  // the first read of a fresh server's demo journal takes a while on a busy machine
  test.setTimeout(120_000);
  await login(page);
  const answer = latestAnswer(page);
  await page.goto('/denials');
  const figure = page.locator('figure').filter({ has: page.getByTestId('timeline-max') });
  await expect(figure).toBeVisible();

  await expect(async () => {
    const data = answer();
    expect(data?.timeline).toBeTruthy();
    const tl = data!.timeline!;

    // the axis: its first tick is where the data starts, each tick a date and a time on the host's clock
    const ticks = figure.getByTestId('timeline-tick');
    expect(await ticks.count()).toBeGreaterThanOrEqual(2);
    expect(await ticks.first().getAttribute('data-at')).toBe(tl.start);
    for (const tick of await ticks.all()) {
      const at = (await tick.getAttribute('data-at'))!;
      expect(await tick.textContent()).toBe(hostClock(at, '+%-d %b, %H:%M'));
    }

    // the count scale: the busiest interval's total, and how long an interval is
    const totals = Array.from({ length: tl.buckets }, (_, i) => tl.series.reduce((n, s) => n + (s.counts[i] ?? 0), 0));
    const scale = /^(\d+) per (\d+) min$/.exec((await figure.getByTestId('timeline-max').textContent()) ?? '');
    expect(scale, 'the scale reads "N per M min"').not.toBeNull();
    expect(Number(scale![1])).toBe(Math.max(...totals));
    // a range starts on a whole minute, so its buckets are a second or so longer than the round figure
    expect(Math.abs(Number(scale![2]) * 60_000 - tl.bucketMs)).toBeLessThanOrEqual(tl.bucketMs * 0.01);
  }).toPass({ timeout: 20_000 });

  // the right edge says "now": its label ends where the chart ends
  const svg = await figure.locator('svg').boundingBox();
  const now = await figure.getByTestId('timeline-now').boundingBox();
  await expect(figure.getByTestId('timeline-now')).toHaveText('now');
  expect(Math.abs(now!.x + now!.width - (svg!.x + svg!.width))).toBeLessThan(3);
  const firstTick = await figure.getByTestId('timeline-tick').first().boundingBox();
  expect(firstTick!.x).toBeLessThan(svg!.x + 3);

  // colour: the legend lists the snaps noisiest first; the noisiest have colours of their own,
  // and their bars are drawn in them
  await expect(async () => {
    const tl = answer()!.timeline!;
    const sum = (c: number[]) => c.reduce((a, b) => a + b, 0);
    const noisiest = [...tl.series].sort((a, b) => sum(b.counts) - sum(a.counts)).map((s) => s.snap);
    const items = figure.getByTestId('timeline-legend-item');
    const names = (await items.allTextContents()).map((t) => t.trim());
    const top = noisiest.slice(0, Math.min(3, noisiest.length));
    expect(top.length).toBeGreaterThan(0);
    expect(names.slice(0, top.length)).toEqual(top);
    const colours: string[] = [];
    for (let k = 0; k < top.length; k++) {
      const colour = await items.nth(k).getByTestId('timeline-swatch').evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(saturation(colour), `${top[k]} is drawn in colour, not grey (${colour})`).toBeGreaterThan(0.4);
      colours.push(colour);
      const bar = figure.locator('rect').filter({ has: page.locator('title', { hasText: new RegExp(`^${top[k]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\d+ at `) }) }).first();
      expect(hexToRgb((await bar.getAttribute('fill'))!)).toBe(colour);
    }
    expect(new Set(colours).size).toBe(colours.length);
  }).toPass({ timeout: 20_000 });
});
