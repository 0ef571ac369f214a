import { test, expect } from '@playwright/test';
import { login, demoSnap, expectAccessible, apiGet } from './support';
import { parseSnapList } from '../lib/snap/parse';

test.describe('MicroK8s addons on the simulated host', () => {
  test.beforeEach(async ({ page }) => {
    await login(page);
  });

  test('classic-only addons stay listed with their reason, and the filters work', async ({ page }) => {
    await page.getByRole('link', { name: 'Addons', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'MicroK8s addons' })).toBeVisible();
    const table = page.getByTestId('addons-table');
    const cilium = page.getByTestId('addon-community-cilium');
    await expect(cilium).toContainText('classic only');
    await expect(cilium).toContainText('Not available under strict');
    // upstream's word and our reading are told apart, each with its sources
    await expect(page.getByTestId('reason-community-cilium')).toHaveAttribute('data-reason-source', 'upstream');
    await expect(cilium).toContainText('MicroK8s says:');
    await page.getByTestId('reason-community-cilium-basis').getByText(/Sources/).click();
    await expect(page.getByTestId('reason-community-cilium-basis').getByRole('link', { name: /Strict confinement/ })).toHaveAttribute('href', 'https://microk8s.io/docs/strict-confinement');
    const kubeOvn = page.getByTestId('addon-core-kube-ovn');
    await expect(page.getByTestId('reason-core-kube-ovn')).toHaveAttribute('data-reason-source', 'reading');
    await expect(kubeOvn).toContainText('MicroK8s states no reason: the flag came with commit caa11ff');
    await expect(kubeOvn).toContainText('Our reading of its enable script and manifests:');
    // the demo host is 1.31: its community repository has no amd (that arrived in 1.34)
    await expect(page.getByTestId('addon-community-amd')).toHaveCount(0);
    const total = Number((await page.getByTestId('addons-count').innerText()).match(/of (\d+)/)![1]);

    await page.getByLabel('Compatibility').selectOption('classic-only');
    const classicOnly = await table.locator('tbody tr').count();
    expect(classicOnly).toBeGreaterThanOrEqual(5);
    for (const name of ['community-cilium', 'community-multus', 'core-gpu']) await expect(page.getByTestId(`addon-${name}`)).toBeVisible();
    await expect(page.getByTestId('addon-core-dns')).toHaveCount(0);

    await page.getByLabel('Compatibility').selectOption('works');
    await expect(page.getByTestId('addons-count')).toHaveText(`${total - classicOnly} of ${total} addons`);
    await page.getByLabel('Repository').selectOption('core');
    await expect(page.getByTestId('addon-community-istio')).toHaveCount(0);
    await page.getByLabel('Search addons').fill('dns');
    await expect(page.getByTestId('addon-core-dns')).toBeVisible();
    await expectAccessible(page);
  });

  test('the release comparison shows only the differences between the release branches', async ({ page }) => {
    await page.goto('/addons');
    await page.getByTestId('compare-release').selectOption('1.28');
    const comparison = page.getByTestId('comparison');
    // 1.31 → 1.28 (branch tips): ondat is back; nvidia, falco, cloudnative-pg, ngrok, stunner and sriov-device-plugin are not there yet
    await expect(comparison.locator('dt')).toHaveText(['Only in 1.31', 'Only in 1.28', 'Confinement differs', 'Classic-only in 1.28']);
    const [only131, only128, changed] = [0, 1, 2].map((i) => comparison.locator('dd').nth(i));
    await expect(only131!).toHaveText('cloudnative-pg, falco, ngrok, nvidia, sriov-device-plugin, stunner');
    await expect(only128!).toHaveText('ondat');
    // The simulated host has its addon repositories installed: 1.31 is what they hold.
    await expect(page.getByTestId('comparison-source')).toContainText('1.31: the addon repositories installed on this host');
    await expect(changed!).toHaveText('none');
    await expectAccessible(page);
  });

  test('Connect all required asks first, runs as a server job that survives a reload, and turns MicroK8s from blocked to running', async ({ page }) => {
    // 19 connects that each take a moment (DEMO_SNAP_WATCH_MS), then two addon jobs.
    test.setTimeout(240_000);
    expect(parseSnapList(demoSnap('list', 'microk8s')).find((s) => s.name === 'microk8s')?.notes).toContain('blocked');
    await page.goto('/addons');
    await expect(page.getByTestId('microk8s-running')).toHaveText('not running');
    await page.getByRole('button', { name: /Connect all required/ }).click();

    // The confirmation: what each grants, grouped by risk, and the exact commands.
    const dialog = page.getByRole('dialog', { name: /Connect 19 required interfaces/ });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('confirm-group-critical')).toContainText('microk8s:kubernetes-support');
    await expect(dialog.getByTestId('confirm-group-critical')).toContainText('microk8s:docker-privileged');
    await expect(dialog.getByTestId('confirm-commands')).toContainText('sudo snap connect microk8s:k8s-kubelet :kubernetes-support');
    expect((await dialog.getByTestId('confirm-commands').innerText()).trim().split('\n')).toHaveLength(19);
    await expect(dialog.getByRole('button', { name: 'Copy commands' })).toBeVisible();
    await expectAccessible(page);
    // Cancel sends nothing.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect((await (await apiGet(page, '/api/jobs')).json()).jobs.filter((j: { kind: string }) => j.kind === 'connect-required')).toHaveLength(0);

    await page.getByRole('button', { name: /Connect all required/ }).click();
    await page.getByTestId('confirm-ok').click();
    const job = page.getByTestId('connect-all-job').getByTestId('job');
    await expect(job).toHaveAttribute('data-state', 'running');
    // The server has it: its steps while it runs.
    const [listed] = (await (await apiGet(page, '/api/jobs?scope=host')).json()).jobs;
    expect(listed).toMatchObject({ kind: 'connect-required', state: 'running' });
    expect(listed.steps).toHaveLength(19);
    // A reload in the middle: the page finds the job again and keeps showing its progress.
    await page.reload();
    await expect(page.getByTestId('connect-all-job').getByTestId('job')).toBeVisible();
    await expect(page.getByTestId('connect-all-job').getByTestId('job')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(page.getByTestId('required-summary')).toHaveText('23 of 23 connected.');
    await expect(page.getByTestId('microk8s-running')).toHaveText('running');
    expect(parseSnapList(demoSnap('list', 'microk8s')).find((s) => s.name === 'microk8s')?.notes).not.toContain('blocked');
    const finished = (await (await apiGet(page, `/api/jobs/${listed.id}`)).json());
    expect(finished.steps.every((s: { state: string; changeId: string | null }) => s.state === 'done' && /^\d+$/.test(s.changeId ?? ''))).toBe(true);
    // Enabled addons now come live from microk8s status.
    await expect(page.getByTestId('addon-core-dns')).toContainText('enabled');
    // A classic-only addon is never "disabled": it is not available here.
    await expect(page.getByTestId('addon-community-cilium').getByTestId('addon-state')).toHaveText('not available (strict)');
    await expect(page.getByTestId('addon-community-cilium').getByRole('button')).toHaveCount(0);
    await expect(page.getByTestId('classic-advice')).toContainText('sudo snap install microk8s --classic --channel=1.31/stable');
    await expect(page.getByTestId('classic-advice')).toContainText('sudo snap remove microk8s');
    await expectAccessible(page);

    // Disable dns as a job: its output comes to the page while it runs.
    await page.getByRole('button', { name: 'Disable core/dns' }).click();
    const addonJob = page.getByTestId('addon-job');
    await expect(addonJob.getByTestId('job-output')).toContainText('Disabling DNS');
    await expect(addonJob.getByTestId('job')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(addonJob.getByTestId('job-output')).toContainText('DNS is disabled');
    await expect(page.getByTestId('addon-core-dns')).toContainText('disabled');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Enable core/dns' }).click();
    await expect(page.getByTestId('addon-job').getByTestId('job-output')).toContainText('DNS is enabled', { timeout: 60_000 });
    await expect(page.getByTestId('addon-core-dns')).toContainText('enabled');

    // Every connection went through the audited connect path.
    await page.getByRole('link', { name: 'Activity', exact: true }).click();
    await expect(page.getByTestId('activity-table').getByText('interface.connect').first()).toBeVisible();
    expect(await page.getByTestId('activity-table').getByText('interface.connect').count()).toBeGreaterThanOrEqual(19);
    // The finished job is listed there too.
    await expect(page.getByTestId(`job-${listed.id}`)).toHaveAttribute('data-state', 'done');
    await expectAccessible(page);

  });

  // Put the host back for the other tests, also after a failure above.
  test.afterAll(() => {
    for (const plug of ['account-control', 'docker-privileged', 'dot-kube', 'dot-config-helm', 'firewall-control', 'hardware-observe', 'home-read-all', 'k8s-journald', 'k8s-kubelet', 'k8s-kubeproxy', 'kernel-module-observe', 'kubernetes-support', 'log-observe', 'login-session-observe', 'mount-observe', 'network-control', 'network-observe', 'process-control', 'system-observe']) {
      demoSnap('disconnect', `microk8s:${plug}`);
    }
  });

  test('the login page passes an accessibility scan too', async ({ browser }) => {
    const page = await (await browser.newContext()).newPage();
    await page.goto('/login');
    await expect(page.getByLabel('Admin token')).toBeVisible();
    await expectAccessible(page);
  });
});
