import path from 'node:path';

/**
 * The test fleet: which nodes exist, on which loopback address, as which
 * account, and where their files live. Pure, shared by the harness (which
 * builds it) and the suite (which reads it back from fleet.json).
 */

/**
 * - demo: the simulated host's executables (demo/bin) with the node's own state;
 * - argv: test/fixtures/host-bin's `snap` (prints the argv and locale it got), and no
 *   other host tool: the quoting and "not installed" proofs;
 * - hang: sshd accepts, authenticates, then every command sleeps (ForceCommand);
 * - lab: the real snapd of test:snapd's lab (run.mjs brings it up): the system's own
 *   `snap` (PATH=/usr/bin:/bin), no demo state; its sudoers rule is the README's line.
 */
export type NodeKind = 'demo' | 'argv' | 'hang' | 'lab';

export interface NodeSpec {
  /** Its name in the dashboard; the demo nodes' hostname is `fleet-${key}`. */
  key: string;
  address: string;
  user: string;
  kind: NodeKind;
  /** A sudoers rule lets its user run the demo `snap connect/disconnect` as root. */
  sudoRule: boolean;
}

export interface FleetNode extends NodeSpec {
  port: number;
  hostname: string;
  /** Everything of this node: sshd config, host key, pid file, log. */
  dir: string;
  home: string;
  /** The demo state (demo nodes). */
  stateFile: string | null;
  /** The PATH its sessions get (sshd SetEnv), without the /snap/bin SshHost appends. */
  path: string;
  hostKey: string;
  pidFile: string;
  configFile: string;
  logFile: string;
}

export interface Fleet {
  dir: string;
  port: number;
  repo: string;
  /** The dashboard side: its key, a key no node accepts, known_hosts, control sockets. */
  clientKey: string;
  wrongKey: string;
  knownHosts: string;
  controlDir: string;
  sudoersFile: string;
  nodes: FleetNode[];
  /** Nothing listens here. */
  unreachable: { address: string; port: number };
}

export const ACCOUNT_MARKER = 'confinement-dashboard test-fleet';

const SPECS: NodeSpec[] = [
  { key: 'node-2', address: '127.0.0.2', user: 'cdnode2', kind: 'demo', sudoRule: false },
  { key: 'node-3', address: '127.0.0.3', user: 'cdnode3', kind: 'demo', sudoRule: true },
  { key: 'node-4', address: '127.0.0.4', user: 'cdnode4', kind: 'demo', sudoRule: false },
  { key: 'node-5', address: '127.0.0.5', user: 'cdnode5', kind: 'argv', sudoRule: false },
  { key: 'node-6', address: '127.0.0.6', user: 'cdnode6', kind: 'hang', sudoRule: false },
  { key: 'node-7', address: '127.0.0.7', user: 'cdnode7', kind: 'demo', sudoRule: false },
  { key: 'node-8', address: '127.0.0.8', user: 'cdnode8', kind: 'lab', sudoRule: true },
];

/** Only loopback is ever a target (127.0.0.0/8). */
export function assertLoopback(address: string): string {
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (!m || m.slice(1).some((o) => Number(o) > 255)) throw new Error(`not a loopback address: ${address}`);
  return address;
}

/**
 * `count` plain demo nodes on 127.0.0.10 and up (accounts cdbench10…): the benchmark's
 * fleet of ten, kept apart from the suite's nodes and accounts.
 */
export function benchSpecs(count: number): NodeSpec[] {
  if (!Number.isInteger(count) || count < 1 || count > 40) throw new Error(`bench fleet: 1 to 40 nodes, not ${count}`);
  return Array.from({ length: count }, (_, i) => ({ key: `bench-${10 + i}`, address: `127.0.0.${10 + i}`, user: `cdbench${10 + i}`, kind: 'demo' as const, sudoRule: false }));
}

export function fleetLayout(dir: string, port: number, repo: string, specs: readonly NodeSpec[] = SPECS): Fleet {
  const client = path.join(dir, 'client');
  const demoBin = path.join(repo, 'demo', 'bin');
  const nodes = specs.map((spec): FleetNode => {
    const nodeDir = path.join(dir, spec.key);
    const binDir = path.join(nodeDir, 'bin');
    return {
      ...spec,
      address: assertLoopback(spec.address),
      port,
      hostname: `fleet-${spec.key}`,
      dir: nodeDir,
      home: path.join(nodeDir, 'home'),
      stateFile: spec.kind === 'demo' ? path.join(nodeDir, 'state', 'state.json') : null,
      // argv: no system directory at all, so `dmesg` & co. are really missing there.
      path:
        spec.kind === 'argv'
          ? `${path.join(repo, 'test', 'fixtures', 'host-bin')}:${binDir}`
          : spec.kind === 'lab'
            ? '/usr/bin:/bin'
            : `${demoBin}:/usr/local/bin:/usr/bin:/bin`,
      hostKey: path.join(nodeDir, 'ssh_host_ed25519_key'),
      pidFile: path.join(nodeDir, 'sshd.pid'),
      configFile: path.join(nodeDir, 'sshd_config'),
      logFile: path.join(nodeDir, 'sshd.log'),
    };
  });
  return {
    dir,
    port,
    repo,
    clientKey: path.join(client, 'id_ed25519'),
    wrongKey: path.join(client, 'id_wrong'),
    knownHosts: path.join(client, 'known_hosts'),
    controlDir: path.join(client, 'control'),
    sudoersFile: '/etc/sudoers.d/cd-fleet-test',
    nodes,
    unreachable: { address: assertLoopback('127.0.0.9'), port },
  };
}

/** sshd's configuration for one node: its own address, key, account and environment. */
export function sshdConfig(node: FleetNode, stateEnv: string): string {
  const env = [`PATH=${node.path}`];
  if (node.stateFile) env.push(`${stateEnv}=${node.stateFile}`);
  // The node's own locale is not C: the dashboard must set it itself.
  if (node.kind === 'argv') env.push('LC_ALL=de_DE.UTF-8');
  return [
    `ListenAddress ${node.address}:${node.port}`,
    `HostKey ${node.hostKey}`,
    `PidFile ${node.pidFile}`,
    'AuthorizedKeysFile .ssh/authorized_keys',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'PermitRootLogin no',
    `AllowUsers ${node.user}`,
    'PermitTTY no',
    'X11Forwarding no',
    'AllowTcpForwarding no',
    'AllowAgentForwarding no',
    'PrintMotd no',
    // INFO logs one "Accepted publickey" line per connection: the suite counts them.
    'LogLevel INFO',
    `SetEnv ${env.join(' ')}`,
    ...(node.kind === 'hang' ? ['ForceCommand exec sleep 20'] : []),
    '',
  ].join('\n');
}
