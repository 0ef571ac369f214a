import 'server-only';
import type { Host } from '../host';
import { isHostError } from '../host/errors';
import { parseConnections, parseSnapList } from './parse';

/**
 * A snapshot of this host's snap state: the raw outputs of the snap commands
 * the dashboard reads, keyed by command line (with MicroK8s: `snap services
 * microk8s` and `microk8s status --format yaml` too; never the kernel log). An admin can download it to
 * share when asking for help, and `npm run demo -- --snapshot FILE` replays it
 * as a simulated host (demo/lib/snapshot.js reads the same keys).
 */

const COMMANDS: string[][] = [
  ['list'],
  ['connections', '--all'],
  ['connections', 'system'],
  ['interface', '--all'],
  ['version'],
  ['debug', 'confinement'],
  ['debug', 'sandbox-features'],
  ['changes', '--abs-time'],
];

export async function captureHostSnapshot(host: Host): Promise<{ hostname: string; snapshot: Record<string, string>; failed: Record<string, string> }> {
  const snapshot: Record<string, string> = {};
  const failed: Record<string, string> = {};
  const record = async (args: string[]) => {
    const key = ['snap', ...args].join(' ');
    // `snap list` is recorded as piped output, which is what --unicode/--color=never give.
    const run = args[0] === 'list' ? ['list', '--unicode=never', '--color=never'] : args;
    try {
      snapshot[key] = (await host.read('snap', run)).stdout;
    } catch (e) {
      snapshot[key] = isHostError(e) ? e.stdout : '';
      failed[key] = isHostError(e) ? (e.toolMessage ?? e.message) : String(e);
    }
  };
  for (const args of COMMANDS) await record(args);
  for (const snap of parseSnapList(snapshot['snap list'] ?? '')) await record(['connections', snap.name]);
  const used = [...new Set(parseConnections(snapshot['snap connections --all'] ?? '').map((c) => c.interface))].sort();
  for (const name of used) await record(['interface', name]);
  // What an admin asking for help about MicroK8s is asked for first (review problem 23).
  if (parseSnapList(snapshot['snap list'] ?? '').some((s) => s.name === 'microk8s')) {
    await record(['services', 'microk8s']);
    const key = 'microk8s status --format yaml';
    try {
      // exit 1 is `microk8s status` saying it is not running: an answer, recorded as such
      snapshot[key] = (await host.read('microk8s', ['status', '--format', 'yaml'], { okExitCodes: [1] })).stdout;
    } catch (e) {
      snapshot[key] = isHostError(e) ? e.stdout : '';
      failed[key] = isHostError(e) ? (e.toolMessage ?? e.message) : String(e);
    }
  }
  const hostname = await host.hostname().catch(() => '(unknown host)');
  return { hostname, snapshot, failed };
}
