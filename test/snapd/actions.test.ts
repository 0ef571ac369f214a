/**
 * changeConnection(host, ) (snap connect/disconnect --no-wait, then snap watch) as root against the
 * REAL daemon. Every effect is checked with the real `snap` CLI run directly and with the REST API.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { allChanges, connectionsRest, expectedRows, isConnected, restGet, snap, type RestChange } from './support/lab';

const { changeConnection, ActionFailed } = await import('@/lib/snap/actions');
const { currentHost } = await import('@/lib/host');
const host = currentHost();

const NETWORK_OBSERVE = { snap: 'microk8s', name: 'network-observe' };
const CONFIGURATION = { snap: 'microk8s', name: 'configuration' };
const PROVIDER = { snap: 'lab-config-provider', name: 'configuration' };

async function reset(): Promise<void> {
  // `snap disconnect PLUG` of a plug that is not connected prints "No connections to disconnect"
  // and exits 0; the two-sided form fails instead, so only disconnect what is connected.
  for (const plug of ['network-observe', 'configuration']) {
    if (!(await isConnected({ snap: 'microk8s', plug }))) continue;
    const r = await snap(['disconnect', `microk8s:${plug}`]);
    if (r.code !== 0) throw new Error(`reset: snap disconnect microk8s:${plug}: ${r.stderr}`);
  }
}

async function lastChangeId(): Promise<number> {
  return Math.max(0, ...(await allChanges()).map((c) => Number(c.id)));
}

/** The change as `snap changes` prints it (the row whose ID column is `id`), independently of the app's parser. */
async function changesRow(id: string): Promise<string | undefined> {
  const r = await snap(['changes']);
  expect(r.code).toBe(0);
  return r.stdout.split('\n').find((line) => line.split(/\s+/)[0] === id);
}

beforeAll(reset);
afterAll(reset);
beforeEach(() => host.invalidateReads());

describe('connect / disconnect a plain plug (microk8s:network-observe → the system slot)', () => {
  let firstId = '';

  it('connect: snapd connects it, and the change id is a real change in `snap changes`', async () => {
    expect(await isConnected({ snap: 'microk8s', plug: 'network-observe' })).toBe(false);
    const out = await changeConnection(host, 'connect', NETWORK_OBSERVE, null);
    expect(out.unchanged).toBe(false);
    expect(out.changeId).toMatch(/^\d+$/);
    expect(out.message).toBe('Connected microk8s:network-observe');
    firstId = out.changeId!;

    // the real CLI
    const cli = await snap(['connections', 'microk8s']);
    expect(cli.stdout).toMatch(/^network-observe\s+microk8s:network-observe\s+:network-observe\s+manual$/m);
    expect(await changesRow(firstId)).toMatch(/^\d+\s+Done\s+.*\sConnect microk8s:network-observe to snapd:network-observe$/);
    // the REST API
    expect(await isConnected({ snap: 'microk8s', plug: 'network-observe' }, { snap: 'snapd', slot: 'network-observe' })).toBe(true);
    const change = await restGet<RestChange>(`/v2/changes/${firstId}`);
    expect(change).toMatchObject({ id: firstId, kind: 'connect-snap', status: 'Done', ready: true });
    // what the app returned afterwards is the new state
    expect(out.connections).toContainEqual({
      interface: 'network-observe',
      plug: { snap: 'microk8s', name: 'network-observe' },
      slot: { snap: 'system', name: 'network-observe' },
      notes: ['manual'],
    });
  });

  it('connecting an already connected plug succeeds with a new (no-op) change', async () => {
    const out = await changeConnection(host, 'connect', NETWORK_OBSERVE, null);
    expect(out.unchanged).toBe(false);
    expect(Number(out.changeId)).toBeGreaterThan(Number(firstId));
    expect(await changesRow(out.changeId!)).toMatch(/\sDone\s/);
    const r = await connectionsRest('snap=microk8s');
    expect((r.established ?? []).filter((c) => c.plug.plug === 'network-observe')).toHaveLength(1);
  });

  it('disconnect: gone from `snap connections` and the REST API; the change is Done', async () => {
    const out = await changeConnection(host, 'disconnect', NETWORK_OBSERVE, null);
    expect(out.unchanged).toBe(false);
    expect(out.changeId).toMatch(/^\d+$/);
    expect(out.message).toBe('Disconnected microk8s:network-observe');
    const cli = await snap(['connections', 'microk8s']);
    expect(cli.stdout).toMatch(/^network-observe\s+microk8s:network-observe\s+-\s+-$/m);
    expect(await isConnected({ snap: 'microk8s', plug: 'network-observe' })).toBe(false);
    expect(await changesRow(out.changeId!)).toMatch(/^\d+\s+Done\s+.*\sDisconnect /);
    expect(out.connections.find((c) => c.plug?.name === 'network-observe')?.slot).toBeNull();
  });

  it('disconnecting what is not connected: unchanged, no change id, no change in snapd', async () => {
    const [before, rowsBefore] = await Promise.all([lastChangeId(), connectionsRest('select=all').then((r) => expectedRows(r, { all: true }))]);
    const out = await changeConnection(host, 'disconnect', NETWORK_OBSERVE, null);
    expect(out).toMatchObject({ unchanged: true, changeId: null });
    expect(out.message).toMatch(/no connections to disconnect/);
    expect(await lastChangeId()).toBe(before);
    // (compared as rows: the REST answer lists a plug's apps in a different order each time)
    expect(expectedRows(await connectionsRest('select=all'), { all: true })).toEqual(rowsBefore);
  });
});

