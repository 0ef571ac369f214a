/**
 * The TypeScript half of the `confinement-dashboard` command (bin/ dispatches
 * here for everything but `serve` and `--version`): run through tsx in a
 * checkout, bundled into dist/cli.mjs in the package (scripts/package.mjs).
 */
import { main as denials } from '../lib/denials/cli-main';
import { tokenCommand } from './token';
import { installServiceCommand } from './install-service';

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  denials: (argv) => denials(['denials', ...argv]),
  token: tokenCommand,
  'install-service': installServiceCommand,
};

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const handler = command === undefined ? undefined : COMMANDS[command];
  if (!handler) {
    process.stderr.write(`unknown command ${JSON.stringify(command ?? '')}; try confinement-dashboard --help\n`);
    return 64;
  }
  return handler(rest);
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
