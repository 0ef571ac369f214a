import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { ACCOUNT_MARKER, sshdConfig, type Fleet, type FleetNode } from './layout';
import { alive, killPids, pidsOfUser, pidsWhere, sleep, userOf } from './procs';

/**
 * Brings the test fleet up and down (root only, throw-away machines): real
 * sshd daemons on loopback addresses, one local account per node. `down`
 * also cleans what a killed earlier run left: it is what `up` starts with.
 */

const STATE_ENV = 'CONFINEMENT_DASHBOARD_DEMO_STATE';
const run = (file: string, args: string[], env?: NodeJS.ProcessEnv) => execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env });

function say(msg: string): void {
  console.log(`[fleet] ${msg}`);
}

/** openssh-server and sudo, with apt-get, when missing. */
export function ensureTools(): void {
  const missing = [['/usr/sbin/sshd', 'openssh-server'], ['/usr/bin/sudo', 'sudo'], ['/usr/bin/ssh', 'openssh-client']].filter(([f]) => !fs.existsSync(f!)).map(([, p]) => p!);
  if (!missing.length) return;
  say(`installing ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  if (r.status !== 0) {
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  }
  if (r.status !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed`);
}

/**
 * The node's daemon: the sshd whose command line names this node's config
 * (sshd rewrites its title to "sshd: /usr/sbin/sshd -f CONFIG … [listener]",
 * so the whole line is searched). Found without the pid file too: a killed run
 * may have removed the file, not the daemon.
 */
function sshdPids(node: FleetNode): number[] {
  return pidsWhere((cmd) => cmd[0]!.startsWith('sshd') && ` ${cmd.join(' ')} `.includes(` -f ${node.configFile} `));
}

/** Stops the node's daemon and every session and process of its account (all started by us). */
export async function stopNode(node: FleetNode): Promise<void> {
  const daemons = sshdPids(node);
  killPids(daemons, 'SIGTERM');
  const account = userOf(node.user);
  // Only an account of ours: someone else's cdnodeN keeps its processes.
  const uid = account?.gecos === ACCOUNT_MARKER ? account.uid : undefined;
  // Session processes: "sshd: cdnodeN [priv]" (root) and everything running as the account.
  const sessions = pidsWhere((cmd) => cmd[0] === `sshd: ${node.user} [priv]` || cmd[0] === `sshd: ${node.user}@notty`);
  killPids([...sessions, ...(uid === undefined ? [] : pidsOfUser(uid))], 'SIGKILL');
  for (let i = 0; i < 50 && daemons.some(alive); i++) await sleep(50);
  killPids(daemons.filter(alive), 'SIGKILL');
  fs.rmSync(node.pidFile, { force: true });
}

export async function startNode(node: FleetNode): Promise<void> {
  if (await listening(node.address, node.port)) throw new Error(`${node.address}:${node.port} is taken by a process that is not this fleet's (FLEET_SSH_PORT picks another port)`);
  fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 }); // sshd's privilege separation directory
  run('/usr/sbin/sshd', ['-f', node.configFile, '-E', node.logFile]);
  // sshd reports a failed bind in its log and exits: the listener must be ours, and alive.
  for (let i = 0; i < 100 && sshdPids(node).length === 0; i++) await sleep(50);
  if (sshdPids(node).length === 0) throw new Error(`sshd for ${node.key} did not start: ${fs.existsSync(node.logFile) ? fs.readFileSync(node.logFile, 'utf8').trim() : 'no log'}`);
  await waitListening(node.address, node.port, 10_000);
}

function listening(host: string, port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const s = net.connect({ host, port }, () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function waitListening(host: string, port: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await listening(host, port)) return;
    await sleep(50);
  }
  throw new Error(`sshd did not start listening on ${host}:${port}`);
}

export function newHostKey(node: FleetNode): void {
  fs.rmSync(node.hostKey, { force: true });
  fs.rmSync(`${node.hostKey}.pub`, { force: true });
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', node.key, '-f', node.hostKey]);
}

function knownHostsLine(node: FleetNode): string {
  const [type, key] = fs.readFileSync(`${node.hostKey}.pub`, 'utf8').trim().split(/\s+/);
  return `[${node.address}]:${node.port} ${type} ${key}`;
}

/** An account of ours (our marker in its comment field); refuses to touch anyone else's. */
function ensureAccount(node: FleetNode): void {
  const existing = userOf(node.user);
  if (existing && existing.gecos !== ACCOUNT_MARKER) throw new Error(`account ${node.user} exists and is not the fleet test's: refusing to touch it`);
  if (!existing) run('useradd', ['-M', '-d', node.home, '-s', '/bin/sh', '-c', ACCOUNT_MARKER, node.user]);
  else run('usermod', ['-d', node.home, node.user]);
  // A useradd account is locked ("!"), and sshd without PAM refuses even key logins to it: '*' has no password.
  run('usermod', ['-p', '*', node.user]);
}

function removeAccount(user: string): void {
  const existing = userOf(user);
  if (existing?.gecos === ACCOUNT_MARKER) run('userdel', [user]);
}

type StateLib = { initialState(file: string): { kernel: { hostname: string } }; writeAtomic(file: string, state: object): void };

