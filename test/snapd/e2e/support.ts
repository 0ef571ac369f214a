/**
 * Helpers for the browser phase against the lab's REAL snapd (test/snapd/README.md).
 *
 * Playwright compiles these files as CommonJS (the repository has no "type": "module"),
 * so nothing here may use `import.meta`; that is why ../support/lab.ts (which does) is not
 * imported, and the few helpers it has that the browser phase needs are repeated here.
 *
 * Witnesses: the real `snap` CLI run as root with LC_ALL=C (never through the app), parsed
 * with the app's own pure parsers (lib/snap/parse.ts).
 */
import { expect, type Page } from '@playwright/test';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseConnections, type Connection } from '../../../lib/snap/parse';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const HARNESS = path.join(REPO_ROOT, 'test', 'snapd', 'harness');
export const LAB_DIR = process.env.SNAPD_LAB_DIR || '/tmp/snapd-lab';
export const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Set by playwright.config.ts (workers inherit it). */
export const TOKEN = process.env.SNAPD_E2E_TOKEN!;
export const STATE_ROOT = process.env.SNAPD_E2E_STATE_DIR!;
export const ROOT_PORT = Number(process.env.SNAPD_E2E_PORT ?? 3300);
/** The ordinary user's servers: without sudo mode on ROOT_PORT+1, with sudo mode on ROOT_PORT+2. */
export const USER_PORT = ROOT_PORT + 1;
export const SUDO_USER_PORT = ROOT_PORT + 2;

// ------------------------------------------------------------------------------------- snap CLI

export interface Exec {
  stdout: string;
  stderr: string;
  code: number;
}

