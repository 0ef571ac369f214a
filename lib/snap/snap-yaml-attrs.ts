import { parse as parseYaml } from 'yaml';
import type { AttrValue, Attrs } from '../denials/file-attrs';
import type { EndpointAttrs } from './attrs-parse';

/**
 * The attributes `snap interface --attrs` cannot print, from the snap's own meta/snap.yaml. PURE module.
 *
 * Why this file is an honest source (canonical/snapd, checked at tags 2.57 and 2.68):
 * - snapd itself reads a snap's plugs and slots from `/snap/NAME/REV/meta/snap.yaml` (snap/info.go ReadInfo →
 *   ReadInfoFromMountPoint); /snap/NAME/current points at the active revision.
 * - Attribute values are kept as the YAML gives them (snap/info_snap_yaml.go convertToSlotOrPlugData →
 *   metautil.NormalizeValue: lists stay lists, maps get string keys; `interface` and `label` are not attributes;
 *   keys starting with `$` are refused). snapd parses with gopkg.in/yaml.v2, i.e. YAML 1.1 (`yes` is true).
 * - The only later changes to a plug's or slot's static attributes are the interfaces' BeforePrepare* defaults,
 *   all scalars (interfaces/builtin: content sets `content` to the name, custom-device `custom-device`,
 *   shared-memory `shared-memory` and `private`, serial-port `usb-vendor`/`usb-product`). Scalars are printed
 *   by `snap interface --attrs`, so they come from snapd, never from here. Interface hooks' dynamic attributes
 *   belong to a connection, not to the plug (daemon/api_connections.go reports `plug.Attrs`, the static ones).
 * - What `snap interface --attrs` drops (cmd/snap/cmd_interface.go showAttrs, 2.46–2.75: `case string, bool,
 *   json.Number` only): lists and maps. snapd 2.76 prints them (PR #17059), but the dashboard asks snapd ≥ 2.64
 *   through `snap debug api` anyway.
 */

export interface DeclaredEndpoint {
  interface: string;
  attrs: Attrs;
}

export interface DeclaredAttrs {
  /** the snap's name as snap.yaml gives it (no instance key) */
  name: string;
  plugs: Map<string, DeclaredEndpoint>;
  slots: Map<string, DeclaredEndpoint>;
  /** each plug (implicit ones too) → the apps it is bound to, as snapd binds them (plugApps) */
  plugApps: Map<string, string[]>;
}

type Yamlish = Record<string, unknown>;
const isMap = (v: unknown): v is Yamlish => typeof v === 'object' && v !== null && !Array.isArray(v);

function attrValue(v: unknown): AttrValue | undefined {
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
  if (Array.isArray(v)) {
    const out = v.map(attrValue);
    return out.every((x) => x !== undefined) ? (out as AttrValue[]) : undefined;
  }
  if (isMap(v)) {
    const out: Record<string, AttrValue> = {};
    for (const [k, x] of Object.entries(v)) {
      const val = attrValue(x);
      if (val === undefined) return undefined;
      out[k] = val;
    }
    return out;
  }
  return undefined; // null and dates: NormalizeValue refuses them ("invalid scalar"), snapd would not have installed the snap
}

function declared(section: unknown): Map<string, DeclaredEndpoint> {
  const out = new Map<string, DeclaredEndpoint>();
  if (!isMap(section)) return out;
  for (const [name, value] of Object.entries(section)) {
    if (typeof value === 'string') out.set(name, { interface: value, attrs: {} });
    else if (value === null || value === undefined) out.set(name, { interface: name, attrs: {} });
    else if (isMap(value)) {
      const attrs: Attrs = {};
      for (const [k, v] of Object.entries(value)) {
        if (k === 'interface' || k === 'label') continue;
        const a = attrValue(v);
        if (a !== undefined) attrs[k] = a;
      }
      out.set(name, { interface: typeof value.interface === 'string' ? value.interface : name, attrs });
    }
  }
  return out;
}

/** The top-level `plugs:` and `slots:` of a meta/snap.yaml with their attributes. Throws on text that is not a snap.yaml. */
export function parseSnapYamlAttrs(text: string): DeclaredAttrs {
  let doc: unknown;
  try {
    doc = parseYaml(text, { version: '1.1' });
  } catch (e) {
    throw new Error(`meta/snap.yaml: not YAML (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
  if (!isMap(doc) || typeof doc.name !== 'string') throw new Error('meta/snap.yaml: not a snap.yaml (no name)');
  return { name: doc.name, plugs: declared(doc.plugs), slots: declared(doc.slots), plugApps: plugApps(doc) };
}

const plugNames = (entry: unknown): string[] => (isMap(entry) && Array.isArray(entry.plugs) ? entry.plugs.filter((n): n is string => typeof n === 'string') : []);

/**
 * Which apps each plug is bound to, by snapd's rules (snap/info_snap_yaml.go, canonical/snapd bee548f:
 * setAppsFromSnapYaml, bindPlugsToHook, bindUnscopedPlugs): a plug an app lists is bound to that app (listed
 * but not declared at the top, it is an implicit plug of the interface of its name); a top-level plug that no
 * app and no hook lists is "unscoped" and bound to every app; one that only hooks list is bound to no app.
 * A plug's rules are only in the AppArmor and seccomp profiles of the apps it is bound to. (snapd skips hooks
 * with names it does not support and counts component hooks too; snaps with either are rare enough to ignore.)
 */
function plugApps(doc: Yamlish): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const scoped = new Set<string>();
  const apps = isMap(doc.apps) ? Object.keys(doc.apps).sort() : [];
  for (const app of apps) {
    for (const plug of plugNames((doc.apps as Yamlish)[app])) {
      scoped.add(plug);
      out.set(plug, [...new Set([...(out.get(plug) ?? []), app])]);
    }
  }
  const hookPlugs = isMap(doc.hooks) ? Object.values(doc.hooks).flatMap(plugNames) : [];
  for (const plug of hookPlugs) scoped.add(plug);
  for (const plug of isMap(doc.plugs) ? Object.keys(doc.plugs) : []) if (!scoped.has(plug)) out.set(plug, apps);
  for (const plug of hookPlugs) if (!out.has(plug)) out.set(plug, []);
  return out;
}

const printable = (v: AttrValue) => typeof v === 'string' || typeof v === 'boolean';

/**
 * An entry of `snap interface --attrs` completed with the attributes its text could not carry. Only when snapd
 * said it holds attributes (`holdsAttrs`), the snap.yaml declares the same interface for it, and only lists,
 * maps and numbers that snapd did not print: a string or boolean missing from snapd's text means this is not
 * the snap.yaml snapd read, so nothing is taken from it.
 */
export function withSnapYamlAttrs(e: EndpointAttrs, decl: DeclaredEndpoint | undefined): EndpointAttrs {
  if (!e.holdsAttrs || !decl || decl.interface !== e.interface) return e;
  if (Object.entries(decl.attrs).some(([k, v]) => printable(v) && !(k in e.attrs))) return e;
  const added = Object.entries(decl.attrs).filter(([k, v]) => !printable(v) && !(k in e.attrs));
  if (added.length === 0) return { ...e, attrsKnown: true };
  return { ...e, attrs: { ...e.attrs, ...Object.fromEntries(added) }, fromSnapYaml: added.map(([k]) => k).sort(), attrsKnown: true };
}
