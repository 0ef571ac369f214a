import { z } from 'zod';
import type { AttrValue, Attrs } from '../denials/file-attrs';

/**
 * Plug and slot attributes, parsed from what snapd prints. PURE module.
 *
 * 1. `snap debug api '/v2/connections?select=all[&snap=NAME]'` (snapd >= 2.64, cmd/snap/cmd_debug_api.go):
 *    the REST answer re-encoded as indented JSON. `result.plugs[]`/`result.slots[]` carry `attrs` exactly as
 *    snapd holds them (daemon/api_connections.go; transcripts/api/90-GET-v2-connections-snap-microk8s-select-all.json).
 * 2. `snap interface IFACE --attrs` (every snapd): cmd/snap/cmd_interface.go showOneInterface/showAttrs prints
 *    `  - SNAP[:NAME][ (label)]:` then, sorted by name, `    ` + `  NAME:\tVALUE` for **string, int and bool
 *    values only** — lists and maps are not printed, and JSON numbers (float64) neither. So this source is
 *    partial on its own: an entry that ends with `:` but has no attribute line holds only lists or maps
 *    (lab transcript attrs/2.57/iface-attrs-personal-files.stdout: `  - microk8s:dot-kube:`). attrs.ts completes
 *    those from the snap's meta/snap.yaml (snap-yaml-attrs.ts) and marks each such attribute.
 */

export type AttrsSource = 'snapd-api' | 'snap-interface';

export interface EndpointAttrs {
  snap: string;
  name: string;
  interface: string;
  attrs: Attrs;
  /** snap interface --attrs only: the entry ended with `:`, i.e. snapd holds attributes for it (printed or not) */
  holdsAttrs?: boolean;
  /** every attribute snapd holds is in `attrs` (always so for the REST API) */
  attrsKnown?: boolean;
  /** names of the attributes read from the snap's meta/snap.yaml because snapd's text could not carry them */
  fromSnapYaml?: string[];
  /** the apps the plug or slot is bound to (REST `apps`, omitted by snapd when none); absent when not read */
  apps?: string[];
}

export interface AttrsReading {
  plugs: EndpointAttrs[];
  slots: EndpointAttrs[];
  source: AttrsSource;
  /** false: some endpoint may hold lists or maps that this reading lacks (snap interface --attrs alone). */
  complete: boolean;
  /** lists and maps were completed from the snaps' meta/snap.yaml (snap-yaml-attrs.ts) */
  snapYaml?: boolean;
  /** snap interface --attrs only: interfaces whose call failed, so none of their endpoints is in this reading */
  unread?: string[];
}

const attrValue: z.ZodType<AttrValue> = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(attrValue), z.record(z.string(), attrValue)]));
const endpoint = (key: 'plug' | 'slot') =>
  z.object({ snap: z.string(), [key]: z.string(), interface: z.string(), attrs: z.record(z.string(), attrValue).optional() }).loose();
const connectionsAnswer = z.object({
  type: z.literal('sync'),
  result: z.object({ plugs: z.array(endpoint('plug')).optional(), slots: z.array(endpoint('slot')).optional() }).loose(),
}).loose();

/** `snap debug api /v2/connections?select=all…` output. Throws on anything but a sync answer. */
export function parseConnectionsApi(text: string): AttrsReading {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('snap debug api: the answer is not JSON');
  }
  const parsed = connectionsAnswer.safeParse(json);
  if (!parsed.success) {
    const message = (json as { result?: { message?: unknown } } | null)?.result?.message;
    throw new Error(`snap debug api /v2/connections: ${typeof message === 'string' ? message : 'unexpected answer'}`);
  }
  const appsOf = (v: unknown): string[] => (Array.isArray(v) ? v.filter((a): a is string => typeof a === 'string').sort() : []);
  const pick = (rows: Record<string, unknown>[] | undefined, key: 'plug' | 'slot'): EndpointAttrs[] =>
    (rows ?? []).map((r) => ({ snap: String(r.snap), name: String(r[key]), interface: String(r.interface), attrs: (r.attrs as Attrs | undefined) ?? {}, attrsKnown: true, apps: appsOf(r.apps) }));
  return { plugs: pick(parsed.data.result.plugs, 'plug'), slots: pick(parsed.data.result.slots, 'slot'), source: 'snapd-api', complete: true };
}

const ENTRY = /^ {2}- (\S+?)(?: \((.*)\))?(:?)$/;
const ATTR = /^ {6}(\S+):\s+(.*)$/;

/**
 * `snap interface IFACE --attrs`. The interface's name comes from the `name:` line; an entry printed without
 * `:NAME` is named like the interface. Values stay strings: the text cannot tell `true` from "true".
 */
export function parseInterfaceAttrs(text: string): AttrsReading {
  const lines = text.split('\n');
  const nameLine = lines.find((l) => l.startsWith('name:'));
  if (!nameLine) throw new Error('snap interface --attrs: no "name:" line');
  const iface = nameLine.slice('name:'.length).trim();
  const out: AttrsReading = { plugs: [], slots: [], source: 'snap-interface', complete: false };
  let section: 'plugs' | 'slots' | null = null;
  let current: EndpointAttrs | null = null;
  for (const line of lines) {
    if (line === 'plugs:' || line === 'slots:') {
      section = line === 'plugs:' ? 'plugs' : 'slots';
      current = null;
      continue;
    }
    if (!section) continue;
    const entry = ENTRY.exec(line);
    if (entry?.[1]) {
      const ref = entry[1];
      const colon = ref.indexOf(':');
      const holdsAttrs = entry[3] === ':';
      current = { snap: colon < 0 ? ref : ref.slice(0, colon), name: colon < 0 ? iface : ref.slice(colon + 1), interface: iface, attrs: {}, holdsAttrs, attrsKnown: !holdsAttrs };
      out[section].push(current);
      continue;
    }
    const attr = ATTR.exec(line);
    // (a line with nothing after the colon heads a list or map, which snapd >= 2.76 prints below it: not a value)
    if (attr?.[1] && attr[2] !== undefined && attr[2].trim() !== '' && current) {
      current.attrs[attr[1]] = attr[2].trimEnd();
      continue;
    }
    if (line.trim() !== '' && !line.startsWith(' ')) section = null;
  }
  return out;
}

/** "2.68.3-3+deb13u1+b7" → true when at least major.minor */
export function versionAtLeast(version: string | null, major: number, minor: number): boolean {
  const m = /^(\d+)\.(\d+)/.exec(version ?? '');
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a > major || (a === major && b >= minor);
}
