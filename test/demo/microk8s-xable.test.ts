import { describe, expect, it } from 'vitest';
import { MICROK8S_REQUIRED, demo, readState, tempState } from './helpers';

/** demo/bin/microk8s enable|disable: the wrapper's own lines (common/utils.py xable) and the dns scripts. */
const FAST = { DEMO_MICROK8S_XABLE_MS: '0' };
const m8s = (state: string, ...args: string[]) => demo('microk8s', state, args, FAST);

async function running(): Promise<string> {
  const state = tempState();
  for (const plug of MICROK8S_REQUIRED) await demo('snap', state, ['connect', `microk8s:${plug}`]);
  return state;
}

describe('demo microk8s enable/disable', () => {
  it('refuses while MicroK8s is not running, and changes nothing', async () => {
    const state = tempState();
    await demo('snap', state, ['version']);
    const before = JSON.stringify(readState(state));
    const r = await m8s(state, 'disable', 'dns');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('microk8s is not running. Use microk8s inspect for a deeper inspection.\n');
    expect(JSON.stringify(readState(state))).toBe(before);
  });

  it('disables and enables dns with the lines of its scripts; status agrees', async () => {
    const state = await running();
    const off = await m8s(state, 'disable', 'dns');
    expect(off.code).toBe(0);
    expect(off.stderr).toBe('Infer repository core for addon dns\n');
    expect(off.stdout.split('\n')[0]).toBe('Disabling DNS');
    expect(off.stdout).toMatch(/DNS is disabled\n$/);
    expect((await m8s(state, 'status', '--addon', 'dns')).stdout).toBe('disabled\n');

    const on = await m8s(state, 'enable', 'core/dns');
    expect(on.code).toBe(0);
    // A qualified name: no "Infer repository" line.
    expect(on.stderr).toBe('');
    expect(on.stdout).toContain('Enabling DNS\n');
    expect(on.stdout).toContain('deployment.apps/coredns created\n');
    expect(on.stdout).toMatch(/DNS is enabled\n$/);
    expect((await m8s(state, 'status', '--addon', 'dns')).stdout).toBe('enabled\n');

    const again = await m8s(state, 'enable', 'dns');
    expect(again).toMatchObject({ code: 0, stdout: 'Addon core/dns is already enabled\n' });
  });

  it('does not find a classic-only addon on strict MicroK8s, nor an unknown one', async () => {
    const state = await running();
    expect(await m8s(state, 'enable', 'cilium')).toMatchObject({ code: 1, stderr: 'Addon cilium was not found in any repository\n' });
    expect(await m8s(state, 'enable', 'nope')).toMatchObject({ code: 1, stderr: 'Addon nope was not found in any repository\n' });
    const other = await m8s(state, 'enable', 'core/ingress');
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/does not simulate 'microk8s enable core\/ingress'/);
  });
});
