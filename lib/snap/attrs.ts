import 'server-only';
import type { Host } from '../host';
import { isValidPlugOrSlotName, isValidSnapName } from '../validation/names';
import { parseSnapVersion } from './parse';
import { parseConnectionsApi, parseInterfaceAttrs, versionAtLeast, type AttrsReading } from './attrs-parse';
import { readSnap } from './read';

/**
 * Plug and slot attributes on a host. snapd >= 2.64 has `snap debug api`, which gives the REST API's JSON (all
 * attributes); older snapd only has `snap interface IFACE --attrs`, which prints scalar attributes only (see
 * attrs-parse.ts). Both are ordinary reads through the host layer (cached briefly, shared).
 */


/** `snap debug api` appeared in snapd 2.64 (NEWS.md of 2.64, canonical/snapd PR #14183: "Add snap debug api command to enable running raw queries"). */
export async function hasDebugApi(host: Host): Promise<boolean> {
  // snapd's version changes only when snapd is refreshed: asked once a minute per host, not on every poll
  const known = versionSeen.get(host);
  if (known && known.expires > Date.now()) return known.value;
  const { stdout } = await readSnap(host, ['version']);
  const value = versionAtLeast(parseSnapVersion(stdout).snapd, 2, 64);
  versionSeen.set(host, { value, expires: Date.now() + 60_000 });
  return value;
}
const versionSeen = new WeakMap<Host, { value: boolean; expires: number }>();

/**
 * Attributes of every plug and slot on the host (`snap` given: those of that snap and its peers).
 * `interfaces` is only used on snapd < 2.64: the interfaces to ask `snap interface --attrs` about.
 */
export async function readAttributes(host: Host, opts: { snap?: string; interfaces: readonly string[] }): Promise<AttrsReading> {
  if (opts.snap !== undefined && !isValidSnapName(opts.snap)) throw new Error(`invalid snap name: ${JSON.stringify(opts.snap.slice(0, 100))}`);
  if (await hasDebugApi(host)) {
    const path = `/v2/connections?select=all${opts.snap ? `&snap=${opts.snap}` : ''}`;
    return parseConnectionsApi((await readSnap(host, ['debug', 'api', path])).stdout);
  }
  const reading: AttrsReading = { plugs: [], slots: [], source: 'snap-interface', complete: false };
  const names = [...new Set(opts.interfaces)].filter(isValidPlugOrSlotName) /* interface names follow the plug-name rule */.sort();
  const parts = await Promise.all(names.map(async (iface) => parseInterfaceAttrs((await readSnap(host, ['interface', '--attrs', iface])).stdout)));
  for (const p of parts) {
    reading.plugs.push(...p.plugs.filter((e) => !opts.snap || e.snap === opts.snap));
    reading.slots.push(...p.slots.filter((e) => !opts.snap || e.snap === opts.snap));
  }
  return reading;
}
