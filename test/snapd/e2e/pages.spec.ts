/**
 * The Overview, Snaps and Snap (microk8s) pages show exactly what the real CLI says.
 * Witness: `snap list`, `snap version`, `snap debug confinement`, `snap connections --all`
 * and `snap connections microk8s`, run as root and parsed with the app's own lib/snap/parse.ts.
 */
import { test, expect } from '@playwright/test';
import { confinementOf, parseConnections, parseSnapList, parseSnapVersion } from '../../../lib/snap/parse';
import { collectPageErrors, login, snap } from './support';
import { plugCounts } from '../../support/plug-counts';

const CONFINEMENTS = ['strict', 'classic', 'devmode', 'jailmode'] as const;


test.describe('pages against the real snapd', () => {
  let pageErrors: string[] = [];
  test.beforeEach(async ({ page }) => {
    pageErrors = collectPageErrors(page);
    await login(page, '');
  });
  test.afterEach(() => {
    expect(pageErrors, 'uncaught exceptions in the page').toEqual([]);
  });

  test('Overview: counts per confinement, snapd version and system confinement are the CLI\'s', async ({ page }) => {
    const snaps = parseSnapList(snap('list'));
    expect(snaps.length).toBeGreaterThanOrEqual(8); // the lab's fixtures
    const version = parseSnapVersion(snap('version'));
    const confinement = snap('debug', 'confinement').trim();
    const counts = plugCounts(parseConnections(snap('connections', '--all')));
    const unconnected = [...counts.values()].reduce((n, c) => n + c.declared - c.connected, 0);

    await page.goto('/');
    await expect(page.getByTestId('count-installed')).toHaveText(String(snaps.length));
    for (const c of CONFINEMENTS) {
      await expect(page.getByTestId(`count-${c}`), `count-${c}`).toHaveText(String(snaps.filter((s) => confinementOf(s) === c).length));
    }
    // the lab has one of each but jailmode
    expect(snaps.filter((s) => confinementOf(s) === 'classic').map((s) => s.name)).toEqual(['lab-classic']);
    expect(snaps.filter((s) => confinementOf(s) === 'devmode').map((s) => s.name)).toEqual(['lab-devmode']);
    await expect(page.getByTestId('snapd-version')).toHaveText(version.snapd!);
    await expect(page.getByTestId('system-confinement')).toHaveText(confinement); // "partial": no AppArmor in the lab
    await expect(page.getByTestId('count-unconnected-plugs')).toHaveText(String(unconnected));
  });

  test('Snaps: every row of `snap list`, with its version, confinement, notes and plugs connected', async ({ page }) => {
    const snaps = parseSnapList(snap('list'));
    const counts = plugCounts(parseConnections(snap('connections', '--all')));

    await page.goto('/snaps');
    await expect(page.getByTestId('snaps-count')).toHaveText(`${snaps.length} of ${snaps.length} snaps`);
    const table = page.getByTestId('snaps-table');
    // header + one row per snap, and nothing else
    await expect(table.getByRole('row')).toHaveCount(snaps.length + 1);
    for (const s of snaps) {
      const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: s.name, exact: true }) });
      await expect(row, s.name).toHaveCount(1);
      const cells = row.getByRole('cell');
      await expect(cells.nth(0)).toHaveText(s.name);
      await expect(cells.nth(1), `${s.name} version`).toHaveText(s.version);
      await expect(cells.nth(2), `${s.name} revision`).toHaveText(s.revision);
      await expect(cells.nth(3), `${s.name} tracking`).toHaveText(s.tracking ?? '—'); // local installs track nothing
      await expect(cells.nth(4), `${s.name} confinement`).toHaveText(confinementOf(s)); // no health badge: no hooks here
      await expect(cells.nth(5), `${s.name} notes`).toHaveText(s.notes.length ? s.notes.join(', ') : '—');
      await expect(cells.nth(6), `${s.name} publisher`).toHaveText(s.publisher ?? '—'); // local installs: no publisher
      const c = counts.get(s.name) ?? { declared: 0, connected: 0 };
      await expect(cells.nth(7), `${s.name} plugs connected`).toHaveText(c.declared ? `${c.connected} / ${c.declared}` : '—');
    }
  });

  test('Snap microk8s: header, and every plug of `snap connections microk8s` with its connected state and slots', async ({ page }) => {
    const me = parseSnapList(snap('list', 'microk8s'))[0]!;
    const rows = parseConnections(snap('connections', 'microk8s'));
    const plugs = new Map<string, string[]>();
    for (const c of rows) {
      if (c.plug?.snap !== 'microk8s') continue;
      const slots = plugs.get(c.plug.name) ?? [];
      if (c.slot) slots.push(c.slot.snap === 'system' ? `:${c.slot.name}` : `${c.slot.snap}:${c.slot.name}`);
      plugs.set(c.plug.name, slots);
    }
    expect(plugs.size).toBeGreaterThan(20); // the real MicroK8s plug list
    expect([...plugs.values()].some((s) => s.length > 0)).toBe(true);
    expect([...plugs.values()].some((s) => s.length === 0)).toBe(true);

    await page.goto('/snaps/microk8s');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('microk8s');
    await expect(page.getByRole('heading', { level: 1 })).toContainText(confinementOf(me));
    await expect(page.getByText(`${me.version} · revision ${me.revision}`)).toBeVisible();

    const list = page.getByTestId('plug-list');
    await expect(list.locator(':scope > li')).toHaveCount(plugs.size);
    for (const [name, slots] of plugs) {
      const row = page.getByTestId(`plug-${name}`);
      await expect(row, name).toHaveAttribute('data-connected', String(slots.length > 0));
      if (slots.length === 0) {
        await expect(row.getByRole('button', { name: `Connect microk8s:${name}`, exact: true })).toBeVisible();
      }
      for (const slot of slots) {
        await expect(row.getByRole('button', { name: `Disconnect microk8s:${name} from ${slot}`, exact: true }), `${name} → ${slot}`).toBeVisible();
      }
      await expect(row.getByRole('button', { name: /^Disconnect / })).toHaveCount(slots.length);
    }
  });
});
