import fs from 'node:fs';
import path from 'node:path';
import { readSettings } from '../lib/config';
import { ensureAdminToken, TOKEN_FILE } from '../lib/auth/token';
import { ensureMetricsToken, METRICS_TOKEN_FILE } from '../lib/auth/metrics-token';
import { generateSecret, replaceSecretFile } from '../lib/state/private-files';
import { DEFAULT_STATE_DIR, SERVICE_NAME } from '../lib/service/unit';

const USAGE = `usage: confinement-dashboard token [--metrics] [--rotate] [--state-dir DIR | --service]

Prints the admin token (or with --metrics the read-only token for GET /metrics)
on stdout, creating it if the dashboard has not yet. --rotate replaces it; the
running dashboard uses the new one after a restart.

  --state-dir DIR   the dashboard's state directory (default: CONFINEMENT_DASHBOARD_STATE_DIR,
                    else ~/.local/state/confinement-dashboard)
  --service         the installed service's, ${DEFAULT_STATE_DIR}; run with sudo: the
                    command then acts as the directory's owner, never as root
`;

/**
 * Run as root on a directory that belongs to the service's user: become that
 * user before touching anything, so the files keep their owner and mode (the
 * state-dir checks would rightly refuse root's files there).
 */
function actAsOwner(dir: string, service: boolean): void {
  if (process.getuid?.() !== 0) return;
  if (!fs.existsSync(dir) || fs.statSync(dir).uid === 0) {
    // Root's own secrets in the service's directory would lock the service out of it.
    if (service) throw new Error(`${dir} is missing or belongs to root: run "sudo confinement-dashboard install-service --write" first.`);
    return;
  }
  const st = fs.statSync(dir);
  process.setgroups?.([st.gid]);
  process.setgid?.(st.gid);
  process.setuid?.(st.uid);
}

export async function tokenCommand(argv: string[]): Promise<number> {
  let metrics = false;
  let rotate = false;
  let stateDir: string | null = null;
  let service = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--metrics') metrics = true;
    else if (a === '--rotate') rotate = true;
    else if (a === '--service') {
      stateDir = DEFAULT_STATE_DIR;
      service = true;
    }
    else if (a === '--state-dir' && argv[i + 1]) stateDir = path.resolve(argv[++i]!);
    else if (a === '--help' || a === '-h') {
      process.stdout.write(USAGE);
      return 0;
    } else {
      process.stderr.write(`error: unknown option ${a}\n${USAGE}`);
      return 64;
    }
  }
  const cfg = readSettings(stateDir ? { ...process.env, CONFINEMENT_DASHBOARD_STATE_DIR: stateDir } : process.env);
  actAsOwner(cfg.stateDir, service);
  const fromEnv = metrics ? cfg.metricsTokenFromEnv : cfg.tokenFromEnv;
  const variable = metrics ? 'CONFINEMENT_DASHBOARD_METRICS_TOKEN' : 'CONFINEMENT_DASHBOARD_TOKEN';
  if (rotate) {
    if (fromEnv !== null) {
      process.stderr.write(`error: this token comes from ${variable}; change it there.\n`);
      return 1;
    }
    const file = path.join(cfg.stateDir, metrics ? METRICS_TOKEN_FILE : TOKEN_FILE);
    let token = generateSecret();
    // The metrics token must never equal the admin token (nor the reverse); at 256 bits this is belt and braces.
    const other = metrics ? ensureAdminToken(cfg).token : ensureMetricsToken(cfg).token;
    while (token === other) token = generateSecret();
    replaceSecretFile(file, token);
    process.stdout.write(`${token}\n`);
    process.stderr.write(
      `New ${metrics ? 'metrics' : 'admin'} token written to ${file}. The running dashboard keeps the old one until it restarts` +
        ` (sudo systemctl restart ${SERVICE_NAME}).${metrics ? ' Update the token file your Prometheus server reads.' : ''}\n`,
    );
    return 0;
  }
  const token = metrics ? ensureMetricsToken(cfg).token : ensureAdminToken(cfg).token;
  process.stdout.write(`${token}\n`);
  return 0;
}
