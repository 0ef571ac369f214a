import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_STATE_DIR,
  SERVICE_NAME,
  SUDOERS_PATH,
  UNIT_PATH,
  checkServiceOptions,
  defaultServiceOptions,
  sudoersDropIn,
  systemdUnit,
  type ServiceOptions,
} from '../lib/service/unit';

/**
 * `confinement-dashboard install-service`: installs the dashboard itself on
 * this machine (not a host operation, hence not in lib/host): prints the
 * systemd unit and the sudoers drop-in, or with --write (as root) creates the
 * system user, writes both files (the drop-in only after `visudo -cf` accepts
 * it) and reloads systemd. --root DIR writes under DIR instead of / and skips
 * the user and systemd (packaging, and the tests).
 */

const USAGE = `usage: confinement-dashboard install-service [--write [--root DIR]] [--port N] [--bind ADDR]
                                            [--user NAME] [--snap PATH] [--no-sudo]
                                            [--ssh-nodes ADDR[/PREFIX][,…]]

Prints the systemd unit (${UNIT_PATH}) and the sudoers drop-in
(${SUDOERS_PATH}, only "snap connect" and "snap disconnect") for a dedicated
system user. With --write, as root: creates the user, writes both files and
runs systemctl daemon-reload. Then: sudo systemctl enable --now ${SERVICE_NAME}

  --port N        TCP port (default 3000)      --bind ADDR  address (default 127.0.0.1)
  --user NAME     system user (default ${SERVICE_NAME})
  --snap PATH     the snap command sudo runs (default /usr/bin/snap)
  --no-sudo       no sudo mode: read-only dashboard, fully hardened unit, no drop-in
  --ssh-nodes L   the fleet's nodes (addresses or CIDR prefixes, comma-separated) the
                  loopback-only IP filter lets the service reach over SSH
  --root DIR      with --write: write under DIR instead of /, no user, no systemctl
`;

function cliPath(): string {
  // bin/confinement-dashboard.mjs of this installation (it sets this for us).
  const cli = process.env.CONFINEMENT_DASHBOARD_CLI;
  return cli && path.isAbsolute(cli) ? cli : path.resolve('bin', 'confinement-dashboard.mjs');
}

function parse(argv: string[]): { options: ServiceOptions; write: boolean; root: string | null } | string {
  const options = defaultServiceOptions(process.execPath, cliPath());
  let write = false;
  let root: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => argv[++i] ?? '';
    if (a === '--write') write = true;
    else if (a === '--root') root = path.resolve(value());
    else if (a === '--port') options.port = Number(value());
    else if (a === '--bind') options.bind = value();
    else if (a === '--user') options.user = value();
    else if (a === '--snap') options.snap = value();
    else if (a === '--no-sudo') options.sudo = false;
    else if (a === '--ssh-nodes') options.sshNodes.push(...value().split(',').map((v) => v.trim()).filter(Boolean));
    else return `unknown option ${a}`;
  }
  if (root !== null && !write) return '--root only goes with --write';
  const errors = checkServiceOptions(options);
  return errors.length ? errors.join('\n') : { options, write, root };
}

function run(cmd: string, args: string[]): { ok: boolean; output: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? r.error.message : ''}`.trim() };
}

/** Written next to its place, checked, then renamed into it: never a half-written file in /etc. */
function writeFile(file: string, text: string, mode: number, check?: (tmp: string) => string | null): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  fs.writeFileSync(tmp, text, { mode, flag: 'wx' });
  fs.chmodSync(tmp, mode);
  const problem = check?.(tmp) ?? null;
  if (problem) {
    fs.unlinkSync(tmp);
    throw new Error(problem);
  }
  fs.renameSync(tmp, file);
}

function ensureUser(user: string): void {
  if (!run('getent', ['passwd', user]).ok) {
    const r = run('useradd', ['--system', '--user-group', '--home-dir', DEFAULT_STATE_DIR, '--no-create-home', '--shell', '/usr/sbin/nologin', '--comment', 'Confinement Dashboard', user]);
    if (!r.ok) throw new Error(`useradd ${user} failed: ${r.output}`);
  }
  // systemd's StateDirectory= would create it at the first start; made now (the user's, 0700)
  // so `token --service` works before that.
  const [uid, gid] = ['-u', '-g'].map((flag) => Number(run('id', [flag, user]).output));
  fs.mkdirSync(DEFAULT_STATE_DIR, { recursive: true, mode: 0o700 });
  fs.chownSync(DEFAULT_STATE_DIR, uid!, gid!);
  fs.chmodSync(DEFAULT_STATE_DIR, 0o700);
}

export async function installServiceCommand(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const parsed = parse(argv);
  if (typeof parsed === 'string') {
    process.stderr.write(`error: ${parsed}\n${USAGE}`);
    return 64;
  }
  const { options, write, root } = parsed;
  const unit = systemdUnit(options);
  const sudoers = options.sudo ? sudoersDropIn(options) : null;
  if (!write) {
    process.stdout.write(`${unit}\n${sudoers ?? `# No sudoers drop-in: --no-sudo.\n`}`);
    return 0;
  }
  if (root === null && process.getuid?.() !== 0) {
    process.stderr.write('error: --write changes /etc and creates a system user: run it as root (sudo).\n');
    return 77;
  }
  const under = (p: string) => (root ? path.join(root, p) : p);
  if (root === null) ensureUser(options.user);
  if (sudoers) {
    writeFile(under(SUDOERS_PATH), sudoers, 0o440, (tmp) => {
      const r = run('visudo', ['-c', '-q', '-f', tmp]);
      return r.ok ? null : `visudo refused the drop-in, nothing written: ${r.output}`;
    });
  } else if (fs.existsSync(under(SUDOERS_PATH))) {
    fs.unlinkSync(under(SUDOERS_PATH)); // --no-sudo: an old grant must not stay behind
  }
  writeFile(under(UNIT_PATH), unit, 0o644);
  process.stderr.write(`Wrote ${under(UNIT_PATH)}${sudoers ? ` and ${under(SUDOERS_PATH)}` : ''}.\n`);
  if (root === null) {
    if (fs.existsSync('/run/systemd/system')) {
      const r = run('systemctl', ['daemon-reload']);
      if (!r.ok) process.stderr.write(`systemctl daemon-reload failed: ${r.output}\n`);
    }
    process.stderr.write(
      `Next:\n  sudo systemctl enable --now ${SERVICE_NAME}\n  sudo confinement-dashboard token --service     # the admin token\n` +
        `  open http://${options.bind.includes(':') ? `[${options.bind}]` : options.bind}:${options.port}/login\n`,
    );
  }
  return 0;
}
