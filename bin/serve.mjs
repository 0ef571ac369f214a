// `confinement-dashboard serve [--demo] [--port N] [--bind ADDR] [--snapshot FILE]` and
// `npm start`: starts the production server.
//   - in a checkout, the build of `npm run build` (.next), through `next start`;
//   - in the installed package, the prebuilt standalone server in dist/server (scripts/package.mjs).
// Settings come from the environment (README "Settings"); --port and --bind override PORT and
// CONFINEMENT_DASHBOARD_BIND.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

export const SERVE_USAGE = `usage: confinement-dashboard serve [--demo] [--port N] [--bind ADDR] [--snapshot FILE]

  --demo           the built-in simulated host (nothing on this machine changes)
  --snapshot FILE  with --demo: replay a host snapshot exported from the Overview page
  --port N         TCP port (default: PORT, else 3000)
  --bind ADDR      address (default: CONFINEMENT_DASHBOARD_BIND, else 127.0.0.1)
`;

// Settings that are paths: made absolute here, because the standalone server changes its
// working directory to its own before reading them.
const PATH_SETTINGS = ['CONFINEMENT_DASHBOARD_STATE_DIR', 'CONFINEMENT_DASHBOARD_DEMO_BIN', 'CONFINEMENT_DASHBOARD_DEMO_ROOT', 'CONFINEMENT_DASHBOARD_DEMO_STATE'];

function fail(message, code = 64) {
  console.error(message);
  process.exit(code);
}

/** Which server to start: the checkout's build, or the package's standalone server. */
function findServer(root) {
  if (fs.existsSync(path.join(root, '.next', 'BUILD_ID')) && fs.existsSync(path.join(root, 'node_modules', '.bin', 'next'))) {
    return { kind: 'checkout', command: path.join(root, 'node_modules', '.bin', 'next') };
  }
  const standalone = path.join(root, 'dist', 'server', 'server.js');
  if (fs.existsSync(standalone)) return { kind: 'package', command: standalone };
  return null;
}

export function serve(argv, root) {
  const value = (flag) => {
    const at = argv.indexOf(flag);
    if (at < 0) return undefined;
    const v = argv[at + 1];
    if (v === undefined || v.startsWith('--')) fail(`${flag} needs a value.\n${SERVE_USAGE}`);
    return v;
  };
  const known = new Set(['--demo', '--port', '--bind', '--snapshot']);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--help' || argv[i] === '-h') {
      process.stdout.write(SERVE_USAGE);
      process.exit(0);
    }
    if (!known.has(argv[i])) fail(`Unknown option ${argv[i]}.\n${SERVE_USAGE}`);
    if (argv[i] !== '--demo') i++;
  }
  const demo = argv.includes('--demo');
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' };
  const port = value('--port') ?? env.PORT ?? '3000';
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) fail(`Not a port: ${port}`);
  const bind = value('--bind') ?? (env.CONFINEMENT_DASHBOARD_BIND || '127.0.0.1');

  const server = findServer(root);
  if (!server) fail('No production build found. Run "npm run build" first (or "npm run demo", which builds).', 1);

  if (demo) {
    env.CONFINEMENT_DASHBOARD_HOST_MODE = 'demo';
    // A fresh simulated host for every start, unless the caller chose a state file.
    if (!env.CONFINEMENT_DASHBOARD_DEMO_STATE) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'confinement-dashboard-demo-'));
      env.CONFINEMENT_DASHBOARD_DEMO_STATE = path.join(dir, 'state.json');
    }
    const snapshotFile = value('--snapshot');
    if (snapshotFile !== undefined) {
      let snapshot;
      try {
        snapshot = JSON.parse(fs.readFileSync(snapshotFile, 'utf8'));
      } catch (e) {
        fail(`Cannot read the snapshot ${snapshotFile}: ${e.message}`, 1);
      }
      const { stateFromSnapshot } = createRequire(import.meta.url)(path.join(root, 'demo', 'lib', 'snapshot.js'));
      fs.writeFileSync(env.CONFINEMENT_DASHBOARD_DEMO_STATE, JSON.stringify(stateFromSnapshot(snapshot)));
      console.log(`Simulated host seeded from ${snapshotFile}`);
    }
  } else if (argv.includes('--snapshot')) {
    fail('--snapshot goes with --demo.');
  }
  // The simulated host's files live in the package, wherever it is started from.
  env.CONFINEMENT_DASHBOARD_DEMO_BIN ||= path.join(root, 'demo', 'bin');
  env.CONFINEMENT_DASHBOARD_DEMO_ROOT ||= path.join(root, 'demo', 'host-root');
  for (const name of PATH_SETTINGS) if (env[name]) env[name] = path.resolve(env[name]);
  env.CONFINEMENT_DASHBOARD_BIND = bind;
  env.PORT = port;

  const child =
    server.kind === 'checkout'
      ? spawn(server.command, ['start', '-H', bind, '-p', port], { cwd: root, env, stdio: 'inherit' })
      : // The standalone server listens on HOSTNAME (its default is 0.0.0.0: never left to it).
        spawn(process.execPath, [server.command], { cwd: path.dirname(server.command), env: { ...env, HOSTNAME: bind }, stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