describe('connect / disconnect a content plug (microk8s:configuration → lab-config-provider:configuration)', () => {
  it('connects the content plug to the provider slot', async () => {
    const out = await changeConnection(host, 'connect', CONFIGURATION, PROVIDER);
    expect(out.changeId).toMatch(/^\d+$/);
    expect(out.message).toBe('Connected microk8s:configuration lab-config-provider:configuration');
    expect(await isConnected({ snap: 'microk8s', plug: 'configuration' }, { snap: 'lab-config-provider', slot: 'configuration' })).toBe(true);
    const cli = await snap(['connections', 'microk8s']);
    expect(cli.stdout).toMatch(/^content\[configuration\]\s+microk8s:configuration\s+lab-config-provider:configuration\s+manual$/m);
    expect(await changesRow(out.changeId!)).toMatch(/\sDone\s+.*Connect microk8s:configuration to lab-config-provider:configuration$/);
    expect(out.connections).toContainEqual({
      interface: 'content',
      contentTag: 'configuration',
      plug: { snap: 'microk8s', name: 'configuration' },
      slot: { snap: 'lab-config-provider', name: 'configuration' },
      notes: ['manual'],
    });
  });

  it('disconnects it again, naming both sides', async () => {
    const out = await changeConnection(host, 'disconnect', CONFIGURATION, PROVIDER);
    expect(out.changeId).toMatch(/^\d+$/);
    expect(await isConnected({ snap: 'microk8s', plug: 'configuration' })).toBe(false);
    expect((await snap(['connections', 'microk8s'])).stdout).toMatch(/^content\s+microk8s:configuration\s+-\s+-$/m);
  });

  it('disconnecting a pair that is not connected: snapd refuses it, the dashboard reports "nothing to do", nothing changes', async () => {
    // snapd 2.57: `snap disconnect A B` exits 1 with "cannot disconnect A from B, it is not
    // connected", while `snap disconnect A` prints "No connections to disconnect" and exits 0.
    // Both mean the same to an admin.
    const raw = await snap(['disconnect', 'microk8s:configuration', 'lab-config-provider:configuration']);
    expect(raw.code).toBe(1);
    expect(raw.stderr).toBe('error: cannot disconnect microk8s:configuration from\n       lab-config-provider:configuration, it is not connected\n');
    const before = await lastChangeId();
    const out = await changeConnection(host, 'disconnect', CONFIGURATION, PROVIDER);
    expect(out.unchanged).toBe(true);
    expect(out.changeId).toBeNull();
    expect(await lastChangeId()).toBe(before);
  });
});

describe("snapd's refusals reach the caller as typed problems with snapd's own words", () => {
  async function refusal(p: Promise<unknown>): Promise<InstanceType<typeof ActionFailed>> {
    try {
      await p;
    } catch (e) {
      if (e instanceof ActionFailed) return e;
      throw e;
    }
    throw new Error('expected the action to fail');
  }

  it('a plug the snap does not have: not-found, nothing started', async () => {
    const before = await lastChangeId();
    const e = await refusal(changeConnection(host, 'connect', { snap: 'microk8s', name: 'nonexistent' }, null));
    expect(e.problem()).toMatchObject({ code: 'not-found', status: 404, message: 'snap "microk8s" has no plug named "nonexistent"' });
    expect(e.changeId).toBeNull();
    expect(await lastChangeId()).toBe(before);
  });

  it('a slot that does not exist: not-found', async () => {
    const e = await refusal(changeConnection(host, 'connect', NETWORK_OBSERVE, { snap: 'lab-devmode', name: 'network-observe' }));
    expect(e.problem()).toMatchObject({ code: 'not-found', message: 'snap "lab-devmode" has no slot named "network-observe"' });
    expect(await isConnected({ snap: 'microk8s', plug: 'network-observe' })).toBe(false);
  });

  it('a snap that is not installed: not-found', async () => {
    const e = await refusal(changeConnection(host, 'connect', { snap: 'nosuchsnap', name: 'network' }, null));
    expect(e.problem()).toMatchObject({ code: 'not-found', message: 'snap "nosuchsnap" is not installed' });
  });
});
