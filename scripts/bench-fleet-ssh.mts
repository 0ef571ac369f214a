/**
 * The fleet over real SSH (issue: a cluster's nodes in one dashboard), measured on a fleet
 * built by the harness of `npm run test:fleet`: BENCH_FLEET_NODES (default 10) real sshd
 * daemons on 127.0.0.10…, each a simulated host of its own (root only; it is torn down after):
 *
 * - the fleet overview with warm connections against the slowest node's own overview read
 *   (target ≤ 1.5 ×), and cold (first SSH connection to every node; target ≤ 3 s in total);
 * - one SSH connection per node, reused: ssh processes and TCP connections to the nodes
 *   while a burst of 100 fleet reads that arrive together is answered.
 *
 *   node --conditions=react-server --import tsx scripts/bench-fleet-ssh.mts
 *
 * (npm run bench:fleet runs it after the simulated-fleet figures when it can run here.)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { SshHost } from '../lib/host/ssh';
import { fleetRow, fleetOverview } from '../lib/fleet/overview';
import { fleetDown, fleetUp } from '../test/fleet/harness/fleet';
import { benchSpecs, fleetLayout } from '../test/fleet/harness/layout';

const fleet = fleetLayout('/tmp/cd-fleet-bench', Number(process.env.FLEET_SSH_PORT || 2222), process.cwd(), benchSpecs(Number(process.env.BENCH_FLEET_NODES || 10)));
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

/** Busy and total jiffies of the whole machine (/proc/stat's cpu line). */
function machineCpu(): { busy: number; total: number } {
  const [, ...fields] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const n = fields.map(Number);
  const idle = (n[3] ?? 0) + (n[4] ?? 0);
  const total = n.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const v = await fn();
  return [performance.now() - t, v];
}

await fleetUp(fleet);
try {
  const nodes = fleet.nodes;
  const hosts = nodes.map(
    (n) => new SshHost({ id: n.key, name: n.key, destination: `${n.user}@${n.address}`, port: n.port, identityFile: fleet.clientKey, knownHostsFile: fleet.knownHosts, controlDir: fleet.controlDir, sudo: false, snapdSocket: null }),
  );

  const progress = (what: string) => process.stderr.write(`[bench] ${new Date().toISOString().slice(11, 19)} ${what}\n`);
  progress('cold fleet read');
  const [cold, first] = await timed(() => fleetOverview(hosts));
  const unhealthy = first.filter((r) => !r.reachable);
  record(`fleet overview, ${hosts.length} real-sshd nodes, cold (first connection to each)`, `${Math.round(cold)} ms`, '≤ 3000 ms', cold <= 3000, unhealthy.length ? `unreachable: ${unhealthy.map((r) => r.id).join(', ')}` : '');

  // Warm connections, read caches dropped: what a refresh of the Fleet page costs.
  progress('each node alone');
  const cpuAlone0 = machineCpu();
  const singles: number[] = [];
  for (const h of hosts) {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      h.invalidateReads();
      times.push((await timed(() => fleetRow(h)))[0]);
    }
    singles.push(times.sort((a, b) => a - b)[1] ?? 0);
  }
  const cpuAlone1 = machineCpu();
  const slowest = Math.max(...singles);
  progress('warm fleet reads');
  const fleetTimes: number[] = [];
  const cpu0 = machineCpu();
  for (let i = 0; i < 3; i++) {
    for (const h of hosts) h.invalidateReads();
    fleetTimes.push((await timed(() => fleetOverview(hosts)))[0]);
  }
  const cpu1 = machineCpu();
  const busyShare = (cpu1.busy - cpu0.busy) / Math.max(1, cpu1.total - cpu0.total);
  const warm = fleetTimes.sort((a, b) => a - b)[1] ?? 0;
  record('slowest node’s own overview read, warm (median of 3)', `${Math.round(slowest)} ms`, '—', null);
  record('fleet overview, warm (median of 3)', `${Math.round(warm)} ms`, '—', null);
  record('fleet overview ÷ slowest node', `${(warm / slowest).toFixed(2)} ×`, '≤ 1.5 ×', warm / slowest <= 1.5);
  // Every node runs on this machine's cores. The machine's CPU time (jiffies, 10 ms each) per node
  // read, alone and within fleet reads: equal means a fleet read costs no more than its nodes' reads,
  // and its wall time is their CPU time shared over the cores.
  const perAlone = ((cpuAlone1.busy - cpuAlone0.busy) * 10) / (hosts.length * 3);
  const perInFleet = ((cpu1.busy - cpu0.busy) * 10) / (hosts.length * 3);
  record('machine CPU per node read, the node read alone', `${Math.round(perAlone)} ms`, '—', null);
  record('machine CPU per node read, within a fleet read', `${Math.round(perInFleet)} ms`, '—', null, `${(perInFleet / perAlone).toFixed(2)} × alone; ${os.cpus().length} cores: ${hosts.length} nodes need ≥ ${Math.round((perInFleet * hosts.length) / os.cpus().length)} ms here`);
  record('machine CPU busy during the warm fleet reads (all cores)', `${Math.round(busyShare * 100)} %`, '—', null, 'near 100 %: the nodes’ own commands are the bottleneck, all on this machine');

  // A burst of 100 page loads arriving together, as a dashboard shared by a team sees them after
  // a restart: reads in flight are shared, and the connections stay one per node.
  progress('burst of 100');
  let maxSsh = 0;
  let maxTcp = 0;
  const burstStart = performance.now();
  let done = false;
  const burst = Promise.all(Array.from({ length: 100 }, () => fleetOverview(hosts))).finally(() => {
    done = true;
  });
  for (let i = 0; i < 2000 && !done; i++) {
    maxSsh = Math.max(maxSsh, sshProcesses());
    maxTcp = Math.max(maxTcp, tcpToNodes());
    await new Promise((r) => setTimeout(r, 100));
  }
  const rowsServed = (await burst).reduce((n, rowsOfOne) => n + rowsOfOne.length, 0);
  const burstMs = performance.now() - burstStart;
  maxTcp = Math.max(maxTcp, tcpToNodes());
  record('100 fleet reads arriving together: all answered', `${Math.round(burstMs)} ms`, '—', null, `${rowsServed} node rows`);
  record('TCP connections to the nodes during 100 fleet reads (most at once)', String(maxTcp), `= ${hosts.length} (one per node)`, maxTcp === hosts.length);
  record('ssh processes at once during the burst (masters + commands in flight)', String(maxSsh), '—', null, 'commands are multiplexed over each node’s one connection');
  await Promise.all(hosts.map((h) => h.close()));
  const cpu = process.cpuUsage();
  record('CPU time of the dashboard side (this process), whole run', `${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`, '—', null);
} finally {
  await fleetDown(fleet);
}

console.log('\n| figure | value | target | met |\n| --- | ---: | --- | --- |');
for (const r of rows) console.log(r);
