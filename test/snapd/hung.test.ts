/**
 * A hung snapd (SIGSTOP: its socket, held by the lab's supervisor, still accepts connections
 * and nothing answers), resumed (SIGCONT), and killed in the middle of a change (SIGKILL; the
 * supervisor starts it again, as systemd's Restart=always would). The app's own use case
 * (performConnectionChange: host layer, audit log, follow-through) runs in this process, as
 * in a server; the witnesses are the real `snap` CLI and snapd's REST API. Every test resumes
 * snapd in a `finally`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allChanges, isConnected, snap } from './support/lab';
import { freezeSnapd, isFrozen, killSnapdAndWaitForRestart, thawSnapd } from './support/freeze';

const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-hung-'));
process.env.CONFINEMENT_DASHBOARD_STATE_DIR = stateDir;

const queries = await import('@/lib/snap/queries');
const { performConnectionChange, ANSWER_WITHIN_MS } = await import('@/lib/actions/connection-change');
const { pendingChanges } = await import('@/lib/actions/pending-changes');
const { findRequestChange } = await import('@/lib/actions/follow-change');
const { listChanges } = await import('@/lib/snap/changes');
const { parseChanges } = await import('@/lib/snap/changes-parse');
const { readAudit } = await import('@/lib/audit/log');
const { problemFromHostFailure } = await import('@/lib/host/problems');
const { HostError } = await import('@/lib/host/errors');
const { currentHost } = await import('@/lib/host');
const host = currentHost();

const PLUG = 'microk8s:network-observe';
const actor = { sessionId: 'hung-test', clientAddress: '127.0.0.1' };
let frozen: number | null = null;

afterAll(async () => {
  thawSnapd(frozen); // never leave the lab frozen
  if ((await snap(['connections', 'microk8s'])).stdout.match(/^network-observe\s+microk8s:network-observe\s+:network-observe/m)) await snap(['disconnect', PLUG]);
  fs.rmSync(stateDir, { recursive: true, force: true });
});

async function until<T>(what: string, fn: () => Promise<T | null | undefined>, timeoutMs: number, everyMs = 250): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => null);
    if (v !== null && v !== undefined) return v;
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The audit line that says how the request ended (the one after `pending`). */
function outcomeLine(request: string, timeoutMs: number) {
  return until(`the outcome of request ${request} in the audit log`, async () => (await readAudit({ target: PLUG })).find((e) => e.details?.request === request && e.result !== 'pending'), timeoutMs);
}

/** `snap changes --abs-time` as root, straight from the CLI. */
async function cliChanges() {
  return parseChanges((await snap(['changes', '--abs-time'])).stdout);
}

describe('snapd frozen (SIGSTOP) during a read', () => {
  it('a read answers timeout → HTTP 504 after the 15 s read timeout, and snapd is back after SIGCONT', async () => {
    host.invalidateReads();
    frozen = freezeSnapd();
    let failure: unknown = null;
    const started = Date.now();
    try {
      await queries.connections(host, 'microk8s');
    } catch (e) {
      failure = e;
    } finally {
      thawSnapd(frozen);
    }
    const seconds = (Date.now() - started) / 1000;
    expect(failure).toBeInstanceOf(HostError);
    const e = failure as InstanceType<typeof HostError>;
    expect(e.code).toBe('timeout');
    expect(problemFromHostFailure(e)).toMatchObject({ status: 504, code: 'timeout' });
    expect(seconds).toBeGreaterThanOrEqual(14.5);
    expect(seconds).toBeLessThan(25);
    host.invalidateReads();
    expect((await queries.connections(host, 'microk8s')).length).toBeGreaterThan(30);
  }, 60_000);
});

