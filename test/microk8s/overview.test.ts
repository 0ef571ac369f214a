import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

// The Addons page's data, through the real host layer against the simulated host:
// live `microk8s status`, the host's addons.yaml, and the required interfaces.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-mk8s-'));
process.env.CONFINEMENT_DASHBOARD_STATE_DIR = path.join(tmp, 'state');
process.env.CONFINEMENT_DASHBOARD_HOST_MODE = 'demo';
process.env.CONFINEMENT_DASHBOARD_DEMO_STATE = path.join(tmp, 'demo.json');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
afterEach(() => {
  delete process.env.DEMO_MICROK8S_NO_PERMISSION;
});

const { microk8sOverview } = await import('@/lib/microk8s/queries');
const { currentHost } = await import('@/lib/host');
const host = currentHost();
const invalidateReads = () => host.invalidateReads();

function demoSnap(...args: string[]) {
  return execFileSync(process.execPath, [path.resolve('demo/bin/snap'), ...args], { env: { ...process.env, LC_ALL: 'C' }, encoding: 'utf8' });
}

describe('microk8sOverview', () => {
  it('a blocked strict MicroK8s: not running, 4 of 23 required connected, addons from the host repositories', async () => {
    const o = await microk8sOverview(host);
    expect(o.installed).toBe(true);
    expect(o.strict).toBe(true);
    expect(o.release).toBe('1.31');
    expect(o.snap?.health).toBe('blocked');
    expect(o.problem?.kind).toBe('not-running');
    expect(o.required).toHaveLength(23);
    expect(o.required.filter((r) => r.connected).map((r) => r.plug).sort()).toEqual(['home', 'network', 'network-bind', 'opengl']);
    expect(o.catalogSource).toBe('host');
    const cilium = o.addons.find((a) => a.name === 'cilium')!;
    expect(cilium).toMatchObject({ confinement: 'classic', available: false, enabled: null });
    expect(cilium.classicOnlyReason).toBeTruthy();
    expect(o.addons.find((a) => a.name === 'dns')).toMatchObject({ available: true, enabled: null });
  });

  it('once every required plug is connected: running, with the enabled addons from microk8s status', async () => {
    const o = await microk8sOverview(host);
    for (const r of o.required) if (!r.connected) demoSnap('connect', `microk8s:${r.plug}`);
    invalidateReads();
    const after = await microk8sOverview(host);
    expect(after.snap?.health).toBe('ok');
    expect(after.problem).toBeNull();
    expect(after.status?.running).toBe(true);
    expect(after.addons.find((a) => a.name === 'dns')?.enabled).toBe(true);
    expect(after.addons.find((a) => a.name === 'cilium')?.enabled).toBe(false);
  });

  it('without the snap_microk8s group: says exactly that and how to fix it', async () => {
    process.env.DEMO_MICROK8S_NO_PERMISSION = '1';
    invalidateReads();
    const o = await microk8sOverview(host);
    expect(o.problem).toMatchObject({ kind: 'insufficient-permissions', message: 'Insufficient permissions to access MicroK8s.' });
    expect(o.problem?.hint).toContain("'snap_microk8s' group");
    expect(o.problem?.hint).toContain('sudo usermod -a -G snap_microk8s');
    expect(o.status).toBeNull();
  });
});
