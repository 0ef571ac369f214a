import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SshHost } from '@/lib/host/ssh';
import { pidsWhere, tcpConnectionsTo } from './harness/procs';
import { acceptedConnections, closeAll, eventually, fleet, node, sshHost } from './support/nodes';

// One SSH connection per node, made once and shared by every command: counted
// three ways — the node's sshd log (one "Accepted publickey" per connection),
// established TCP connections to the node, and ssh master processes.
afterAll(closeAll);

const masters = (host: SshHost) => pidsWhere((argv) => argv.join(' ').startsWith(`ssh: ${host.controlPath} [mux]`)).length;
const controlDir = (name: string) => path.join(path.dirname(fleet.controlDir), name);

describe('connection reuse', () => {
  it('a burst of 40 commands per node, two nodes at once: one connection and one master each', async () => {
    const nodes = ['node-2', 'node-3'].map(node);
    // Queueing is not what is measured here: a loaded machine may take a while for 80 `snap` runs.
    const hosts = nodes.map((n) => sshHost(n, { controlDir: controlDir('ctl-burst'), commandTimeoutMs: 90_000 }));
    const tcpBefore = nodes.map((n) => tcpConnectionsTo(n.address, n.port));
    const acceptedBefore = nodes.map(acceptedConnections);
    let peakTcp = [0, 0];
    let peakMasters = [0, 0];
    let bursting = true;
    const sampler = (async () => {
      while (bursting) {
        peakTcp = nodes.map((n, i) => Math.max(peakTcp[i]!, tcpConnectionsTo(n.address, n.port) - tcpBefore[i]!));
        peakMasters = hosts.map((h, i) => Math.max(peakMasters[i]!, masters(h)));
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const args = ['version', 'list', 'connections', 'interface'];
    await Promise.all(hosts.flatMap((h) => Array.from({ length: 40 }, (_, i) => h.run('snap', [args[i % args.length]!]))));
    bursting = false;
    await sampler;
    expect(hosts.map((h) => h.commandsStarted())).toEqual([40, 40]);
    expect(nodes.map(acceptedConnections).map((a, i) => a - acceptedBefore[i]!)).toEqual([1, 1]);
    expect(peakTcp).toEqual([1, 1]);
    expect(peakMasters).toEqual([1, 1]);
  }, 120_000);

  it('another SshHost for the same node and settings rides on the same connection', async () => {
    const n = node('node-2');
    const before = acceptedConnections(n);
    const a = sshHost(n, { controlDir: controlDir('ctl-share') });
    const b = sshHost(n, { controlDir: controlDir('ctl-share') });
    await a.run('hostname', []);
    await Promise.all([b.run('hostname', []), b.run('snap', ['version'])]);
    expect(a.controlPath).toBe(b.controlPath);
    expect(acceptedConnections(n) - before).toBe(1);
  });

  it('close() ends the connection; the next command makes exactly one new one', async () => {
    const n = node('node-4');
    const host = sshHost(n, { controlDir: controlDir('ctl-close') });
    await host.run('hostname', []);
    expect(masters(host)).toBe(1);
    await host.close();
    expect(await eventually(() => masters(host) === 0)).toBe(true);
    const before = acceptedConnections(n);
    await Promise.all([host.run('hostname', []), host.run('hostname', []), host.run('snap', ['version'])]);
    expect(acceptedConnections(n) - before).toBe(1);
    expect(masters(host)).toBe(1);
  });

  it('an idle connection ends by itself after ControlPersist', async () => {
    const host = sshHost(node('node-4'), { controlDir: controlDir('ctl-persist'), controlPersistS: 1 });
    await host.run('hostname', []);
    expect(masters(host)).toBe(1);
    expect(await eventually(() => masters(host) === 0, 6_000)).toBe(true);
  });

  it('keeps its control directory private (0700)', () => {
    expect(fs.statSync(controlDir('ctl-burst')).mode & 0o777).toBe(0o700);
  });
});

describe('the ssh config', () => {
  const config = path.join(path.dirname(fleet.controlDir), 'ssh_config');
  const n = node('node-2');

  it('an alias is honoured: HostName, Port, User and IdentityFile come from the config', async () => {
    fs.writeFileSync(config, `Host fleet-alias\n  HostName ${n.address}\n  Port ${n.port}\n  User ${n.user}\n  IdentityFile ${fleet.clientKey}\n`);
    const host = sshHost(n, { destination: 'fleet-alias', port: undefined, identityFile: undefined, sshConfigFile: config });
    expect(await host.hostname()).toBe('fleet-node-2');
  });

  it('cannot loosen host-key checking: StrictHostKeyChecking no in the config changes nothing', async () => {
    fs.writeFileSync(
      config,
      `Host fleet-loose\n  HostName ${n.address}\n  Port ${n.port}\n  User ${n.user}\n  IdentityFile ${fleet.clientKey}\n  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n`,
    );
    const empty = path.join(path.dirname(fleet.knownHosts), 'known_hosts.none');
    fs.writeFileSync(empty, '');
    const host = sshHost(n, { destination: 'fleet-loose', port: undefined, identityFile: undefined, sshConfigFile: config, knownHostsFile: empty });
    await expect(host.run('hostname', [])).rejects.toMatchObject({ code: 'host-key-unknown' });
    expect(fs.readFileSync(empty, 'utf8')).toBe('');
  });
});
