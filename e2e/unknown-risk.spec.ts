import { test, expect } from '@playwright/test';
import { demoSnap, login } from './support';

// Interfaces the dashboard has no explanation of show snapd's own summary and "unknown risk" on a
// snap's page, never a made-up "medium risk" (review problem 10). The witness for the summary is
// the host's own `snap interface NAME`.
function snapdSummary(iface: string): string {
  const line = demoSnap('interface', iface).split('\n').find((l) => l.startsWith('summary:'));
  if (!line) throw new Error(`snap interface ${iface} printed no summary`);
  return line.slice('summary:'.length).trim();
}

const sentence = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? '' : '.'}`;

for (const [snap, slot, iface] of [
  // an app's own slot (firefox is an MPRIS player)
  ['firefox', 'mpris', 'mpris'],
  // one of snapd's implicit slots, as in the review's screenshot 57
  ['snapd', 'accounts-service', 'accounts-service'],
] as const) {
  test(`${snap}'s ${iface} slot: snapd's summary and "unknown risk"`, async ({ page }) => {
    const summary = snapdSummary(iface);
    expect(summary.length).toBeGreaterThan(10);
    await login(page);
    await page.goto(`/snaps/${snap}`);
    const row = page.getByTestId(`slot-${slot}`);
    await expect(row).toContainText(`snapd's summary: ${sentence(summary)}`);
    await expect(row).toContainText('unknown risk');
    await expect(row).not.toContainText('medium risk');
    await expect(row).not.toContainText('snapd gives no description');
  });
}

// The plug side: acme-agent (the demo's local devmode tool) plugs udisks2, which the dashboard does not explain.
test(`acme-agent's udisks2 plug: snapd's summary and "unknown risk"`, async ({ page }) => {
  // the witness that the host declares it: `snap connections acme-agent` lists the plug
  expect(demoSnap('connections', 'acme-agent')).toMatch(/^udisks2 +acme-agent:udisks2 /m);
  const summary = snapdSummary('udisks2');
  expect(summary.length).toBeGreaterThan(10);
  await login(page);
  await page.goto('/snaps/acme-agent');
  const row = page.getByTestId('plug-udisks2');
  await expect(row).toContainText(`snapd's summary: ${sentence(summary)}`);
  await expect(row).toContainText('unknown risk');
  await expect(row).not.toContainText('medium risk');
  await expect(row).not.toContainText('snapd gives no description');

  // nothing says it is safe to connect: the dashboard asks first, and a No sends nothing
  const before = demoSnap('connections', 'acme-agent');
  await row.getByRole('button', { name: 'Connect acme-agent:udisks2' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connect acme-agent:udisks2?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('unknown risk');
  await expect(dialog).toContainText(`snapd's summary: ${sentence(summary)}`);
  await expect(dialog).toContainText('sudo snap connect acme-agent:udisks2');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(demoSnap('connections', 'acme-agent')).toBe(before);
});
