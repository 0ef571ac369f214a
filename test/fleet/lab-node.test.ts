import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionFailed, changeConnection } from '@/lib/snap/actions';
import { connections, installedSnaps, systemOverview } from '@/lib/snap/queries';
import { allChanges, connectionsRest, expectedRows, isConnected, parsedRows, restGet, snap as rootSnap, type RestSnap } from '../snapd/support/lab';
import { closeAll, node, nodeCli, sshHost } from './support/nodes';

/**
 * node-8 is the REAL snapd of test:snapd's lab (run.mjs brings it up before this suite),
 * reached over real SSH as the ordinary account cdnode8 whose sudoers rule is the README's line.
 * Witnesses: snapd's REST API on /run/snapd.socket and the node's own `snap`, never SshHost.
 */
const lab = node('node-8');
const PLUG = { snap: 'microk8s', name: 'network-observe' };

async function resetPlug(): Promise<void> {
  if (!(await isConnected({ snap: PLUG.snap, plug: PLUG.name }))) return;
  const r = await rootSnap(['disconnect', `${PLUG.snap}:${PLUG.name}`]);
  if (r.code !== 0) throw new Error(`reset: ${r.stderr}`);
}

beforeAll(resetPlug);
afterAll(async () => {
  await resetPlug();
  await closeAll();
});

describe('reads of the real snapd over SSH', () => {
  const host = sshHost(lab, { snapdSocket: '/run/snapd.socket' });

  it('probes the snapd socket on the node, and the account is an ordinary one', async () => {
    await expect(host.probeSnapd()).resolves.toBeUndefined();
    expect((await nodeCli(lab, 'id', ['-u'])).stdout.trim()).not.toBe('0');
  });

  it('lists the snaps /v2/snaps lists, with their revisions', async () => {
    const [mine, rest] = await Promise.all([installedSnaps(host), restGet<RestSnap[]>('/v2/snaps')]);
    expect(mine.map((s) => `${s.name}@${s.revision}`).sort()).toEqual(rest.map((s) => `${s.name}@${s.revision}`).sort());
    expect(mine.length).toBeGreaterThan(3);
  });

  it('reads the connections /v2/connections?select=all gives, row for row', async () => {
    const [mine, rest] = await Promise.all([connections(host), connectionsRest('select=all')]);
    expect(parsedRows(mine)).toEqual(expectedRows(rest, { all: true }));
  });

  it('prints what the node’s own `snap connections` prints (the same bytes through SSH)', async () => {
    const [viaSsh, own] = await Promise.all([host.run('snap', ['connections', 'microk8s']), nodeCli(lab, 'snap', ['connections', 'microk8s'])]);
    expect(own.code).toBe(0);
    expect(viaSsh.stdout).toBe(own.stdout);
  });

  it('reports the snapd version /v2/system-info reports, and the node’s hostname', async () => {
    const [o, info] = await Promise.all([systemOverview(host), restGet<{ version: string }>('/v2/system-info')]);
    expect(o.version.snapd).toBe(info.version);
    expect(o.mode).toBe('ssh');
    expect(o.hostname).toBe((await nodeCli(lab, 'hostname', [])).stdout.trim());
  });
});

describe('changes to the real snapd over SSH', () => {
  it('without sudo mode, the real snapd refuses the ordinary account: access-denied, nothing changes', async () => {
    const before = await allChanges();
    const e = await changeConnection(sshHost(lab, { snapdSocket: '/run/snapd.socket' }), 'connect', PLUG, null).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(ActionFailed);
    expect((e as ActionFailed).problem()).toMatchObject({ status: 403, code: 'access-denied' });
    expect(await isConnected({ snap: PLUG.snap, plug: PLUG.name })).toBe(false);
    expect((await allChanges()).length).toBe(before.length);
  });

  it("in sudo mode, the README's sudoers line on the node lets connect and disconnect through; snapd records both", async () => {
    const host = sshHost(lab, { snapdSocket: '/run/snapd.socket', sudo: true });
    const connected = await changeConnection(host, 'connect', PLUG, null);
    expect(connected.changeId).toMatch(/^\d+$/);
    expect(await isConnected({ snap: PLUG.snap, plug: PLUG.name }, { snap: 'snapd', slot: PLUG.name })).toBe(true);
    const change = await restGet<{ id: string; kind: string; status: string }>(`/v2/changes/${connected.changeId}`);
    expect(change).toMatchObject({ kind: 'connect-snap', status: 'Done' });
    // What the action re-read through SSH is the daemon's new state.
    expect(connected.connections.find((c) => c.plug?.name === PLUG.name)?.slot).not.toBeNull();

    const disconnected = await changeConnection(host, 'disconnect', PLUG, null);
    expect(disconnected.changeId).toMatch(/^\d+$/);
    expect(disconnected.changeId).not.toBe(connected.changeId);
    expect(await isConnected({ snap: PLUG.snap, plug: PLUG.name })).toBe(false);
    expect(await restGet<{ kind: string; status: string }>(`/v2/changes/${disconnected.changeId}`)).toMatchObject({ kind: 'disconnect-snap', status: 'Done' });
  });
});
