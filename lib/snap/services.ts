import 'server-only';
import type { Host } from '../host';
import { parseServices, type SnapService } from './services-parse';

/** `snap services SNAP`: the snap's daemons, enabled at boot or not, active or not. */
export async function snapServices(host: Host, snap: string): Promise<SnapService[]> {
  // No services: snap prints a line on stderr and nothing on stdout, which parses as none.
  const r = await host.read('snap', ['services', snap], { beforeRun: () => host.probeSnapd() });
  return parseServices(r.stdout);
}
export type { SnapService };
