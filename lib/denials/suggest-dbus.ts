import dbusPolicy from './dbus-policy.json';
import { compileGlob } from './glob';
import type { Denial } from './parse';

/**
 * The interfaces whose plug-side AppArmor policy has a D-Bus rule that allows
 * a denied D-Bus message: dbus-policy.json, generated from snapd's
 * interfaces/builtin/*.go by scripts/gen-dbus-policy.mjs (provenance in the
 * file and in POLICY-PROVENANCE.md). Pure.
 */

interface DbusRule {
  snapdInterface: string;
  /** super-privileged interface, or an attribute-conditional variant of its policy */
  also: boolean;
  /** send, receive, bind…; none: every access */
  perms: string[];
  bus?: string;
  path?: string;
  interface?: string;
  member?: string;
  /** the peer's well-known name (send/receive) or the name bound (bind) */
  name?: string;
  /** the peer's AppArmor label, when the rule names one (not the slot's own, which depends on the connection) */
  label?: string;
}

const FIELDS = ['bus', 'path', 'interface', 'member', 'name', 'label'] as const;
type Field = (typeof FIELDS)[number];

interface CompiledRule {
  rule: DbusRule;
  match: Partial<Record<Field, RegExp>>;
}

let compiled: CompiledRule[] | null = null;

function rules(): CompiledRule[] {
  compiled ??= (dbusPolicy.rules as DbusRule[]).map((rule) => {
    const match: Partial<Record<Field, RegExp>> = {};
    for (const f of FIELDS) if (rule[f] !== undefined) match[f] = compileGlob(rule[f]!);
    return { rule, match };
  });
  return compiled;
}

export function suggestDbus(d: Denial): { candidates: string[]; privileged: string[] } {
  const candidates = new Set<string>();
  const privileged = new Set<string>();
  if (!d.dbus) return { candidates: [], privileged: [] };
  const seen: Record<Field, string | null> = { bus: d.dbus.bus, path: d.dbus.path, interface: d.dbus.interface, member: d.dbus.member, name: d.dbus.name, label: d.peer };
  for (const { rule, match } of rules()) {
    if (rule.perms.length && !d.access.every((a) => rule.perms.includes(a))) continue;
    // every field the rule names must be in the denial and match it; a field the rule leaves out is any.
    // The peer's label is often not logged: then it cannot rule a rule out.
    const fits = FIELDS.every((f) => !match[f] || (seen[f] === null ? f === 'label' : match[f]!.test(seen[f]!)));
    if (fits) (rule.also ? privileged : candidates).add(rule.snapdInterface);
  }
  for (const c of candidates) privileged.delete(c);
  return { candidates: [...candidates].sort(), privileged: [...privileged].sort() };
}
