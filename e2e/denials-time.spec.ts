import { test, expect } from '@playwright/test';
import { login, demoSnap, apiGet } from './support';
import { parseChanges } from '../lib/snap/changes-parse';
import type { DenialsResponse } from '../lib/contracts/denials';

const KUBE = 'read /home/ubuntu/.kube/config';

test.describe('denials judged in time, plug attributes, pasted logs', () => {
  test.beforeEach(async ({ page }) => {
    await login(page);
  });

  test('connecting the plug a `connect` group suggests turns it `resolved`, with the connect time (page and API)', async ({ page }) => {
    await page.goto('/denials');
    await page.getByLabel('Time', { exact: true }).selectOption('all');
    const group = page.getByTestId('denial-group').filter({ hasText: KUBE }).first();
    await expect(group.getByTestId('denial-answer')).toHaveAttribute('data-kind', 'connect');
    // the personal-files plug that covers ~/.kube, not system-backup
    await expect(group.getByTestId('denial-answer')).toContainText('dot-kubernetes (covers $HOME/.kube)');
    await group.getByRole('button', { name: 'Connect juju:dot-kubernetes' }).click();
    // personal-files is super-privileged: the dashboard asks first, with the command.
    const dialog = page.getByRole('dialog', { name: 'Connect juju:dot-kubernetes?' });
    await expect(dialog).toContainText('sudo snap connect juju:dot-kubernetes');
    await dialog.getByTestId('confirm-ok').click();
    await expect(page.getByTestId('toast-success')).toContainText('Connected juju:dot-kubernetes');

    await expect(group.getByTestId('denial-answer')).toHaveAttribute('data-kind', 'resolved');
    await expect(group.getByTestId('resolved')).toContainText('no denial since');
    const shownAt = await group.getByTestId('connected-at').getAttribute('datetime');

    // the API says the same, and snapd's own change log is the witness for the time
    const res = await apiGet(page, '/api/denials?snap=juju&range=all');
    expect(res.status()).toBe(200);
    const body = (await res.json()) as DenialsResponse;
    const answer = body.groups.find((g) => g.what === KUBE)!.answer;
    expect(answer.kind).toBe('resolved');
    if (answer.kind !== 'resolved') return;
    const change = parseChanges(demoSnap('changes', '--abs-time')).filter((c) => c.summary === 'Connect juju:dot-kubernetes to snapd:personal-files').at(-1)!;
    expect(answer.connectedAt).toBe(new Date(change.ready!).toISOString());
    expect(shownAt).toBe(answer.connectedAt);

    // "Hide resolved" takes it off the list
    await page.getByTestId('hide-resolved').check();
    await expect(page.getByTestId('denial-group').filter({ hasText: KUBE })).toHaveCount(0);
    await page.getByTestId('hide-resolved').uncheck();

    // the snap page shows what the plug grants
    await page.goto('/snaps/juju');
    await expect(page.getByTestId('plug-dot-kubernetes').getByTestId('attrs')).toContainText('reads $HOME/.kube');
    await expect(page.getByTestId('plug-dot-aws').getByTestId('attrs')).toContainText('reads $HOME/.aws');
    // the content slot picker: the matching slot preselected, mismatched ones greyed out with the reason
    const picker = page.getByTestId('slot-picker-microk8s');
    await expect(picker).toHaveValue('microk8s:microk8s');
    await expect(picker.locator('option[disabled]').first()).toContainText('not allowed: its content is');

    demoSnap('disconnect', 'juju:dot-kubernetes');
  });

  test('a pasted log gets what the interfaces allow, no verdict on this host and no Connect button', async ({ page }) => {
    await page.goto('/denials');
    const text = [
      'Nov 20 09:12:01 otherhost kernel: audit: type=1400 audit(1763629921.000:5): apparmor="DENIED" operation="open" class="file" profile="snap.firefox.firefox" name="/dev/video0" pid=4242 comm="firefox" requested_mask="wr" denied_mask="wr" fsuid=1000 ouid=0',
      'Nov 20 09:12:02 otherhost kernel: audit: type=1400 audit(1763629922.000:6): apparmor="DENIED" operation="capable" class="cap" profile="snap.microk8s.daemon-kubelite" pid=4243 comm="kubelite" capability=12  capname="net_admin"',
      'Nov 20 09:12:03 otherhost systemd[1]: Started Session 4 of user ubuntu.',
    ].join('\n');
    await page.getByLabel('Log text').fill(text);
    await page.getByRole('button', { name: 'Analyse' }).click();
    const result = page.getByTestId('pasted-result');
    await expect(result.getByTestId('denial-group')).toHaveCount(2);
    const answers = result.getByTestId('denial-answer');
    for (let i = 0; i < 2; i++) await expect(answers.nth(i)).toHaveAttribute('data-kind', 'interfaces-only');
    await expect(result.getByRole('button', { name: /^Connect / })).toHaveCount(0);
    await expect(result).toContainText('camera');
    await expect(result.getByTestId('host-note').first()).toContainText('On this host');
    // the line that is not a denial is counted, not dropped silently
    await expect(result.getByTestId('unrecognised')).toContainText('1 of 3 lines not recognised');
  });
});
