import type { Connection } from '../../lib/snap/parse';

/** Declared and connected plugs per snap, from `snap connections --all` (the witness the pages are checked against). */
export function plugCounts(rows: Connection[]): Map<string, { declared: number; connected: number }> {
  const plugs = new Map<string, Map<string, boolean>>();
  for (const c of rows) {
    if (!c.plug) continue;
    const own = plugs.get(c.plug.snap) ?? new Map<string, boolean>();
    own.set(c.plug.name, (own.get(c.plug.name) ?? false) || c.slot !== null);
    plugs.set(c.plug.snap, own);
  }
  return new Map([...plugs].map(([s, m]) => [s, { declared: m.size, connected: [...m.values()].filter(Boolean).length }]));
}
