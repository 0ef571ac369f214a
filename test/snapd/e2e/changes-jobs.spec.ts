/**
 * snapd's own history and server-side jobs against the REAL snapd (server as root):
 * a connect made with the CLI appears on the Changes page with its tasks, and a
 * Connect-all-required job of three connects leaves `snap connections` agreeing.
 * Witness: the real `snap` CLI run directly. Restores the lab's connections at the end.
 */
import { test, expect, type Page } from '@playwright/test';
import { STRICT_REQUIRED_PLUGS } from '../../../lib/microk8s/required';
import { parseTasks } from '../../../lib/snap/changes-parse';
import { collectPageErrors, connectedSlots, ensureDisconnected, lastChangeId, login, settleServerReadCache, snap, snapRun } from './support';

async function api(page: Page, method: 'GET' | 'POST', url: string, data?: unknown) {
  const key = await page.evaluate(() => window.localStorage.getItem('confinement-dashboard.request-key'));
  // A state-changing request must come from the dashboard's own origin, as the page's would.
  const headers = { 'x-csrf-token': key ?? '', origin: new URL(page.url()).origin, 'content-type': 'application/json' };
  return method === 'GET' ? page.request.get(url, { headers }) : page.request.post(url, { headers, data });
}

test.describe('Changes page and jobs against the real snapd', () => {
  let pageErrors: string[] = [];
  /** The required plugs connected when the lab came up: put back as they were. */
  let initiallyConnected: string[] = [];
  test.beforeAll(() => {
    initiallyConnected = STRICT_REQUIRED_PLUGS.filter((p) => connectedSlots('microk8s', p).length > 0);
  });
  test.afterAll(async () => {
    await ensureDisconnected('microk8s', ...STRICT_REQUIRED_PLUGS.filter((p) => !initiallyConnected.includes(p)));
  });
  test.beforeEach(async ({ page }) => {
    pageErrors = collectPageErrors(page);
    await login(page, '');
  });
  test.afterEach(() => {
    expect(pageErrors, 'uncaught exceptions in the page').toEqual([]);
  });

  test('a connect made with the CLI appears on the Changes page, with the tasks `snap tasks` lists', async ({ page }) => {
    await ensureDisconnected('microk8s', 'network-observe');
    snap('connect', 'microk8s:network-observe');
    const id = String(lastChangeId());
    const row = snap('changes').split('\n').find((l) => l.split(/\s+/)[0] === id);
    expect(row).toMatch(/Connect microk8s:network-observe to snapd:network-observe$/);
    await settleServerReadCache();

    await page.goto('/changes');
    const listed = page.getByTestId(`change-${id}`);
    await expect(listed).toContainText('Connect microk8s:network-observe to snapd:network-observe');
    await expect(listed).toContainText('Done');
    // Every change the CLI lists is on the page.
    const ids = snap('changes').split('\n').slice(1).map((l) => l.split(/\s+/)[0]).filter((x) => /^\d+$/.test(x ?? ''));
    await expect(page.getByTestId('changes-table').locator('tbody tr')).toHaveCount(ids.length);

    await listed.getByRole('link', { name: `Tasks of change ${id}` }).click();
    const tasks = parseTasks(snap('tasks', '--abs-time', id));
    expect(tasks.length).toBeGreaterThan(0);
    const panel = page.getByTestId('change-tasks');
    for (const t of tasks) await expect(panel).toContainText(t.summary);
    await ensureDisconnected('microk8s', 'network-observe');
  });

  test('Connect all required as a job of three connects: the CLI agrees, each change id is real', async ({ page }) => {
    // Bring the lab to "all required connected but three" with the CLI, as an admin would.
    for (const p of STRICT_REQUIRED_PLUGS) {
      if (connectedSlots('microk8s', p).length) continue;
      const r = snapRun('connect', `microk8s:${p}`);
      expect(r.code, `snap connect microk8s:${p}: ${r.stderr}`).toBe(0);
    }
    const three = ['network-observe', 'mount-observe', 'system-observe'];
    for (const p of three) snap('disconnect', `microk8s:${p}`);
    await settleServerReadCache();

    const res = await api(page, 'POST', '/api/jobs', { kind: 'connect-required', snap: 'microk8s' });
    expect(res.status()).toBe(202);
    const { id } = (await res.json()) as { id: string };
    let job = (await (await api(page, 'GET', `/api/jobs/${id}`)).json()) as { state: string; steps: { plug: string; state: string; changeId: string | null }[] };
    expect(job.steps.map((s) => s.plug)).toEqual(three.map((p) => `microk8s:${p}`).sort((a, b) => STRICT_REQUIRED_PLUGS.indexOf(a.slice(9)) - STRICT_REQUIRED_PLUGS.indexOf(b.slice(9))));
    for (const end = Date.now() + 60_000; Date.now() < end && !['done', 'failed', 'cancelled'].includes(job.state); ) {
      await new Promise((r) => setTimeout(r, 250));
      job = (await (await api(page, 'GET', `/api/jobs/${id}`)).json()) as typeof job;
    }
    expect(job.state).toBe('done');
    const changes = snap('changes');
    for (const s of job.steps) {
      expect(s.state).toBe('done');
      const name = s.plug.slice('microk8s:'.length);
      expect(connectedSlots('microk8s', name), name).toEqual([`:${name}`]);
      expect(changes.split('\n').find((l) => l.split(/\s+/)[0] === s.changeId)).toMatch(new RegExp(`\\sDone\\s.*Connect microk8s:${name} to snapd:${name}$`));
    }
    // The page shows the finished job on Activity.
    await page.goto('/activity');
    await expect(page.getByTestId(`job-${id}`)).toHaveAttribute('data-state', 'done');
  });
});