describe('snapd frozen during a connect, then resumed', () => {
  it('answers pending within 10 s; after SIGCONT the audit log gains the true outcome and change id, and agrees with snap changes', async () => {
    expect(await isConnected({ snap: 'microk8s', plug: 'network-observe' })).toBe(false);
    frozen = freezeSnapd();
    let out;
    const started = Date.now();
    try {
      out = await performConnectionChange(host, 'connect', { plug: PLUG }, actor);
      const seconds = (Date.now() - started) / 1000;
      expect(seconds).toBeLessThan(10);
      expect(seconds).toBeGreaterThanOrEqual(ANSWER_WITHIN_MS / 1000 - 0.5);
      // answered while snapd was still frozen
      expect(isFrozen(frozen)).toBe(true);
    } finally {
      thawSnapd(frozen);
    }
    expect(out.pending).toMatchObject({ host: host.id, action: 'connect', plug: PLUG, stage: 'sent', changeId: null, outcome: null });
    const [pendingLine] = await readAudit({ target: PLUG, result: 'pending' });
    expect(pendingLine).toMatchObject({ action: 'interface.connect', changeId: null, error: null, details: { plug: PLUG, stage: 'sent', request: out.pending!.id } });

    const line = await outcomeLine(out.pending!.id, 60_000);
    expect(line.result).toBe('done-late');
    expect(line.changeId).toMatch(/^\d+$/);
    // snap changes (the CLI) and the REST API say the same about that change
    const change = (await cliChanges()).find((c) => c.id === line.changeId);
    expect(change).toMatchObject({ status: 'Done', summary: expect.stringMatching(/^Connect microk8s:network-observe to (snapd|core):network-observe$/) });
    expect((await allChanges()).find((c) => c.id === line.changeId)).toMatchObject({ kind: 'connect-snap', status: 'Done', ready: true });
    expect(await isConnected({ snap: 'microk8s', plug: 'network-observe' })).toBe(true);
    expect(pendingChanges(host.id).find((c) => c.id === out.pending!.id)).toMatchObject({ outcome: 'done-late', changeId: line.changeId });
    // The summary match (used when snapd never prints the id) finds the same change in this release's snap changes.
    host.invalidateReads();
    const sentAt = Date.parse(out.pending!.sentAt);
    expect(findRequestChange(await listChanges(host, 'microk8s'), { action: 'connect', plug: { snap: 'microk8s', name: 'network-observe' }, slot: null, sentAt }, () => false)?.id).toBe(line.changeId);
  }, 120_000);

  it('a disconnect frozen the same way: pending, then done-late with the change snap changes lists as "Disconnect : from microk8s:network-observe"', async () => {
    expect(await isConnected({ snap: 'microk8s', plug: 'network-observe' })).toBe(true);
    frozen = freezeSnapd();
    let out;
    try {
      const started = Date.now();
      out = await performConnectionChange(host, 'disconnect', { plug: PLUG }, actor);
      expect((Date.now() - started) / 1000).toBeLessThan(10);
    } finally {
      thawSnapd(frozen);
    }
    expect(out.pending).toMatchObject({ action: 'disconnect', stage: 'sent' });
    const line = await outcomeLine(out.pending!.id, 60_000);
    expect(line).toMatchObject({ result: 'done-late', action: 'interface.disconnect' });
    expect((await cliChanges()).find((c) => c.id === line.changeId)).toMatchObject({ status: 'Done', summary: 'Disconnect : from microk8s:network-observe' });
    expect(await isConnected({ snap: 'microk8s', plug: 'network-observe' })).toBe(false);
  }, 120_000);
});

describe('snapd killed (SIGKILL) in the middle of a change and started again', () => {
  it('the audit outcome is what snapd reports for that change after its restart', async (ctx) => {
    expect(await isConnected({ snap: 'microk8s', plug: 'network-observe' })).toBe(false);
    const before = Math.max(0, ...(await allChanges()).map((c) => Number(c.id)));
    frozen = freezeSnapd();
    let out;
    let statusAtKill = '(not seen)';
    try {
      out = await performConnectionChange(host, 'connect', { plug: PLUG }, actor);
      expect(out.pending).toMatchObject({ stage: 'sent' });
      thawSnapd(frozen);
      // Kill snapd as soon as it has made the change (SIGKILL needs no cooperation).
      const made = await until('the change in snapd', async () => (await allChanges()).find((c) => Number(c.id) > before && c.kind === 'connect-snap'), 15_000, 10);
      statusAtKill = made.status;
      await killSnapdAndWaitForRestart(frozen);
    } finally {
      thawSnapd(frozen);
    }
    const line = await outcomeLine(out.pending!.id, 150_000);
    const said = `snapd killed while the connect change was ${statusAtKill}; the dashboard recorded ${line.result} for change ${line.changeId} (${String(line.details?.status)})`;
    ctx.annotate(said);
    console.log(`hung: ${said}`);
    expect(['done-late', 'failed-late']).toContain(line.result);
    // The dashboard says what snapd says: the change's final status, and the connection.
    const change = (await cliChanges()).find((c) => c.id === line.changeId);
    expect(change?.status).toBeDefined();
    expect(line.result).toBe(change!.status === 'Done' ? 'done-late' : 'failed-late');
    expect(line.details).toMatchObject({ status: change!.status });
    expect(await isConnected({ snap: 'microk8s', plug: 'network-observe' })).toBe(line.result === 'done-late');
  }, 240_000);
});
