import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { demoHostname, login } from './support';

// The posture report, downloaded the way an admin does it: from the Overview, in both formats.
test.describe('posture report', () => {
  test.beforeEach(async ({ page }) => {
    await login(page);
  });

  test('downloads from the Overview as Markdown and as JSON, dated and signed with the hostname', async ({ page }) => {
    const hostname = demoHostname();
    await page.goto('/');

    const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Posture report' }).click()]);
    expect(md.suggestedFilename()).toMatch(new RegExp(`^confinement-posture-${hostname}-\\d{4}-\\d\\d-\\d\\dT[\\d-]+Z\\.md$`));
    const text = fs.readFileSync((await md.path())!, 'utf8');
    expect(text.split('\n')[0]).toBe(`# Snap confinement posture: ${hostname}`);
    expect(text).toContain('### Unconfined snaps');
    expect(text).toMatch(new RegExp(`\\nSigned: ${hostname} · \\d{4}-\\d\\d-\\d\\dT`));

    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'JSON', exact: true }).click()]);
    expect(json.suggestedFilename()).toMatch(/\.json$/);
    const report = JSON.parse(fs.readFileSync((await json.path())!, 'utf8')) as { signature: { hostnames: string[] }; hosts: { unconfined: unknown[] }[] };
    expect(report.signature.hostnames).toEqual([hostname]);
    expect(report.hosts[0]!.unconfined.length).toBeGreaterThan(0);
  });
});
