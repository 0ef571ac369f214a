import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readKernelLog } from '@/lib/denials/sources';
import { DemoHost } from '@/lib/host/demo';
import type { HostBinary } from '@/lib/host/host';
import { LocalHost } from '@/lib/host/local';
import { connections, installedSnaps, systemOverview } from '@/lib/snap/queries';
import { closeAll, fleet, node, nodeCli, sshHost } from './support/nodes';

// Through SshHost, each node answers exactly what its own CLI answers there,
// and what it answers is its own (node-3 was seeded with microk8s:home disconnected).
const DEMO_NODES = ['node-2', 'node-3', 'node-4'].map(node);
const COMMANDS: [HostBinary, string[]][] = [
  ['hostname', []],
  ['snap', ['version']],
  ['snap', ['list']],
  ['snap', ['connections', '--all']],
  ['snap', ['connections', 'microk8s']],
  ['snap', ['interface']],
  ['snap', ['debug', 'confinement']],
  ['microk8s', ['status', '--format', 'yaml']],
  ['microk8s', ['version']],
  ['journalctl', ['-k', '-o', 'short-iso', '--no-pager', '-q', '--show-cursor', '--since=-24h', '--lines=200000']],
  ['dmesg', []],
];

afterAll(closeAll);

describe.each(DEMO_NODES)('$key through SshHost', (n) => {
  const host = sshHost(n);

  it.each(COMMANDS)('%s %j: the same stdout, stderr and exit status as the node\'s own CLI', async (bin, args) => {
    const [own, viaSsh] = await Promise.all([nodeCli(n, bin, args), host.run(bin, args, { okExitCodes: [1] })]);
    expect(own.stdout.length).toBeGreaterThan(0);
    expect({ stdout: viaSsh.stdout, stderr: viaSsh.stderr, code: viaSsh.exitCode }).toEqual(own);
  });

  it('the query layer reads the same as a DemoHost on the node\'s state', async () => {
    const local = new DemoHost({ id: 'witness', name: 'witness', binDir: path.join(fleet.repo, 'demo', 'bin'), stateFile: n.stateFile!, root: path.join(fleet.repo, 'demo', 'host-root') });
    expect(await installedSnaps(host)).toEqual(await installedSnaps(local));
    expect(await connections(host, 'microk8s')).toEqual(await connections(local, 'microk8s'));
    const [a, b] = [await systemOverview(host), await systemOverview(local)];
    // The same host, except who the dashboard is there: the simulated host acts as root, while over
    // SSH it is the node's ordinary account without sudo mode, so that node is read-only.
    const same = (o: typeof a) => ({ ...o, mode: null, hostId: null, privilege: null, privilegeInfo: null });
    expect(same(a)).toEqual(same(b));
    expect(a).toMatchObject({ mode: 'ssh', hostId: n.key, hostname: n.hostname, privilege: 'read-only' });
    expect(a.privilegeInfo).toMatchObject({ user: n.user, sudoersLine: `${n.user} ALL=(root) NOPASSWD: /usr/bin/snap connect *, /usr/bin/snap disconnect *` });
    expect(b.privilege).toBe('root');
    // The kernel log by cursor: the same lines, and a cursor that continues where it stopped.
    const [k1, w1] = [await readKernelLog(host, null), await readKernelLog(local, null)];
    expect(k1).toEqual(w1);
    expect(k1.source).toBe('journal');
    expect(k1.text).toContain(n.hostname);
    expect(await readKernelLog(host, k1.cursor)).toEqual(await readKernelLog(local, w1.cursor));
  });
});

describe('the nodes are distinct', () => {
  it('each has its own hostname, and node-3 its own connections', async () => {
    const hosts = DEMO_NODES.map((n) => sshHost(n));
    expect(await Promise.all(hosts.map((h) => h.hostname()))).toEqual(['fleet-node-2', 'fleet-node-3', 'fleet-node-4']);
    const plugs = await Promise.all(hosts.map(async (h) => (await connections(h, 'microk8s')).find((c) => c.plug?.name === 'home')?.slot ?? null));
    expect(plugs[0]).not.toBeNull();
    expect(plugs[1]).toBeNull();
    expect(plugs[2]).toEqual(plugs[0]);
  });
});

describe('files on a node (the same answers as LocalHost on the same files)', () => {
  const n = node('node-2');
  const host = sshHost(n);
  const local = new LocalHost({ id: 'local', name: 'local', sudo: false, snapdSocket: '' });
  const dir = path.join(n.home, 'var-log');
  const log = path.join(dir, 'kern.log');
  fs.mkdirSync(dir, { recursive: true });

  it('reads a growing, rotated file by cursor', async () => {
    fs.writeFileSync(log, 'Dec  3 10:00:00 fleet-node-2 kernel: one\nDec  3 10:00:01 fleet-node-2 kernel: tw');
    let cursor: string | null = null;
    const step = async () => {
      const [s, l] = [await host.readFileTail(log, cursor, 1 << 20), await local.readFileTail(log, cursor, 1 << 20)];
      expect(s).toEqual(l);
      cursor = s.cursor;
      return s;
    };
    expect((await step()).text).toBe('Dec  3 10:00:00 fleet-node-2 kernel: one\n');
    fs.appendFileSync(log, 'o ünï\n');
    expect((await step()).text).toBe('Dec  3 10:00:01 fleet-node-2 kernel: two ünï\n');
    fs.renameSync(log, `${log}.1`);
    fs.writeFileSync(log, 'rotated\n');
    expect(await step()).toMatchObject({ text: 'rotated\n', reset: true });
  });

  it('lists directories and reads small files, and fails like fs where the node\'s user may not read', async () => {
    fs.writeFileSync(path.join(dir, '-odd name*'), 'x');
    expect((await host.listDir(dir)).sort()).toEqual(fs.readdirSync(dir).sort());
    const addons = path.join(fleet.repo, 'demo', 'host-root', 'var', 'snap', 'microk8s', 'common', 'addons');
    expect((await host.listDir(addons)).sort()).toEqual(['community', 'core']);
    const yaml = path.join(addons, 'core', 'addons.yaml');
    expect(await host.readSmallFile(yaml)).toBe(fs.readFileSync(yaml, 'utf8'));
    // root's 0600 file: LocalHost (root) could read it, the node's account cannot.
    const secret = path.join(n.dir, 'ssh_host_ed25519_key');
    expect(await host.readSmallFile(secret).catch((e: NodeJS.ErrnoException) => e.code)).toBe('EACCES');
    expect(await host.listDir(path.join(dir, 'missing')).catch((e: NodeJS.ErrnoException) => e.code)).toBe('ENOENT');
  });

  it('reads the cgroup of a process on the node, null for one that is gone', async () => {
    const listener = Number(fs.readFileSync(n.pidFile, 'utf8'));
    expect(await host.cgroupOf(listener)).toBe(fs.readFileSync(`/proc/${listener}/cgroup`, 'utf8'));
    expect(await host.cgroupOf(4_000_000)).toBeNull();
  });
});
