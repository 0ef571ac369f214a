import 'server-only';
import type { CommandResult, Host } from '../host';

/**
 * A read-only `snap` command on a host, through its read cache. snapd is probed only when the
 * command really runs: cached and shared reads cost nothing extra.
 */
export function readSnap(host: Host, args: readonly string[]): Promise<CommandResult> {
  return host.read('snap', args, { beforeRun: () => host.probeSnapd() });
}
