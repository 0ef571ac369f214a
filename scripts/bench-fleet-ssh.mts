/**
 * The fleet over real SSH (issue: a cluster's nodes in one dashboard), measured on the
 * test fleet of `npm run test:fleet` (real sshd daemons on 127.0.0.2…, root only):
 *
 * - the fleet overview with warm connections against the slowest node's own overview read
 *   (target ≤ 1.5 ×), and cold (first SSH connection to every node; target ≤ 3 s in total);
 * - one SSH connection per node, reused: ssh processes and TCP connections to the nodes
 *   during a burst of 100 fleet reads.
 *
 *   node --conditions=react-server --import tsx scripts/bench-fleet-ssh.mts
 *
 * (npm run bench:fleet runs it after the simulated-fleet figures when it can run here.)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { SshHost } from '../lib/host/ssh';
import { fleetRow, fleetOverview } from '../lib/fleet/overview';
import { fleetDown, fleetUp } from '../test/fleet/harness/fleet';
import { fleetFromEnv } from '../test/fleet/harness/env';

const fleet = fleetFromEnv();
const rows: string[] = [];
const record = (name: string, value: string, target: string, met: boolean | null, note = '') => rows.push(`| ${name} | ${value} | ${target} | ${met === null ? '—' : met ? 'yes' : '**no**'} |${note ? ` ${note}` : ''}`);

function sshProcesses(): number {
  const out = execFileSync('ps', ['-eo', 'comm,args'], { encoding: 'utf8' });
  return out.split('\n').filter((l) => /^ssh\s/.test(l) && l.includes(fleet.controlDir)).length;
}

/** Established TCP connections to the nodes' sshd port, from /proc/net/tcp. */
function tcpToNodes(): number {
  const port = fleet.port.toString(16).toUpperCase().padStart(4, '0');
  return fs
    .readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => {
      const [, , remote, state] = l.trim().split(/\s+/);
      return state === '01' && remote?.endsWith(`:${port}`);
    }).length;
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const v = await fn();
  return [performance.now() - t, v];
}

await fleetUp(fleet);
try {
  const nodes = fleet.nodes.filter((n) => n.kind === 'demo');
  const hosts = nodes.map(
    (n) => new SshHost({ id: n.key, name: n.key, destination: `${n.user}@${n.address}`, port: n.port, identityFile: fleet.clientKey, knownHostsFile: fleet.knownHosts, controlDir: fleet.controlDir, sudo: false, snapdSocket: null }),
  );

  const [cold, first] = await timed(() => fleetOverview(hosts));
  const unhealthy = first.filter((r) => !r.reachable);
  record(`fleet overview, ${hosts.length} real-sshd nodes, cold (first connection to each)`, `${Math.round(cold)} ms`, '≤ 3000 ms', cold <= 3000, unhealthy.length ? `unreachable: ${unhealthy.map((r) => r.id).join(', ')}` : '');

  // Warm connections, read caches dropped: what a refresh of the Fleet page costs.
  const singles: number[] = [];
  for (const h of hosts) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      h.invalidateReads();
      times.push((await timed(() => fleetRow(h)))[0]);
    }
    singles.push(times.sort((a, b) => a - b)[2] ?? 0);
  }
  const slowest = Math.max(...singles);
  const fleetTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    for (const h of hosts) h.invalidateReads();
    fleetTimes.push((await timed(() => fleetOverview(hosts)))[0]);
  }
  const warm = fleetTimes.sort((a, b) => a - b)[2] ?? 0;
  record('slowest node’s own overview read, warm (median of 5)', `${Math.round(slowest)} ms`, '—', null);
  record('fleet overview, warm (median of 5)', `${Math.round(warm)} ms`, '—', null);
  record('fleet overview ÷ slowest node', `${(warm / slowest).toFixed(2)} ×`, '≤ 1.5 ×', warm / slowest <= 1.5);

  // A burst of 100 reads: the connections stay one per node.
  let maxSsh = 0;
  let maxTcp = 0;
  for (let i = 0; i < 100; i++) {
    for (const h of hosts) h.invalidateReads();
    const pending = fleetOverview(hosts);
    maxSsh = Math.max(maxSsh, sshProcesses());
    maxTcp = Math.max(maxTcp, tcpToNodes());
    await pending;
    maxTcp = Math.max(maxTcp, tcpToNodes());
  }
  record('TCP connections to the nodes during 100 fleet reads (most at once)', String(maxTcp), `= ${hosts.length} (one per node)`, maxTcp === hosts.length);
  record('ssh processes at once during the burst (masters + commands in flight)', String(maxSsh), '—', null, 'commands are multiplexed over each node’s one connection');
  await Promise.all(hosts.map((h) => h.close()));
} finally {
  await fleetDown(fleet);
}

console.log('\n| figure | value | target | met |\n| --- | ---: | --- | --- |');
for (const r of rows) console.log(r);