/** The node's own simulated host: the initial demo state, named after the node. */
function seedState(fleet: Fleet, node: FleetNode): void {
  if (!node.stateFile) return;
  fs.mkdirSync(path.dirname(node.stateFile), { recursive: true });
  const lib = createRequire(path.join(fleet.repo, 'package.json'))(path.join(fleet.repo, 'demo', 'lib', 'state.js')) as StateLib;
  const state = lib.initialState(node.stateFile);
  state.kernel.hostname = node.hostname;
  lib.writeAtomic(node.stateFile, state);
  if (node.key === 'node-3') {
    // One node differs from the others, as nodes of a real cluster do.
    run(path.join(fleet.repo, 'demo', 'bin', 'snap'), ['disconnect', 'microk8s:home'], { PATH: process.env.PATH ?? '/usr/bin:/bin', [STATE_ENV]: node.stateFile } as Record<string, string> as NodeJS.ProcessEnv);
  }
}

function sudoers(fleet: Fleet): string {
  const demoSnap = path.join(fleet.repo, 'demo', 'bin', 'snap');
  return fleet.nodes
    .filter((n) => n.sudoRule)
    .flatMap((n) =>
      n.kind === 'lab'
        ? // The README's line as it is, for the real /usr/bin/snap.
          [`${n.user} ALL=(root) NOPASSWD: /usr/bin/snap connect *, /usr/bin/snap disconnect *`]
        : [
            // The README's line, for the demo snap (and its state, which sudo would otherwise drop).
            `Defaults:${n.user} secure_path="${path.dirname(demoSnap)}:/usr/bin:/bin", env_keep += "${STATE_ENV}"`,
            `${n.user} ALL=(root) NOPASSWD: ${demoSnap} connect *, ${demoSnap} disconnect *`,
          ],
    )
    .join('\n') + '\n';
}

export async function fleetDown(fleet: Fleet): Promise<void> {
  for (const node of fleet.nodes) await stopNode(node);
  // Our ssh client's shared connections ("ssh: <controlDir>/cm-… [mux]").
  killPids(pidsWhere((cmd) => cmd[0]!.startsWith('ssh') && cmd.some((a) => a.includes(fleet.controlDir))), 'SIGKILL');
  fs.rmSync(fleet.sudoersFile, { force: true });
  for (const node of fleet.nodes) removeAccount(node.user);
  fs.rmSync(fleet.dir, { recursive: true, force: true });
}

export async function fleetUp(fleet: Fleet): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('test:fleet needs root (it adds accounts and starts sshd daemons)');
  await fleetDown(fleet);
  ensureTools();
  fs.mkdirSync(fleet.dir, { recursive: true, mode: 0o755 });
  fs.chmodSync(fleet.dir, 0o755);
  fs.mkdirSync(path.dirname(fleet.clientKey), { recursive: true, mode: 0o700 });
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'dashboard', '-f', fleet.clientKey]);
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'not-authorized', '-f', fleet.wrongKey]);
  const pub = fs.readFileSync(`${fleet.clientKey}.pub`, 'utf8');
  for (const node of fleet.nodes) {
    // The account must reach its home and state through the node's directory (sshd's files in it stay root's).
    fs.mkdirSync(node.dir, { recursive: true, mode: 0o755 });
    fs.mkdirSync(node.home, { mode: 0o755 });
    fs.mkdirSync(path.join(node.home, '.ssh'), { mode: 0o700 });
    fs.writeFileSync(path.join(node.home, '.ssh', 'authorized_keys'), pub, { mode: 0o600 });
    ensureAccount(node);
    if (node.kind === 'argv') {
      fs.mkdirSync(path.join(node.dir, 'bin'), { recursive: true });
      fs.symlinkSync(process.execPath, path.join(node.dir, 'bin', 'node')); // the fixture snap's interpreter
    }
    seedState(fleet, node);
    const { uid, gid } = userOf(node.user)!;
    for (const p of [node.home, path.join(node.home, '.ssh'), path.join(node.home, '.ssh', 'authorized_keys')]) fs.chownSync(p, uid, gid);
    if (node.stateFile) run('chown', ['-R', `${uid}:${gid}`, path.dirname(node.stateFile)]);
    newHostKey(node);
    fs.writeFileSync(node.configFile, sshdConfig(node, STATE_ENV));
  }
  fs.writeFileSync(fleet.knownHosts, fleet.nodes.map(knownHostsLine).join('\n') + '\n');
  const rules = path.join(fleet.dir, 'sudoers');
  fs.writeFileSync(rules, sudoers(fleet), { mode: 0o440 });
  run('visudo', ['-cqf', rules]);
  fs.copyFileSync(rules, fleet.sudoersFile);
  fs.chmodSync(fleet.sudoersFile, 0o440);
  for (const node of fleet.nodes) await startNode(node);
  fs.writeFileSync(path.join(fleet.dir, 'fleet.json'), JSON.stringify(fleet, null, 1));
  say(`${fleet.nodes.length} sshd nodes up on ${fleet.nodes.map((n) => `${n.address}:${n.port}`).join(', ')}`);
}

/** The node comes back with a new host key (reinstalled): its old connections are gone. */
export async function rotateHostKey(node: FleetNode): Promise<void> {
  await stopNode(node);
  newHostKey(node);
  await startNode(node);
}
