import 'server-only';
import type { Host } from '../host';
import { hasProblem } from '../errors/problem';
import { parseSnapVersion } from '../snap/parse';
import type { HostStatus } from '../contracts/hosts';
import { mapLimit } from './limit';

/** How many hosts are asked at once (SSH has its own bound per connection). */
export const FLEET_CONCURRENCY = 8;

export function describeFailure(e: unknown): string {
  if (hasProblem(e)) {
    const p = e.problem();
    return p.hint ? `${p.message} — ${p.hint}` : p.message;
  }
  return e instanceof Error ? e.message : String(e);
}

/** Whether a host answers, its name, snapd's version and how long it took. */
export async function hostStatus(host: Host): Promise<HostStatus> {
  const base = { id: host.id, name: host.name, transport: host.capabilities.transport };
  const started = performance.now();
  try {
    const [hostname, version] = await Promise.all([host.hostname(), host.read('snap', ['version'], { beforeRun: () => host.probeSnapd() })]);
    return {
      ...base,
      hostname,
      reachable: true,
      snapdVersion: parseSnapVersion(version.stdout).snapd ?? undefined,
      latencyMs: Math.round(Math.max(version.durationMs, performance.now() - started)),
    };
  } catch (e) {
    // A host whose snapd is down still answered: only a failure to reach it makes it unreachable.
    const unreachable = hasProblem(e) && ['unreachable', 'host-key-unknown', 'host-key-changed', 'auth-failed', 'timeout'].includes(e.problem().code);
    const hostname = unreachable ? null : await host.hostname().catch(() => null);
    return { ...base, hostname, reachable: !unreachable && hostname !== null, error: describeFailure(e) };
  }
}

export function hostStatuses(hosts: readonly Host[]): Promise<HostStatus[]> {
  return mapLimit(hosts, FLEET_CONCURRENCY, hostStatus);
}
