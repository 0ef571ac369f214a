import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { SshHost, type SshHostOptions } from '@/lib/host/ssh';
import { runningFleet } from '../harness/env';
import type { Fleet, FleetNode } from '../harness/layout';

/** The suite's view of the running fleet: SshHosts for its nodes, and each node's own CLI as a witness. */

export const fleet: Fleet = runningFleet();

export function node(key: string): FleetNode {
  const n = fleet.nodes.find((x) => x.key === key);
  if (!n) throw new Error(`no node ${key} in the fleet`);
  return n;
}

const made: SshHost[] = [];

/** An SshHost for a node as the lead's registry would make it (demo nodes have no snapd socket to probe). */
export function sshHost(n: FleetNode, extra: Partial<SshHostOptions> = {}): SshHost {
  const host = new SshHost({
    id: n.key,
    name: n.key,
    destination: `${n.user}@${n.address}`,
    port: n.port,
    identityFile: fleet.clientKey,
    knownHostsFile: fleet.knownHosts,
    controlDir: fleet.controlDir,
    sudo: false,
    connectTimeoutMs: 5_000,
    commandTimeoutMs: 15_000,
    snapdSocket: null,
    ...extra,
  });
  made.push(host);
  return host;
}

/** Ends every shared connection this file made (afterAll): the next file starts with none. */
export async function closeAll(): Promise<void> {
  await Promise.all(made.splice(0).map((h) => h.close()));
}

export interface Cli {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * The node's own tool, run here as the node's account with the environment its
 * SSH sessions get (sshd's SetEnv) — not through SshHost: the independent witness.
 */
export function nodeCli(n: FleetNode, bin: string, args: readonly string[]): Promise<Cli> {
  const env = ['LC_ALL=C', 'LANG=C', `HOME=${n.home}`, `PATH=${n.path}`, ...(n.stateFile ? [`CONFINEMENT_DASHBOARD_DEMO_STATE=${n.stateFile}`] : [])];
  return new Promise((resolve) => {
    execFile('runuser', ['-u', n.user, '--', 'env', '-i', ...env, bin, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ stdout, stderr, code });
    });
  });
}

/** "Accepted publickey" lines in the node's sshd log: one per SSH connection made to it. */
export function acceptedConnections(n: FleetNode): number {
  return fs.readFileSync(n.logFile, 'utf8').split('\n').filter((l) => l.startsWith(`Accepted publickey for ${n.user} `)).length;
}

/** Polls `check` every 50 ms until it holds or `ms` pass; returns its last answer. */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 5_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}
