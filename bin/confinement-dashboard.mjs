#!/usr/bin/env node
// The `confinement-dashboard` command. `serve` and `--version` are plain JavaScript
// (bin/serve.mjs); `denials`, `token` and `install-service` are the dashboard's own
// TypeScript (cli/main.ts): run through tsx in a checkout, from the bundle dist/cli.mjs
// in the installed package. The react-server condition makes `server-only` a no-op
// outside Next, as it is inside it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve } from './serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [command, ...rest] = process.argv.slice(2);
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

const USAGE = `confinement-dashboard ${version}: how the snaps on a Linux host are confined.

usage: confinement-dashboard <command> [options]

  serve [--demo] [--port N] [--bind ADDR]     start the dashboard (the production server)
  denials [FILE|-] [--this-host] [--json]     analyse AppArmor/seccomp denials in a log
  token [--metrics] [--rotate] [--service]    print (or rotate) the admin or metrics token
  install-service [--write] [--port N] ...    the systemd unit and sudoers drop-in
  --version                                   print the version

"confinement-dashboard <command> --help" tells more.
`;

if (command === '--version' || command === '-V' || command === 'version') {
  console.log(version);
} else if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
  process.stdout.write(USAGE);
} else if (command === 'serve') {
  serve(rest, root);
} else if (['denials', 'token', 'install-service'].includes(command)) {
  const source = path.join(root, 'cli', 'main.ts');
  const argv = fs.existsSync(source)
    ? ['--conditions=react-server', '--import', pathToFileURL(path.join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href, source]
    : [path.join(root, 'dist', 'cli.mjs')];
  const child = spawn(process.execPath, [...argv, command, ...rest], {
    stdio: 'inherit',
    cwd: process.cwd(),
    env: {
      // The simulated host's files live in the package, wherever the CLI is run from.
      CONFINEMENT_DASHBOARD_DEMO_BIN: path.join(root, 'demo', 'bin'),
      CONFINEMENT_DASHBOARD_DEMO_ROOT: path.join(root, 'demo', 'host-root'),
      ...process.env,
      CONFINEMENT_DASHBOARD_CLI: fileURLToPath(import.meta.url),
      TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.json'),
    },
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  process.stderr.write(`unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
  process.exit(64);
}
