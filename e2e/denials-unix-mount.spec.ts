import { test, expect } from '@playwright/test';
import { demoSnap, expectAccessible, login } from './support';
import { parseConnections, SYSTEM_SNAP } from '../lib/snap/parse';

/**
 * The unix-socket and mount advice (suggest-unix.ts, suggest-mount.ts) on the simulated host: multipass.gui is
 * refused the X server while its x11 and unity7 plugs are disconnected, and MicroK8s's containerd is refused the
 * umount of pods' network namespaces (demo/lib/kernel.js). The witness for plugs is the host's own
 * `snap connections`.
 */
const plugRow = (snap: string, plug: string) => parseConnections(demoSnap('connections', snap)).find((c) => c.plug?.snap === snap && c.plug.name === plug);

test.describe('unix socket and mount denials on the Denials page', () => {
  test.beforeEach(async ({ page }) => {
    await login(page);
  });

  test('the X11 socket group names the socket, the peer and the profile, and suggests x11 or unity7', async ({ page }) => {
    expect(plugRow('multipass', 'x11')?.slot).toBeNull();
    expect(plugRow('multipass', 'unity7')?.slot).toBeNull();
    await page.goto('/denials?snap=multipass');
    const group = page.getByTestId('denial-group').filter({ hasText: '@/tmp/.X11-unix/X0' });
    await expect(group).toHaveCount(1);
    await expect(group).toHaveAttribute('data-kind', 'apparmor');
    // the title: a unix stream socket, the operations, the X server's abstract address and its label
    await expect(group.locator('span.font-mono').first()).toHaveText('network unix stream (send, receive, connect) to @/tmp/.X11-unix/X0 peer unconfined');
    await expect(group).toContainText('profile snap.multipass.gui');
    await expect(group).toContainText('allowed by unity7, x11');
    const answer = group.getByTestId('denial-answer');
    await expect(answer).toHaveAttribute('data-kind', 'connect');
    await expect(answer).toContainText('multipass has unconnected plugs that each allow this: unity7 or x11 (one is enough).');
    await expect(answer.getByRole('button', { name: 'Connect multipass:unity7' })).toBeVisible();
    await expectAccessible(page);
  });

  test('one of the two is enough: connecting x11 alone turns the X11 group resolved', async ({ page }) => {
    expect(plugRow('multipass', 'x11')?.slot).toBeNull();
    await page.goto('/denials?snap=multipass');
    const answer = page.getByTestId('denial-group').filter({ hasText: '@/tmp/.X11-unix/X0' }).getByTestId('denial-answer');
    await expect(answer).toHaveAttribute('data-kind', 'connect');
    await expect(async () => {
      if (plugRow('multipass', 'x11')?.slot == null) await answer.getByRole('button', { name: 'Connect multipass:x11' }).click({ timeout: 2_000 });
      expect(plugRow('multipass', 'x11')?.slot).toEqual({ snap: SYSTEM_SNAP, name: 'x11' });
    }).toPass({ timeout: 20_000 });
    await expect(page.getByTestId('toast-success')).toContainText('Connected multipass:x11');
    expect(plugRow('multipass', 'unity7')?.slot).toBeNull();
    const resolved = page.getByTestId('denial-group').filter({ hasText: '@/tmp/.X11-unix/X0' }).getByTestId('denial-answer');
    await expect(resolved).toHaveAttribute('data-kind', 'resolved');
    await expect(resolved).toContainText('x11 was connected at');
    await expect(resolved).toContainText('no denial since');
    // Put the host back for the other tests: x11 disconnected again.
    demoSnap('disconnect', 'multipass:x11');
  });

  test('the umount group names the mount point and honestly offers network-control, with its warning', async ({ page }) => {
    expect(plugRow('microk8s', 'network-control')?.slot).toBeNull();
    await page.goto('/denials?snap=microk8s');
    const groups = page.getByTestId('denial-group').filter({ hasText: /umount \/run\/netns\/cni-/ });
    await expect(groups.first()).toBeVisible();
    for (const group of await groups.all()) {
      await expect(group.locator('span.font-mono').first()).toHaveText(/^umount \/run\/netns\/cni-[0-9a-f-]{36}$/);
      await expect(group).toContainText('profile snap.microk8s.daemon-containerd');
      const answer = group.getByTestId('denial-answer');
      await expect(answer).toHaveAttribute('data-kind', 'connect');
      await expect(answer).toContainText('microk8s has the unconnected plug network-control that allows this.');
      await expect(answer.getByTestId('broad-warning')).toContainText('network-control is high risk');
      await expect(answer.getByRole('button', { name: 'Connect microk8s:network-control' })).toBeVisible();
    }
  });
});
