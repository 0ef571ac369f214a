/**
 * `tsx test/fleet/harness/cli.ts up|down`: the test fleet by hand (run.mjs
 * calls the same). FLEET_DIR (default /tmp/cd-fleet), FLEET_SSH_PORT (2222).
 */
import { fleetDown, fleetUp } from './fleet';
import { fleetFromEnv } from './env';

const what = process.argv[2];

async function main(): Promise<void> {
  const fleet = fleetFromEnv();
  if (what === 'up') await fleetUp(fleet);
  else if (what === 'down') await fleetDown(fleet);
  else throw new Error('usage: cli.ts up|down');
}

main().catch((e: unknown) => {
  console.error(`[fleet] ${what}: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
