import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HostError } from '@/lib/host/errors';
import { rotateHostKey, startNode, stopNode } from './harness/fleet';
import { closeAll, eventually, fleet, node, sshHost } from './support/nodes';

// Every way a node can fail gives its own typed error, naming the node, while
// the other nodes keep answering.
afterAll(closeAll);

async function failure(p: Promise<unknown>): Promise<HostError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HostError) return e;
    throw e;
  }
  throw new Error('expected a HostError');
}

const healthy = sshHost(node('node-2'));
const stillAnswers = async () => expect((await healthy.run('hostname', [])).stdout).toBe('fleet-node-2\n');

describe('a node that cannot be reached or trusted', () => {
  it('nothing listening (127.0.0.9): unreachable', async () => {
    const { address, port } = fleet.unreachable;
    const host = sshHost(node('node-2'), { id: 'gone', name: 'gone', destination: `cdnode2@${address}`, port });
    const e = await failure(host.run('snap', ['version']));
    expect(e.code).toBe('unreachable');
    expect(e.message).toBe(`gone (cdnode2@${address}:${port}): cannot connect over SSH (ssh: connect to host ${address} port ${port}: Connection refused)`);
    expect(e.problem()).toMatchObject({ status: 502, code: 'unreachable' });
    await stillAnswers();
  });

  it('a host key not in known_hosts: host-key-unknown, and known_hosts stays as it was', async () => {
    const empty = path.join(path.dirname(fleet.knownHosts), 'known_hosts.empty');
    fs.writeFileSync(empty, '');
    const e = await failure(sshHost(node('node-2'), { knownHostsFile: empty }).run('hostname', []));
    expect(e.code).toBe('host-key-unknown');
    expect(e.message).toMatch(/^node-2 \(cdnode2@127\.0\.0\.2:2222\): its SSH host key is not in .*known_hosts\.empty, and an unknown key is never accepted \(No ED25519 host key is known for \[127\.0\.0\.2\]:2222/);
    expect(fs.readFileSync(empty, 'utf8')).toBe('');
    await stillAnswers();
  });

  it("a key the node does not accept: auth-failed", async () => {
    const e = await failure(sshHost(node('node-2'), { identityFile: fleet.wrongKey }).run('hostname', []));
    expect(e.code).toBe('auth-failed');
    expect(e.message).toBe("node-2 (cdnode2@127.0.0.2:2222): the node refused the dashboard's SSH key (cdnode2@127.0.0.2: Permission denied (publickey).)");
    await stillAnswers();
  });

  it('a node whose host key changed (reinstalled): host-key-changed with the new fingerprint, never accepted', async () => {
    const n = node('node-7');
    // Its own known_hosts with the node's current key: the file can run again on the same fleet.
    const known = path.join(path.dirname(fleet.knownHosts), 'known_hosts.node-7');
    const [type, key] = fs.readFileSync(`${n.hostKey}.pub`, 'utf8').split(' ');
    fs.writeFileSync(known, `[${n.address}]:${n.port} ${type} ${key}\n`);
    const host = sshHost(n, { knownHostsFile: known });
    expect((await host.run('hostname', [])).stdout).toBe('fleet-node-7\n');
    const knownBefore = fs.readFileSync(known, 'utf8');
    await rotateHostKey(n);
    // The node went away and came back: its old connection is gone with it.
    expect(await eventually(async () => !(await isLive(host.controlPath)))).toBe(true);
    const e = await failure(host.run('hostname', []));
    expect(e.code).toBe('host-key-changed');
    const fingerprint = execFileSync('ssh-keygen', ['-lf', `${n.hostKey}.pub`], { encoding: 'utf8' }).split(' ')[1];
    expect(e.message).toBe(`node-7 (cdnode7@127.0.0.7:2222): its SSH host key has changed since it was recorded in ${known} — connection refused (the node now shows ${fingerprint})`);
    expect(e.problem().hint).toMatch(/Confirm the new fingerprint/);
    expect(fs.readFileSync(known, 'utf8')).toBe(knownBefore);
    await stillAnswers();
  });
});

describe('a node that goes away in the middle of a command', () => {
  it('unreachable (not a timeout, not the tool failing), and it answers again once it is back', async () => {
    const n = node('node-5');
    const host = sshHost(n);
    expect((await host.run('snap', ['args', 'warm'])).exitCode).toBe(0);
    const inFlight = failure(host.run('snap', ['slow', '20000']));
    await new Promise((r) => setTimeout(r, 500)); // the command is running on the node
    await stopNode(n);
    let e: HostError;
    try {
      e = await inFlight;
    } finally {
      await startNode(n); // the files after this one use node-5
    }
    expect(e.code).toBe('unreachable');
    expect(e.message).toBe('node-5 (cdnode5@127.0.0.5:2222): cannot connect over SSH (the connection was lost during snap slow 20000)');
    expect(JSON.parse((await host.run('snap', ['args', 'back'])).stdout)).toEqual(['back']);
    await stillAnswers();
  });
});

describe('a node that hangs, and one missing a program', () => {
  it('commands to a hanging node time out at their deadline (queued ones too) while node-2 answers meanwhile', async () => {
    const hang = sshHost(node('node-6'), { commandTimeoutMs: 2_000, perHostLimit: 2 });
    await stillAnswers(); // a warm connection, as a page in use would have
    const t0 = Date.now();
    const hanging = [1, 2, 3, 4].map((i) =>
      failure(hang.run('snap', ['version', String(i)])).then((e) => ({ e, ms: Date.now() - t0 })),
    );
    const quick = await Promise.all([1, 2, 3].map(async (i) => {
      await healthy.run('snap', ['connections', i === 1 ? 'microk8s' : i === 2 ? 'snapd' : 'system']);
      return Date.now() - t0;
    }));
    const hung = await Promise.all(hanging);
    for (const { e, ms } of hung) {
      expect(e.code).toBe('timeout');
      expect(e.message).toMatch(/^node-6 \(cdnode6@127\.0\.0\.6:2222\): snap version \d did not finish within 2 s$/);
      expect(ms).toBeGreaterThanOrEqual(1_900);
      expect(ms).toBeLessThan(6_000); // the two that waited for a slot did not wait longer
    }
    expect(Math.max(...quick)).toBeLessThan(Math.min(...hung.map((h) => h.ms)));
  });

  it("a program missing on the node: not-installed, naming the node", async () => {
    const e = await failure(sshHost(node('node-5')).run('dmesg', []));
    expect(e.code).toBe('not-installed');
    expect(e.message).toBe('node-5 (cdnode5@127.0.0.5:2222): dmesg is not installed (not found on PATH)');
  });

  it('snapd probe on the node: its socket there or not', async () => {
    const dir = path.join(fleet.dir, 'probe');
    fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
    const socket = path.join(dir, 'snapd.socket');
    const server = net.createServer().listen(socket);
    await new Promise((r) => server.once('listening', r));
    try {
      await expect(sshHost(node('node-5'), { snapdSocket: socket }).probeSnapd()).resolves.toBeUndefined();
      const e = await failure(sshHost(node('node-5'), { snapdSocket: path.join(dir, 'none.socket') }).probeSnapd());
      expect(e.code).toBe('snapd-unreachable');
      expect(e.problem().status).toBe(502);
    } finally {
      server.close();
    }
  });
});

function isLive(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(socket, () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
