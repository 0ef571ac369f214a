import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandResult, FileTail, Host, HostBinary, MutationRunner, RunOptions } from '../host';

// performConnectionChange against a fake host whose snapd hangs: the answer is `pending` at
// once, the change is followed, and the audit log ends with the true outcome and change id.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-pending-'));
process.env.CONFINEMENT_DASHBOARD_STATE_DIR = path.join(tmp, 'state');
process.env.CONFINEMENT_DASHBOARD_HOST_MODE = 'demo';
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const { performConnectionChange } = await import('./connection-change');
const { pendingChanges } = await import('./pending-changes');
const { readAudit } = await import('../audit/log');
const { connections } = await import('../snap/queries');
const { HostError } = await import('../host/errors');

const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures/snapd-lab');
const CONNECTED = fs.readFileSync(path.join(FIXTURES, '29-snap-connections-microk8s.stdout'), 'utf8');
const HEADER = 'ID   Status  Spawn                 Ready                 Summary\n';

const result = (stdout: string): CommandResult => ({ stdout, stderr: '', exitCode: 0, durationMs: 1 });

/** A host whose `snap connect --no-wait` answers only when the test says so (a frozen snapd). */
class HungHost implements Host {
  readonly name: string;
  readonly capabilities = { transport: 'local' as const, simulated: false, sudo: false };
  changes = '';
  connectionsText = '';
  private answer: (stdout: string) => void = () => undefined;
  /** snapd answers the request at once (with this change id) and then hangs: `snap watch` never returns. */
  answersThenHangs: string | null = null;
  readonly sent: string[][] = [];
  constructor(readonly id: string) {
    this.name = id;
  }
  /** Resolves the command left running, as snapd would after SIGCONT. */
  snapdAnswers(stdout: string) {
    this.answer(stdout);
  }
  async hostname() {
    return `${this.id}-node`;
  }
  async read(bin: HostBinary, args: readonly string[]) {
    if (args[0] === 'changes') return result(this.changes ? HEADER + this.changes : '');
    if (args[0] === 'connections') return result(this.connectionsText);
    throw new Error(`unexpected read ${bin} ${args.join(' ')}`);
  }
  run(bin: HostBinary, args: readonly string[], options?: RunOptions) {
    void options;
    return this.read(bin, args);
  }
  async mutate<T>(action: (run: MutationRunner) => Promise<T>) {
    return action(async (_bin, args, options = {}) => {
      this.sent.push([...args]);
      if (args[0] === 'connect' && this.answersThenHangs) return result(`${this.answersThenHangs}\n`);
      if (args[0] === 'connect') return new Promise<CommandResult>((resolve) => (this.answer = (out) => resolve(result(out))));
      if (args[0] === 'watch') {
        // as spawnProcess does: the process is killed at its timeout
        return new Promise<CommandResult>((_resolve, reject) => setTimeout(() => reject(new HostError({ code: 'timeout', command: `snap ${args.join(' ')}`, message: 'did not finish' })), options.timeoutMs ?? 0));
      }
      throw new Error(`unexpected command ${args.join(' ')}`);
    });
  }
  invalidateReads() {}
  commandsStarted() {
    return this.sent.length;
  }
  async readFileTail(): Promise<FileTail> {
    return { text: '', cursor: '', reset: false };
  }
  async listDir() {
    return [];
  }
  async readSmallFile() {
    return '';
  }
  async probeSnapd() {}
  async probePrivilege() {
    return { user: 'root', root: true, sudoRule: null, sudoDetail: null };
  }
  async cgroupOf() {
    return null;
  }
}

const actor = { sessionId: 'session-1', clientAddress: '127.0.0.1' };
const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

