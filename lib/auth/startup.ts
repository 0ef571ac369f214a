import 'server-only';
import { settings, type Settings } from '../config';
import { currentHost } from '../host';
import { ensureSessionSecret } from './session';
import { ensureAdminToken, TOKEN_FILE } from './token';
import { ensureMetricsToken } from './metrics-token';
import path from 'node:path';

/**
 * Runs once when the server starts (instrumentation.ts):
 * 1. refuses to run as root unless CONFINEMENT_DASHBOARD_ALLOW_ROOT=1;
 * 2. creates the state directory, admin token, session secret and metrics token if missing;
 * 3. prints how to log in.
 *
 * Printing (review F8): the admin token is permanent and root-equivalent, so
 * it goes to the console only for an interactive demo (stdout a terminal, the
 * simulated host): `npm run demo` still opens with one click. Everywhere else —
 * a service, whose stdout is the journal that `adm`/`systemd-journal` members
 * read, or a real host in a terminal — only the login URL without the token
 * and the path of the 0600 token file are printed, even on the start that
 * created it. A token from CONFINEMENT_DASHBOARD_TOKEN is never printed.
 */

const ROOT_RISK =
  'The dashboard is a web server: a bug in it, in Next.js or in any dependency would then hand root to whoever can reach it. ' +
  'Run it as an ordinary user and let it use `sudo -n` for snap connect/disconnect only (CONFINEMENT_DASHBOARD_SUDO=1, see the README).';

export function rootRefusal(): string {
  return `Refusing to run as root. ${ROOT_RISK} To run as root anyway, set CONFINEMENT_DASHBOARD_ALLOW_ROOT=1.`;
}

function urlHost(cfg: Settings): string {
  const bind = cfg.bindAddress;
  if (bind === '0.0.0.0' || bind === '::' || bind === '[::]' || bind === '') return 'localhost';
  return bind.includes(':') && !bind.startsWith('[') ? `[${bind}]` : bind;
}

export function loginUrl(cfg: Settings, token?: string): string {
  const base = `http://${urlHost(cfg)}:${cfg.port}/login`;
  return token === undefined ? base : `${base}?token=${encodeURIComponent(token)}`;
}

let prepared = false;

export interface PrepareOptions {
  uid?: number;
  interactive?: boolean;
  log?: (line: string) => void;
}

function isLoopback(address: string): boolean {
  return address === 'localhost' || address === '::1' || address === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(address);
}

export function prepareServer(options: PrepareOptions = {}): void {
  if (prepared) return;
  const uid = options.uid ?? process.getuid?.();
  const log = options.log ?? ((line: string) => console.log(line));
  const cfg = settings();
  if (uid === 0) {
    // The simulated host needs no privilege and changes nothing on the machine; on loopback
    // the demo may run as root (containers, CI) with the warning, so `npm run demo` just works.
    const demoOnLoopback = currentHost().capabilities.simulated && isLoopback(cfg.bindAddress);
    if (!cfg.allowRoot && !demoOnLoopback) throw new Error(rootRefusal());
    const why = cfg.allowRoot ? 'because CONFINEMENT_DASHBOARD_ALLOW_ROOT is set' : 'for the simulated demo host on loopback';
    console.warn(`[confinement-dashboard] WARNING: running as root ${why}. ${ROOT_RISK}`);
  }

  // Forwarded headers are only trustworthy from a proxy on this machine: with the dashboard
  // itself reachable from the network, any client could forge its address.
  if (cfg.trustProxy && !isLoopback(cfg.bindAddress)) {
    throw new Error(
      `Refusing CONFINEMENT_DASHBOARD_TRUST_PROXY with CONFINEMENT_DASHBOARD_BIND=${cfg.bindAddress}: a trusted reverse proxy must be the only way in, so keep the dashboard on 127.0.0.1 (or ::1) behind it.`,
    );
  }
  const admin = ensureAdminToken(cfg);
  ensureSessionSecret(cfg);
  // Created now, so `confinement-dashboard token --metrics` and a Prometheus server find it.
  ensureMetricsToken(cfg);
  const interactive = options.interactive ?? Boolean(process.stdout.isTTY);
  const demo = currentHost().capabilities.simulated;

  log('');
  if (admin.source === 'env') {
    log(`  Confinement Dashboard: log in at ${loginUrl(cfg)} with the token from CONFINEMENT_DASHBOARD_TOKEN.`);
  } else if (interactive && demo) {
    log(`  Confinement Dashboard${admin.created ? ' (new admin token created)' : ''}: open this URL to log in:`);
    log(`      ${loginUrl(cfg, admin.token)}`);
  } else {
    const file = path.join(cfg.stateDir, TOKEN_FILE);
    log(`  Confinement Dashboard${admin.created ? ' (new admin token created)' : ''}: log in at ${loginUrl(cfg)}`);
    log(`  with the admin token in ${file} (readable by this user only; e.g. \`cat ${file}\` as this user).`);
  }
  log('');
  prepared = true;
}

/**
 * For instrumentation.ts: a refusal stops the process. (Throwing from
 * register() is not enough: Next logs "Failed to prepare server" and keeps
 * listening.)
 */
export function prepareServerOrExit(): void {
  try {
    prepareServer();
  } catch (e) {
    console.error(`[confinement-dashboard] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
