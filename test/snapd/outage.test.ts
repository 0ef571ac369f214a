/**
 * snapd goes away in the middle of a session (the lab's supervisor, which stands in for
 * snapd.socket + snapd.service, is stopped; snaps stay mounted) and comes back. The app's
 * modules stay loaded throughout, as in a running server: nothing of ours is restarted.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { SNAPD_SOCKET, connectionsRest, expectedRows, harness, isConnected, parsedRows, snap } from './support/lab';

const queries = await import('@/lib/snap/queries');
const { changeConnection, ActionFailed } = await import('@/lib/snap/actions');
const { currentHost } = await import('@/lib/host');
const host = currentHost();
const { HostError } = await import('@/lib/host/errors');

async function hostFailure(p: Promise<unknown>): Promise<InstanceType<typeof HostError>> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HostError) return e;
    throw e;
  }
  throw new Error('expected a HostError');
}

afterAll(async () => {
  // whatever happened above, leave a running daemon for the next file
  if (!fs.existsSync(SNAPD_SOCKET)) await harness('lab-daemon.sh', ['start']);
});

describe('snapd stopped, then started again', () => {
  it('while snapd runs, reads work (and are cached for a moment)', async () => {
    expect((await queries.connections(host, 'microk8s')).length).toBeGreaterThan(30);
  });

  it('snapd stopped: the sockets are gone and snap says "cannot communicate with server" (connect, at once)', async () => {
    await harness('lab-daemon.sh', ['stop']);
    expect(fs.existsSync(SNAPD_SOCKET)).toBe(false);
    // POSTs are not retried by the snap client, so this answers at once
    const cli = await snap(['connect', 'microk8s:network-observe']);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/^error: cannot communicate with server: Post "?http:\/\/localhost\/v2\/interfaces"?: dial unix \/run\/snapd\.socket: connect: no such file or directory$/m);
  });

  it('reads while snapd is down fail at once as "snapd-unreachable", not after the snap client\'s retries', async () => {
    // The real snap client retries GETs for 25-120 s while the socket is missing; the
    // dashboard asks the socket first, so every page can say so immediately.
    host.invalidateReads();
    const started = Date.now();
    const failures = await Promise.all([
      hostFailure(queries.connections(host, 'microk8s')),
      hostFailure(queries.snapSummaries(host)),
      hostFailure(queries.interfaceDetail(host, 'network-observe')),
      hostFailure(queries.systemOverview(host)),
    ]);
    const seconds = (Date.now() - started) / 1000;
    expect(failures.map((e) => e.code)).toEqual(['snapd-unreachable', 'snapd-unreachable', 'snapd-unreachable', 'snapd-unreachable']);
    expect(failures[0]!.message).toMatch(/^cannot communicate with server/);
    expect(seconds).toBeLessThan(3);
  });

  it('snapd stopped: connect fails as a snapd-unreachable problem (HTTP 502) with snapd\'s words', async () => {
    let failure: unknown = null;
    try {
      await changeConnection(host, 'connect', { snap: 'microk8s', name: 'network-observe' }, null);
    } catch (e) {
      failure = e;
    }
    expect(failure).toBeInstanceOf(ActionFailed);
    const problem = (failure as InstanceType<typeof ActionFailed>).problem();
    expect(problem).toMatchObject({ code: 'snapd-unreachable', status: 502 });
    expect(problem.message).toMatch(/^snapd is not reachable: cannot communicate with server: /);
  });

  it('snapd started again: the same loaded modules read again, without any restart of ours', async () => {
    await harness('lab-daemon.sh', ['start']);
    // no invalidateReads(): failures are never cached, so the next read goes to snapd
    const [parsed, rest] = await Promise.all([queries.connections(host, 'microk8s'), connectionsRest('snap=microk8s&select=all')]);
    expect(parsedRows(parsed)).toEqual(expectedRows(rest, { all: true, wanted: 'microk8s' }));
    const overview = await queries.systemOverview(host);
    expect(overview.version.snapd).toMatch(/^2\./);
    // and the failed connect above changed nothing
    expect(await isConnected({ snap: 'microk8s', plug: 'network-observe' })).toBe(false);
  });
});
