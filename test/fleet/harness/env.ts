import fs from 'node:fs';
import path from 'node:path';
import { fleetLayout, type Fleet } from './layout';

export const FLEET_DIR_DEFAULT = '/tmp/cd-fleet';

/** The checkout (the harness and the suite both run from its root: npm scripts, vitest's root). */
function repoRoot(): string {
  const root = process.cwd();
  const pkg = path.join(root, 'package.json');
  if (!fs.existsSync(pkg) || !fs.readFileSync(pkg, 'utf8').includes('"name": "confinement-dashboard"')) {
    throw new Error(`run the fleet harness from the repository's root (not ${root})`);
  }
  return root;
}

/** The fleet as the harness lays it out for FLEET_DIR and FLEET_SSH_PORT. */
export function fleetFromEnv(): Fleet {
  const port = Number(process.env.FLEET_SSH_PORT || 2222);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) throw new Error(`FLEET_SSH_PORT: not a port above 1023: ${process.env.FLEET_SSH_PORT}`);
  return fleetLayout(path.resolve(process.env.FLEET_DIR || FLEET_DIR_DEFAULT), port, repoRoot());
}

/** The fleet that is up (written by fleetUp), or an error saying how to bring it up. */
export function runningFleet(): Fleet {
  const file = path.join(fleetFromEnv().dir, 'fleet.json');
  if (!fs.existsSync(file)) throw new Error(`no test fleet is up (${file} is missing): run npm run test:fleet, or tsx test/fleet/harness/cli.ts up`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Fleet;
}
