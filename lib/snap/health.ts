import 'server-only';
import type { Host } from '../host';
import { isValidSnapName } from '../validation/names';
import { hasDebugApi } from './attrs';
import { parseHealthApi, parseHealthInfo, type SnapHealthRecord } from './health-parse';
import { readSnap } from './read';

/**
 * The health message a snap set for itself (`snapctl set-health`), read from snapd: the REST
 * answer through `snap debug api` on snapd >= 2.64, `snap info NAME` before that. Null when the
 * snap has none to tell, or status `okay`/`unknown`.
 */
export async function snapHealth(host: Host, name: string): Promise<SnapHealthRecord | null> {
  if (!isValidSnapName(name)) throw new Error(`invalid snap name: ${JSON.stringify(name.slice(0, 100))}`);
  const record = (await hasDebugApi(host))
    ? parseHealthApi((await readSnap(host, ['debug', 'api', `/v2/snaps/${name}`])).stdout)
    : parseHealthInfo((await readSnap(host, ['info', name])).stdout);
  return record && record.status !== 'okay' && record.status !== 'unknown' ? record : null;
}
