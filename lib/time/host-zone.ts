import 'server-only';
import type { Host } from '../host';
import type { HostTimeZone } from '../contracts/time-zone';
import { parseDateZone, parseTimedatectlZone } from './parse-zone';
import { notInSnapshot } from '../host/replay';

// A host's zone changes about never (an admin's `timedatectl set-timezone`): a minute keeps it true cheaply.
const ZONE_TTL_MS = 60_000;
const seen = new WeakMap<Host, { value: HostTimeZone; expires: number }>();

function said(e: unknown): string {
  return e instanceof Error ? e.message.split('\n')[0]! : String(e);
}

/**
 * The zone the host's own tools print local times in. systemd hosts answer `timedatectl show -p
 * Timezone --value` (timedatectl(1)); without systemd as PID 1 it fails ("System has not been
 * booted with systemd as init system (PID 1). Can't operate.", exit 1), and coreutils' `date
 * '+%Z %z'` gives the abbreviation and offset in force now.
 */
export async function hostTimeZone(host: Host): Promise<HostTimeZone> {
  const known = seen.get(host);
  if (known && known.expires > Date.now()) return known.value;
  const value = await readZone(host);
  seen.set(host, { value, expires: Date.now() + ZONE_TTL_MS });
  return value;
}

async function readZone(host: Host): Promise<HostTimeZone> {
  const reasons: string[] = [];
  try {
    const zone = parseTimedatectlZone((await host.read('timedatectl', ['show', '-p', 'Timezone', '--value'])).stdout);
    if (zone) return zone;
    reasons.push('timedatectl named no zone that this server knows');
  } catch (e) {
    // a replayed snapshot holds no zone, and `date` would give this machine's
    if (notInSnapshot(host, e)) return { kind: 'unknown', reason: 'not in the snapshot' };
    reasons.push(`timedatectl: ${said(e)}`);
  }
  try {
    const zone = parseDateZone((await host.read('date', ['+%Z %z'])).stdout);
    if (zone) return zone;
    reasons.push("date printed no zone and offset");
  } catch (e) {
    reasons.push(`date: ${said(e)}`);
  }
  return { kind: 'unknown', reason: reasons.join('; ') };
}
