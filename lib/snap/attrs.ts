import 'server-only';
import type { Host } from '../host';
import { isValidPlugOrSlotName, isValidSnapName } from '../validation/names';
import { parseSnapVersion } from './parse';
import { parseConnectionsApi, parseInterfaceAttrs, versionAtLeast, type AttrsReading, type EndpointAttrs } from './attrs-parse';
import { parseSnapYamlAttrs, withSnapYamlAttrs, type DeclaredAttrs } from './snap-yaml-attrs';
import type { Attrs } from '../denials/file-attrs';
import { readSnap } from './read';

/**
 * Plug and slot attributes on a host. snapd >= 2.64 has `snap debug api`, which gives the REST API's JSON (all
 * attributes); older snapd only has `snap interface IFACE --attrs`, which prints scalar attributes only (see
 * attrs-parse.ts); the lists and maps it leaves out are read from the snap's own meta/snap.yaml, the file snapd
 * reads them from (snap-yaml-attrs.ts says why that is exact). All reads go through the host layer.
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

// A snap's declared attributes change only when it is installed, refreshed or reverted: read at most every 30 s.
const yamlSeen = new WeakMap<Host, Map<string, { value: DeclaredAttrs | null; expires: number }>>();
const SNAP_YAML_MAX = 256 * 1024;

/** The active revision's meta/snap.yaml of an installed snap, parsed; null when it cannot be read or parsed. */
async function declaredAttrs(host: Host, snap: string): Promise<DeclaredAttrs | null> {
  const seen = yamlSeen.get(host) ?? new Map<string, { value: DeclaredAttrs | null; expires: number }>();
  yamlSeen.set(host, seen);
  const known = seen.get(snap);
  if (known && known.expires > Date.now()) return known.value;
  let value: DeclaredAttrs | null = null;
  try {
    // /snap/NAME/current → the active revision (snap/info.go MountDir; an instance `name_key` has its own dir)
    const decl = parseSnapYamlAttrs(await host.readSmallFile(`/snap/${snap}/current/meta/snap.yaml`, SNAP_YAML_MAX));
    if (decl.name === snap.split('_')[0]) value = decl;
  } catch {
    // not mounted, unreadable or not a snap.yaml: those attributes stay unknown, and the page says so
  }
  seen.set(snap, { value, expires: Date.now() + 30_000 });
  return value;
}

/** `snap interface --attrs` entries completed from each snap's meta/snap.yaml where snapd's text left lists out. */
async function completeFromSnapYaml(host: Host, reading: AttrsReading): Promise<AttrsReading> {
  const all = [...reading.plugs, ...reading.slots];
  const snaps = [...new Set(all.filter((e) => !e.attrsKnown).map((e) => e.snap))].filter(isValidSnapName);
  const decls = new Map((await Promise.all(snaps.map(async (s) => [s, await declaredAttrs(host, s)] as const))).filter((x): x is readonly [string, DeclaredAttrs] => x[1] !== null));
  const fill = (side: 'plugs' | 'slots') => (e: EndpointAttrs) => (e.attrsKnown ? e : withSnapYamlAttrs(e, decls.get(e.snap)?.[side].get(e.name)));
  const plugs = reading.plugs.map(fill('plugs'));
  const slots = reading.slots.map(fill('slots'));
  return { ...reading, plugs, slots, complete: [...plugs, ...slots].every((e) => e.attrsKnown), snapYaml: decls.size > 0 };
}

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
  // one call per interface: one that fails (an interface this snapd does not know, a timeout) leaves only its own
  // plugs unread, and says so in `unread`
  const parts = await Promise.all(
    names.map(async (iface) => {
      try {
        return parseInterfaceAttrs((await readSnap(host, ['interface', '--attrs', iface])).stdout);
      } catch {
        return iface;
      }
    }),
  );
  const unread: string[] = [];
  for (const p of parts) {
    if (typeof p === 'string') {
      unread.push(p);
      continue;
    }
    reading.plugs.push(...p.plugs.filter((e) => !opts.snap || e.snap === opts.snap));
    reading.slots.push(...p.slots.filter((e) => !opts.snap || e.snap === opts.snap));
  }
  const done = await completeFromSnapYaml(host, reading);
  return unread.length ? { ...done, complete: false, unread } : done;
}

/** Interfaces whose deciding attributes are scalars, which every snapd prints (`snap interface --attrs`). */
const SCALAR_DECIDED = new Set(['docker-support', 'kubernetes-support', 'home']);

export interface VerdictPlugs {
  /** `snap:plug` → attributes, for the plugs whose deciding attributes are all known */
  attrs: Map<string, Attrs>;
  /** `snap:plug` → the apps it is bound to, where known: its rules are only in those apps' profiles */
  apps: Map<string, readonly string[]>;
}

// a denial report names a bounded number of snaps; more than this many snap.yaml reads per poll is not worth it
const BINDING_SNAPS_MAX = 64;

/**
 * What denial verdicts read of plugs. Attributes: a plug whose deciding attributes are not all known is left out
 * (its verdict then says they could not be read), and so are the plugs of an interface whose
 * `snap interface --attrs` failed (the reading's `unread`). Apps: on snapd >= 2.64 the REST API's `apps` of every
 * plug; before, each of `snaps`' meta/snap.yaml bound as snapd binds it (snap-yaml-attrs.ts plugApps).
 */
export async function verdictPlugs(host: Host, interfaces: readonly string[], snaps: readonly string[] | (() => readonly string[])): Promise<VerdictPlugs> {
  const wanted = new Set<string>(interfaces);
  const reading = await readAttributes(host, { interfaces: [...wanted] });
  const attrs = new Map<string, Attrs>();
  for (const p of reading.plugs) if (wanted.has(p.interface) && (p.attrsKnown || SCALAR_DECIDED.has(p.interface))) attrs.set(`${p.snap}:${p.name}`, p.attrs);
  const apps = new Map<string, readonly string[]>();
  if (reading.source === 'snapd-api') {
    for (const p of reading.plugs) if (p.apps) apps.set(`${p.snap}:${p.name}`, p.apps);
    return { attrs, apps };
  }
  // a function when listing them costs something (a scan of the kept denials): called only here, on old snapd
  const named = [...new Set(typeof snaps === 'function' ? snaps() : snaps)].filter(isValidSnapName).sort().slice(0, BINDING_SNAPS_MAX);
  const decls = await Promise.all(named.map(async (snap) => [snap, await declaredAttrs(host, snap)] as const));
  for (const [snap, decl] of decls) for (const [plug, bound] of decl?.plugApps ?? []) apps.set(`${snap}:${plug}`, bound);
  return { attrs, apps };
}