function exec(file: string, args: readonly string[], env: Record<string, string>, timeout = 60_000): Exec {
  // (Next's types make NODE_ENV mandatory in ProcessEnv; children do not need it.)
  const r = spawnSync(file, args, { env: env as NodeJS.ProcessEnv, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
}

/** The real `snap` as root, LC_ALL=C, piped: the independent witness. */
export function snapRun(...args: string[]): Exec {
  return exec('snap', args, { PATH: SYSTEM_PATH, LC_ALL: 'C', LANG: 'C', HOME: '/root' });
}

/** stdout of a `snap` command that must succeed. */
export function snap(...args: string[]): string {
  const r = snapRun(...args);
  if (r.code !== 0) throw new Error(`snap ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

/** The real `snap connections SNAP` (or --all), parsed by the app's parser. */
export function realConnections(arg = '--all'): Connection[] {
  return parseConnections(snap('connections', arg));
}

/** The slots the given plug is connected to, per the real CLI, as "snap:name" (":name" for the system snap). */
export function connectedSlots(snapName: string, plug: string): string[] {
  return realConnections(snapName)
    .filter((c) => c.plug?.snap === snapName && c.plug.name === plug && c.slot)
    .map((c) => (c.slot!.snap === 'system' ? `:${c.slot!.name}` : `${c.slot!.snap}:${c.slot!.name}`));
}

/**
 * The dashboard's server keeps a read for 2 s (lib/host/run.ts, READ_CACHE_TTL_MS), and in
 * two copies: the route handlers' and the server-rendered pages' (Next bundles them apart),
 * and a connect through the UI clears only the first. A change made behind the server's back
 * (the CLI, here) is visible to the next page only once that moment has passed.
 */
export function settleServerReadCache(): Promise<void> {
  return new Promise((r) => setTimeout(r, 2_500));
}

/**
 * Disconnects each of the snap's plugs that is connected (as root, directly): restores the lab's
 * state. One `snap connections` for all of them, and one wait for the read cache after the last
 * disconnect (not one per plug).
 */
export async function ensureDisconnected(snapName: string, ...plugs: string[]): Promise<void> {
  const rows = realConnections(snapName);
  const connected = plugs.filter((plug) => rows.some((c) => c.plug?.snap === snapName && c.plug.name === plug && c.slot));
  for (const plug of connected) snap('disconnect', `${snapName}:${plug}`);
  if (connected.length) await settleServerReadCache();
}

/** The highest change id snapd knows ("0" when there are none): that nothing was started. */
export function lastChangeId(): number {
  const r = snapRun('changes', '--abs-time');
  return Math.max(0, ...r.stdout.split('\n').slice(1).map((l) => Number.parseInt(l, 10)).filter(Number.isFinite));
}

// ------------------------------------------------------------------------------------- the lab

/**
 * A second content provider, so that microk8s:configuration has two candidate slots and the
 * snap page shows its slot picker (with one candidate it shows that one, no picker). Same
 * content tag as lab-config-provider. Packed with `snap pack`, installed with --dangerous,
 * removed with --purge afterwards (lab-down.sh wipes it too); about 1.5 s in all.
 */
export const SECOND_PROVIDER = 'lab-config-provider-b';

export async function installSecondProvider(): Promise<void> {
  if (snapRun('list', SECOND_PROVIDER).code === 0) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-provider-b-'));
  try {
    const src = path.join(dir, 'src');
    fs.mkdirSync(path.join(src, 'meta'), { recursive: true });
    fs.mkdirSync(path.join(src, 'configuration'));
    fs.writeFileSync(
      path.join(src, 'meta', 'snap.yaml'),
      [
        `name: ${SECOND_PROVIDER}`,
        'version: "1.0"',
        'summary: A second content provider (browser-phase fixture)',
        'description: Offers a content slot "configuration" like lab-config-provider, so that the slot picker has a choice.',
        'grade: stable',
        'confinement: strict',
        'base: core22',
        'slots:',
        '  configuration:',
        '    interface: content',
        '    content: configuration',
        '    read: [$SNAP/configuration]',
        '',
      ].join('\n'),
    );
    snap('pack', src, dir);
    snap('install', '--dangerous', path.join(dir, `${SECOND_PROVIDER}_1.0_all.snap`));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await settleServerReadCache();
}

export async function removeSecondProvider(): Promise<void> {
  if (snapRun('list', SECOND_PROVIDER).code !== 0) return;
  snap('remove', '--purge', SECOND_PROVIDER);
  await settleServerReadCache();
}

/** harness/lab-daemon.sh stop|start: the supervisor (snapd.socket + snapd.service) goes away / comes back. */
export function labDaemon(action: 'stop' | 'start'): void {
  const r = exec('bash', [path.join(HARNESS, 'lab-daemon.sh'), action], { PATH: SYSTEM_PATH, SNAPD_LAB_DIR: LAB_DIR }, 180_000);
  if (r.code !== 0) throw new Error(`lab-daemon.sh ${action} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
}

export function snapdSocketExists(): boolean {
  return fs.existsSync('/run/snapd.socket');
}

// ------------------------------------------------------------------------------------- the browser

/** Logs in through the login form with the fixed token of these servers. */
export async function login(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Admin token').fill(TOKEN);
  await page.getByRole('button', { name: /log in/i }).click();
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
}

/** Collects uncaught exceptions in the page (a crashed React tree would show up here). */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
  return errors;
}

// ------------------------------------------------------------------------------------- cdlab

/** The ordinary user of the access tests (the same name access.test.ts uses; never both at once). */
export const USER = 'cdlab';
const USER_MARKER = path.join(LAB_DIR, `created-${USER}`); // lab-down.sh removes the user if a killed run left it
export const SUDOERS = '/etc/sudoers.d/confinement-dashboard-snapd-lab'; // lab-down.sh removes it too
/** The README's sudoers line, for this user. */
export const SUDOERS_LINE = `${USER} ALL=(root) NOPASSWD: /usr/bin/snap connect *, /usr/bin/snap disconnect *`;

function must(file: string, args: readonly string[]): void {
  const r = exec(file, args, { PATH: SYSTEM_PATH });
  if (r.code !== 0) throw new Error(`${file} ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
}

function userExists(): boolean {
  return exec('id', ['-u', USER], { PATH: SYSTEM_PATH }).code === 0;
}

export function createUser(): void {
  if (userExists()) {
    // left by a killed run (marker), or somebody's real user: never touch the latter
    if (!fs.existsSync(USER_MARKER)) throw new Error(`user ${USER} exists and this suite did not create it; refusing to use or delete it`);
    removeUser();
  }
  fs.mkdirSync(LAB_DIR, { recursive: true });
  fs.writeFileSync(USER_MARKER, `${new Date().toISOString()} (browser phase)\n`);
  must('useradd', ['--create-home', '--shell', '/bin/bash', USER]);
  // the server reads the repository (and the production build) as this user
  const denied = exec('runuser', ['-u', USER, '--', 'test', '-r', path.join(REPO_ROOT, '.next', 'BUILD_ID')], { PATH: SYSTEM_PATH });
  if (denied.code !== 0) throw new Error(`${USER} cannot read ${REPO_ROOT}/.next; the browser phase needs the checkout readable by other users`);
}

export function removeUser(): void {
  removeSudoers();
  if (fs.existsSync(USER_MARKER) && userExists()) must('userdel', ['-r', USER]);
  fs.rmSync(USER_MARKER, { force: true });
}

/** Installs the README's sudoers line for cdlab, checked with `visudo -c` first. */
export function installSudoers(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-sudoers-'));
  try {
    const tmp = path.join(dir, 'line');
    fs.writeFileSync(tmp, SUDOERS_LINE + '\n', { mode: 0o440 });
    must('visudo', ['-c', '-f', tmp]);
    fs.copyFileSync(tmp, SUDOERS);
    fs.chmodSync(SUDOERS, 0o440);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  must('visudo', ['-c']);
}

export function removeSudoers(): void {
  fs.rmSync(SUDOERS, { force: true });
}

/** A state directory owned by cdlab (mode 0700, as the app creates its own). */
export function userStateDir(name: string): string {
  const dir = path.join(STATE_ROOT, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  must('chown', [`${USER}:`, dir]);
  // STATE_ROOT is root's 0700 mkdtemp: let cdlab through to its own directory
  fs.chmodSync(STATE_ROOT, 0o711);
  return dir;
}

// ------------------------------------------------------------------------------------- servers

/** The pids of every descendant of pid (read from /proc), deepest last. */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      /* gone */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

/** Running (a zombie is not: it only waits for its parent to reap it). */
function alive(pid: number): boolean {
  try {
    return !/^State:\s*Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** Where startUserServer records the pids it started (global-teardown.ts, then lab-down.sh, end any left). */
export const SERVER_PIDS = path.join(LAB_DIR, 'e2e-servers.pids');

/**
 * SIGTERM to pids, then SIGKILL to those still running after 2 s. (Next's server, told
 * SIGTERM, waits for the browser's keep-alive connections to close: 10 s and more while a
 * page is still open. These servers hold nothing worth a graceful end.)
 */
async function terminate(pids: number[]): Promise<void> {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  }
  const deadline = Date.now() + 2_000;
  while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  for (const pid of pids.filter(alive)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

/**
 * Ends pid and all its descendants, by pid: the descendants first (deepest first), then pid
 * itself if it is still there. (runuser, told SIGTERM, waits 2 s before it exits; when its
 * child exits it exits at once.)
 */
export async function killTree(root: number): Promise<void> {
  await terminate(descendants(root).filter(alive).reverse());
  const deadline = Date.now() + 1_000;
  while (alive(root) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (alive(root)) await terminate([root]);
}

export interface Server {
  url: string;
  child: ChildProcess;
  log: () => string;
  stop: () => Promise<void>;
}

/**
 * The production build as cdlab (`runuser -u cdlab -- node scripts/start.mjs`), host mode
 * local, with or without sudo mode. Started in the worker's process group, so that a group
 * kill of the Playwright run (run.mjs on a signal) takes it along; stop() ends it and every
 * descendant by pid.
 */
export async function startUserServer(port: number, opts: { sudo: boolean }): Promise<Server> {
  if (await portOpen(port)) throw new Error(`port ${port} is already in use`);
  const stateDir = userStateDir(opts.sudo ? 'user-sudo' : 'user');
  const env: Record<string, string> = {
    PATH: SYSTEM_PATH,
    HOME: `/home/${USER}`,
    LANG: 'C.UTF-8',
    PORT: String(port),
    CONFINEMENT_DASHBOARD_TOKEN: TOKEN,
    CONFINEMENT_DASHBOARD_STATE_DIR: stateDir,
    CONFINEMENT_DASHBOARD_HOST_MODE: 'local',
    NEXT_TELEMETRY_DISABLED: '1',
  };
  if (opts.sudo) env.CONFINEMENT_DASHBOARD_SUDO = '1';
  const child = spawn('runuser', ['-u', USER, '--', process.execPath, path.join(REPO_ROOT, 'scripts', 'start.mjs')], {
    cwd: REPO_ROOT,
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  // recorded for global-teardown.ts, should this worker die before stop() runs
  fs.appendFileSync(SERVER_PIDS, `${child.pid}\n`);
  const stop = () => killTree(child.pid!);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server as ${USER} exited (${child.exitCode ?? child.signalCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/login`);
      if (res.ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server as ${USER} did not answer on ${url} within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  // it must really run as cdlab: its next-server process belongs to that uid
  const uids = descendants(child.pid!).map((pid) => {
    try {
      return /^Uid:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    } catch {
      return undefined;
    }
  });
  const cdlabUid = execFileSync('id', ['-u', USER], { encoding: 'utf8' }).trim();
  if (!uids.includes(cdlabUid) || uids.includes('0')) {
    await stop();
    throw new Error(`the server's processes run as uids ${uids.join(',')}, expected only ${cdlabUid}`);
  }
  return { url, child, log: () => output, stop };
}
