import { test, expect } from '@playwright/test';
import { login, demoSnap, expectAccessible } from './support';
import { parseConnections } from '../lib/snap/parse';

const connectedSlot = (plug: string) =>
  parseConnections(demoSnap('connections', 'microk8s')).find((c) => c.plug?.snap === 'microk8s' && c.plug.name === plug && c.slot !== null) ?? null;

test.describe('confirmations before risky connection changes (review problem 5)', () => {
  test.beforeEach(async ({ page }) => {
    await login(page);
    await page.goto('/snaps/microk8s');
  });

  test('plugs strict MicroK8s requires carry a "required" badge; the others do not', async ({ page }) => {
    await expect(page.getByTestId('plug-system-observe').getByText('required', { exact: true })).toBeVisible();
    await expect(page.getByTestId('plug-k8s-kubelet').getByText('required', { exact: true })).toBeVisible();
    await expect(page.getByTestId('plug-kernel-module-control').getByText('required', { exact: true })).toHaveCount(0);
    await expect(page.getByTestId('plug-cifs-mount').getByText('required', { exact: true })).toHaveCount(0);
  });

  test('disconnecting a required plug says MicroK8s will stop, with the exact command; Cancel changes nothing', async ({ page }) => {
    expect(connectedSlot('network')).not.toBeNull();
    await page.getByRole('button', { name: 'Disconnect microk8s:network from :network' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disconnect microk8s:network?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('MicroK8s will stop: blocked');
    await expect(dialog.getByTestId('confirm-commands')).toHaveText('sudo snap disconnect microk8s:network :network');
    await expect(dialog.getByRole('button', { name: 'Copy command' })).toBeVisible();
    // Focus starts on the safe choice.
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    expect(connectedSlot('network')).not.toBeNull();

    await page.getByRole('button', { name: 'Disconnect microk8s:network from :network' }).click();
    await page.getByRole('button', { name: 'Disconnect and block MicroK8s' }).click();
    await expect(page.getByTestId('toast-success')).toContainText('Disconnected microk8s:network :network');
    expect(connectedSlot('network')).toBeNull();
    demoSnap('connect', 'microk8s:network', ':network');
  });

  test('connecting a critical, super-privileged interface shows what it grants and the command; a low-risk one needs no question', async ({ page }) => {
    await page.getByRole('button', { name: 'Connect microk8s:kubernetes-support' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect microk8s:kubernetes-support?' });
    await expect(dialog).toContainText('critical risk');
    await expect(dialog).toContainText('super-privileged');
    await expect(dialog).toContainText('Run Kubernetes node services');
    await expect(dialog.getByTestId('confirm-commands')).toHaveText('sudo snap connect microk8s:kubernetes-support :kubernetes-support');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(connectedSlot('kubernetes-support')).toBeNull();

    // kernel-crypto-api is low risk: it connects at once.
    await page.getByTestId('plug-kernel-crypto-api').getByRole('button', { name: 'Connect microk8s:kernel-crypto-api' }).click();
    await expect(page.getByTestId('toast-success')).toContainText('Connected microk8s:kernel-crypto-api');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    expect(connectedSlot('kernel-crypto-api')).not.toBeNull();
    demoSnap('disconnect', 'microk8s:kernel-crypto-api');
  });
});