async function auditLine(target: string, result: string, request?: string, timeoutMs = 8_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const line = (await readAudit({ target, result })).find((e) => request === undefined || e.details?.request === request);
    if (line) return line;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${result} audit line for ${target}`);
}

describe('a connect while snapd hangs', () => {
  it('answers pending within the answer time, then audits done-late with the change id snapd gave late', async () => {
    const host = new HungHost('hung-a');
    const started = Date.now();
    const out = await performConnectionChange(host, 'connect', { plug: 'microk8s:network-observe' }, actor, { answerWithinMs: 100 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(out.pending).toMatchObject({ host: 'hung-a', action: 'connect', plug: 'microk8s:network-observe', stage: 'sent', changeId: null, outcome: null });
    expect(host.sent).toEqual([['connect', '--no-wait', 'microk8s:network-observe']]);
    const pendingLine = await auditLine('microk8s:network-observe', 'pending');
    expect(pendingLine).toMatchObject({ host: 'hung-a-node', action: 'interface.connect', changeId: null, error: null, sessionId: 'session-1', details: { request: out.pending!.id, stage: 'sent' } });
    expect(pendingChanges('hung-a')).toHaveLength(1);

    // snapd comes back: the command prints the id, snap changes shows the change Done.
    host.changes = `57   Done    ${stamp(Date.now())}  ${stamp(Date.now())}  Connect microk8s:network-observe to snapd:network-observe\n`;
    host.snapdAnswers('57\n');
    const late = await auditLine('microk8s:network-observe', 'done-late', out.pending!.id);
    expect(late).toMatchObject({ host: 'hung-a-node', action: 'interface.connect', changeId: '57', error: null });
    expect(late.details).toMatchObject({ request: out.pending!.id, status: 'Done', seenIn: 'snap changes' });
    expect(pendingChanges('hung-a')[0]).toMatchObject({ id: out.pending!.id, outcome: 'done-late', changeId: '57', status: 'Done' });
  });

  it('a read of connections that shows the plug connected settles it (done-late, with the change found in snap changes)', async () => {
    const host = new HungHost('hung-b');
    const out = await performConnectionChange(host, 'connect', { plug: 'microk8s:network-observe', slot: ':network-observe' }, actor, { answerWithinMs: 100 });
    expect(out.pending?.outcome).toBeNull();
    // snapd did the change (its answer never reached us); a page reads the snap's connections.
    host.changes = `61   Done    ${stamp(Date.now())}  ${stamp(Date.now())}  Connect microk8s:network-observe to snapd:network-observe\n`;
    host.connectionsText = CONNECTED;
    await connections(host, 'microk8s');
    const line = await auditLine('microk8s:network-observe :network-observe', 'done-late');
    expect(line.changeId).toBe('61');
    expect(line.details).toMatchObject({ request: out.pending!.id, seenIn: 'snap connections microk8s' });
    expect(pendingChanges('hung-b')[0]).toMatchObject({ outcome: 'done-late', changeId: '61', status: 'Done', note: 'snap connections microk8s shows microk8s:network-observe connected; snapd change 61: Done' });
    // One outcome line per request, however many reads follow.
    await connections(host, 'microk8s');
    await new Promise((r) => setTimeout(r, 100));
    expect(await readAudit({ target: 'microk8s:network-observe :network-observe', result: 'done-late' })).toHaveLength(1);
  });

  it('a read that shows the plug connected while snapd\'s change is still Doing leaves it to the follower (snapd has the last word)', async () => {
    const host = new HungHost('hung-d');
    const out = await performConnectionChange(host, 'connect', { plug: 'microk8s:network-observe' }, actor, { answerWithinMs: 100 });
    const spawn = stamp(Date.now());
    host.changes = `70   Doing   ${spawn}  -                     Connect microk8s:network-observe to snapd:network-observe\n`;
    host.connectionsText = CONNECTED;
    await connections(host, 'microk8s');
    await new Promise((r) => setTimeout(r, 200));
    expect(pendingChanges('hung-d')[0]).toMatchObject({ id: out.pending!.id, outcome: null, changeId: '70', stage: 'watching' });
    expect(await readAudit({ target: 'microk8s:network-observe', result: 'done-late' }).then((l) => l.filter((e) => e.details?.request === out.pending!.id))).toEqual([]);
    // snapd finishes it: the follower (every 2 s) records snapd's outcome.
    host.changes = `70   Error   ${spawn}  ${stamp(Date.now())}  Connect microk8s:network-observe to snapd:network-observe\n`;
    const line = await auditLine('microk8s:network-observe', 'failed-late', out.pending!.id);
    expect(line).toMatchObject({ changeId: '70', details: { request: out.pending!.id, status: 'Error', seenIn: 'snap changes' } });
  });

  it('snapd answers the request, then hangs: pending with the change id (stage watching), followed by that id', async () => {
    const host = new HungHost('hung-e');
    host.answersThenHangs = '88';
    const started = Date.now();
    const out = await performConnectionChange(host, 'connect', { plug: 'microk8s:network-observe' }, actor, { answerWithinMs: 300 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(host.sent).toEqual([['connect', '--no-wait', 'microk8s:network-observe'], ['watch', '88']]);
    expect(out).toMatchObject({ changeId: '88', pending: { stage: 'watching', changeId: '88', outcome: null } });
    expect((await readAudit({ result: 'pending' })).find((e) => e.details?.request === out.pending!.id)).toMatchObject({ changeId: '88', details: { stage: 'watching' } });
    host.changes = `88   Done    ${stamp(Date.now())}  ${stamp(Date.now())}  Connect microk8s:network-observe to snapd:network-observe\n`;
    const line = await auditLine('microk8s:network-observe', 'done-late', out.pending!.id);
    expect(line).toMatchObject({ changeId: '88', details: { request: out.pending!.id, status: 'Done' } });
  });

  it('pending changes are per host', async () => {
    expect(pendingChanges('hung-c')).toEqual([]);
    expect(pendingChanges('hung-a').every((c) => c.host === 'hung-a')).toBe(true);
  });
});
