/**
 * A refresh that adds plugs, on the real snapd: `lab-refresh` is installed as revision x1
 * (plugs network, home), then as x2 from another file (plugs network, network-observe,
 * mount-observe; home dropped). snapd keeps x1 disabled and mounted; network-observe and
 * mount-observe do not auto-connect. The snap page must name the change that installed x2
 * (id and summary as `snap changes lab-refresh` prints them), list the new plugs as not
 * connected, and its one action must connect them (witness: `snap connections`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { parseChanges, parseConnections } from '../../../lib/snap/parse';
import { collectPageErrors, login, settleServerReadCache, snap, snapRun } from './support';

const NAME = 'lab-refresh';

function pack(dir: string, version: string, plugs: string[]): string {
  const src = path.join(dir, `src-${version}`);
  fs.mkdirSync(path.join(src, 'meta'), { recursive: true });
  fs.writeFileSync(
    path.join(src, 'meta', 'snap.yaml'),
    [`name: ${NAME}`, `version: "${version}"`, 'summary: A snap refreshed to a revision with more plugs (browser-phase fixture)', 'description: Two revisions that differ in their plugs.', 'grade: stable', 'confinement: strict', 'base: core22', 'plugs:', ...plugs.map((p) => `  ${p}: null`), ''].join('\n'),
  );
  snap('pack', src, dir);
  return path.join(dir, `${NAME}_${version}_all.snap`);
}

function connectedPlugs(): string[] {
  return parseConnections(snap('connections', NAME))
    .filter((c) => c.plug?.snap === NAME && c.slot)
    .map((c) => c.plug!.name)
    .sort();
}

test.describe.configure({ mode: 'serial' });

test.describe('a refresh that adds plugs', () => {
  let pageErrors: string[] = [];
  test.beforeAll(async () => {
    if (snapRun('list', NAME).code === 0) snap('remove', '--purge', NAME);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-refresh-'));
    try {
      snap('install', '--dangerous', pack(dir, '1.0', ['network', 'home']));
      snap('install', '--dangerous', pack(dir, '2.0', ['network', 'network-observe', 'mount-observe']));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    await settleServerReadCache();
  });
  test.afterAll(async () => {
    if (snapRun('list', NAME).code === 0) snap('remove', '--purge', NAME);
    await settleServerReadCache();
  });
  test.beforeEach(async ({ page }) => {
    pageErrors = collectPageErrors(page);
    await login(page, '');
  });
  test.afterEach(() => {
    expect(pageErrors, 'uncaught exceptions in the page').toEqual([]);
  });

  test('the snap page names the refresh and the new unconnected plugs; one action connects them', async ({ page }) => {
    test.setTimeout(120_000);
    // the witnesses: snapd keeps x1 disabled, and the last change of the snap installed x2
    expect(snap('list', '--all', NAME)).toMatch(/^lab-refresh\s+1\.0\s+x1\s.*disabled/m);
    const changes = parseChanges(snap('changes', '--abs-time', NAME));
    const last = changes[changes.length - 1]!;
    expect(last.summary).toMatch(/^Install "lab-refresh" snap from file/);
    expect(connectedPlugs()).not.toContain('network-observe');

    await page.goto(`/snaps/${NAME}`);
    const card = page.getByTestId(`revision-change-${NAME}`);
    await expect(card.getByTestId('revision-summary')).toContainText(`New revision installed from a file: revision x1 (1.0) → x2 (2.0) · snapd change ${last.id}`);
    await expect(card.getByTestId('new-plug-network-observe')).toHaveAttribute('data-connected', 'false');
    await expect(card.getByTestId('new-plug-mount-observe')).toHaveAttribute('data-connected', 'false');
    await expect(card).toContainText('Plug home (home) removed');
    const action = card.getByTestId(`connect-new-plugs-${NAME}`);
    await expect(action.getByTestId('batch-commands-connect')).toContainText('snap connect lab-refresh:mount-observe');
    await expect(action.getByTestId('batch-commands-connect')).toContainText('snap connect lab-refresh:network-observe');

    await page.goto('/');
    await expect(page.getByTestId('overview-refreshes').getByTestId(`revision-change-${NAME}`)).toBeVisible();

    await page.goto(`/snaps/${NAME}`);
    await page.getByTestId(`connect-new-plugs-${NAME}`).getByRole('button', { name: 'Connect selected (2)' }).click();
    await expect(page.getByTestId('job')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    expect(connectedPlugs()).toEqual(expect.arrayContaining(['mount-observe', 'network-observe']));
    await expect(page.getByTestId(`revision-change-${NAME}`).getByTestId('new-plug-network-observe')).toHaveAttribute('data-connected', 'true', { timeout: 30_000 });
  });
});
