import { test, expect } from '@playwright/test';
import { demoSnap, expectAccessible, login } from './support';
import { parseConnectionsApi } from '../lib/snap/attrs-parse';
import { parseConnections } from '../lib/snap/parse';

/**
 * A plug allows only the apps it is bound to. On the simulated host, MicroK8s's account-control is bound to its
 * `microk8s` and `reset` apps (as the lab's snapd reports), so the cluster agent's fsetid denial is one no plug of
 * that app allows: the page must not offer "Connect account-control". The witness is the host's own
 * `snap debug api /v2/connections`.
 */
// Connect all required (addons.spec.ts) may have connected MicroK8s's plugs before these tests run
const isConnected = (plug: string) => parseConnections(demoSnap('connections', 'microk8s')).some((c) => c.plug?.snap === 'microk8s' && c.plug.name === plug && c.slot !== null);
const boundApps = (plug: string) => parseConnectionsApi(demoSnap('debug', 'api', '/v2/connections?snap=microk8s&select=all')).plugs.find((p) => p.snap === 'microk8s' && p.name === plug)?.apps;

test.describe('plugs bound to other apps on the Denials page', () => {
  test.beforeEach(async ({ page }) => {
    await login(page);
  });

  test("the cluster agent's fsetid group: no Connect, the plug that is bound elsewhere named, the publisher told", async ({ page }) => {
    expect(boundApps('account-control')).toEqual(['microk8s', 'reset']);
    await page.goto('/denials?snap=microk8s');
    const group = page.getByTestId('denial-group').filter({ hasText: 'fsetid' }).filter({ hasText: 'snap.microk8s.daemon-cluster-agent' });
    await expect(group).toHaveCount(1);
    const answer = group.getByTestId('denial-answer');
    await expect(answer).toHaveAttribute('data-kind', 'no-plug');
    await expect(answer).toContainText(
      // each of them would (the kubelet flavor has kubernetes-support's capabilities); none reaches the cluster agent
      'microk8s has no plug bound to its app daemon-cluster-agent that allows this: account-control, k8s-kubelet and kubernetes-support would, but are bound to other apps, so connecting them does not help.',
    );
    const state = isConnected('account-control') ? 'connected' : 'not connected';
    await expect(answer).toContainText(`microk8s:account-control (account-control, ${state}) would allow this, but it is bound to apps microk8s, reset only, not to daemon-cluster-agent`);
    await expect(answer.getByRole('button', { name: /^Connect / })).toHaveCount(0);
    await expectAccessible(page);
  });

  test("a read by an app the plug is bound to is judged on that plug (microk8s's own syslog read)", async ({ page }) => {
    expect(boundApps('log-observe')).toEqual(['inspect', 'microk8s']);
    await page.goto('/denials?snap=microk8s');
    const group = page.getByTestId('denial-group').filter({ hasText: '/var/log/syslog' }).filter({ hasText: 'snap.microk8s.microk8s' });
    await expect(group).toHaveCount(1);
    const answer = group.getByTestId('denial-answer');
    if (isConnected('log-observe')) {
      // connected by Connect all required: the group is judged by when, never "no plug"
      await expect(answer).toHaveAttribute('data-kind', /^(resolved|already-connected)$/);
      await expect(answer).toContainText('log-observe');
    } else {
      await expect(answer).toHaveAttribute('data-kind', 'connect');
      await expect(answer.getByRole('button', { name: 'Connect microk8s:log-observe' })).toBeVisible();
    }
  });

  test("containerd's sched_setattr: docker-privileged is offered, and process-control named as bound to other apps", async ({ page }) => {
    expect(boundApps('process-control')).not.toContain('daemon-containerd');
    expect(boundApps('docker-privileged')).toContain('daemon-containerd');
    await page.goto('/denials?snap=microk8s');
    const answer = page.getByTestId('denial-group').filter({ hasText: 'sched_setattr' }).filter({ hasText: 'snap.microk8s.daemon-containerd' }).getByTestId('denial-answer');
    if (isConnected('docker-privileged')) {
      // connected by Connect all required: judged by when it was connected
      await expect(answer).toHaveAttribute('data-kind', /^(resolved|already-connected)$/);
      await expect(answer).toContainText('docker-privileged');
    } else {
      await expect(answer).toHaveAttribute('data-kind', 'connect');
      await expect(answer.getByRole('button', { name: 'Connect microk8s:docker-privileged' })).toBeVisible();
      await expect(answer.getByTestId('bound-elsewhere')).toHaveText('docker-unprivileged and process-control would too, but are bound to other apps than daemon-containerd.');
    }
  });
});
