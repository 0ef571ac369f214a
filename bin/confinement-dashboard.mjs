#!/usr/bin/env node
// Entry point of `npx confinement-dashboard denials ...`. The analysis is the
// dashboard's own TypeScript code, run through tsx; the react-server condition
// makes `server-only` a no-op outside Next, as it is inside it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const child = spawn(
  process.execPath,
  ['--conditions=react-server', '--import', pathToFileURL(path.join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href, path.join(root, 'lib', 'denials', 'cli-main.ts'), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    cwd: process.cwd(),
    env: {
      // The simulated host's files live in the package, wherever the CLI is run from.
      CONFINEMENT_DASHBOARD_DEMO_BIN: path.join(root, 'demo', 'bin'),
      CONFINEMENT_DASHBOARD_DEMO_ROOT: path.join(root, 'demo', 'host-root'),
      ...process.env,
      TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.json'),
    },
  },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
