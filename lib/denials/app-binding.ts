/**
 * Which of a snap's plugs reach the denied app. PURE module.
 *
 * snapd adds a plug's rules only to the profiles of the apps it is bound to (snap/info_snap_yaml.go
 * setAppsFromSnapYaml/bindUnscopedPlugs; the REST API's `apps`): a plug bound to other apps never allows the
 * denied app anything, connected or not. Known only for apps: the REST API does not say which hooks a plug
 * reaches, so hooks' denials are judged on every plug, and so are plugs whose apps were not read.
 */
import type { Denial } from './denial';
import { grantingPaths, type Attrs } from './file-attrs';
import { judgeByAttrs } from './plug-attrs-grants';
import { broadness } from './publisher-advice';

interface Row {
  interface: string;
  plug: { snap: string; name: string } | null;
  slot: unknown;
}

function boundElsewhere(d: Denial, row: Row, apps: ReadonlyMap<string, readonly string[]> | undefined): readonly string[] | null {
  if (!d.app || !row.plug) return null;
  const bound = apps?.get(`${row.plug.snap}:${row.plug.name}`);
  return bound && !bound.includes(d.app) ? bound : null;
}

/** Why a plug that would allow it does not: "…is bound to apps a, b only, not to daemon-etcd…". */
function notBoundNote(d: Denial, rows: readonly Row[], bound: readonly string[]): string {
  const row = rows[0]!;
  const on = rows.some((r) => r.slot !== null);
  const to = bound.length ? `is bound to ${bound.length > 1 ? 'apps' : 'app'} ${bound.join(', ')} only` : 'is bound to no app (hooks only)';
  const broad = broadness(row.interface);
  return (
    `${d.snap}:${row.plug!.name} (${row.interface}, ${on ? 'connected' : 'not connected'}) would allow this, but it ${to}, not to ${d.app}: ` +
    `snapd puts a plug's rules only in the profiles of the apps it is bound to. ` +
    (broad ? `${broad}: ask whether ${d.app} really needs it` : `Add ${row.plug!.name} to the plugs of app ${d.app} in snapcraft.yaml`)
  );
}

export interface AppBinding<R extends Row> {
  /** the denied snap's rows whose plug reaches the denied app, or whose binding is not known */
  own: R[];
  /** plugs bound to other apps that would allow it, narrow ones only when there are any */
  elsewhere: string[];
  /** their interfaces */
  elsewhereInterfaces: Set<string>;
  /** the plugs in `elsewhere` are narrow ones (not docker-support, system-backup…) */
  elsewhereNarrow: boolean;
  /** a line for the publisher per plug in `elsewhere` */
  notes: string[];
}

/**
 * The denied snap's rows split by binding. Plugs bound elsewhere are judged as the app's own are (attributes too).
 * A broad plug (docker-support, system-backup…) is named only when nothing narrower would do: binding one to more
 * apps is no fix to ask for lightly.
 */
export function splitByBinding<R extends Row>(d: Denial, rows: readonly R[], wanted: ReadonlySet<string>, attrs: ReadonlyMap<string, Attrs> | undefined, apps: ReadonlyMap<string, readonly string[]> | undefined): AppBinding<R> {
  const own: R[] = [];
  const away: { row: R; bound: readonly string[] }[] = [];
  for (const row of rows) {
    if (row.plug?.snap !== d.snap) continue;
    const bound = boundElsewhere(d, row, apps);
    if (bound) away.push({ row, bound });
    else own.push(row);
  }
  const judged = judgeByAttrs(d, away.map((a) => a.row), attrs, wanted);
  const byPlug = new Map<string, { rows: R[]; bound: readonly string[] }>();
  for (const { row, bound } of away) {
    const name = row.plug!.name;
    const byName = wanted.has(row.interface) && !judged.decided.has(name);
    if (!byName && !judged.grants.has(name) && grantingPaths(row.interface, attrs?.get(`${d.snap}:${name}`), d).length === 0) continue;
    byPlug.set(name, { rows: [...(byPlug.get(name)?.rows ?? []), row], bound });
  }
  const all = [...byPlug.values()];
  const narrow = all.filter((e) => broadness(e.rows[0]!.interface) === null);
  const named = narrow.length ? narrow : all;
  return {
    own,
    elsewhere: named.map((e) => e.rows[0]!.plug!.name),
    elsewhereInterfaces: new Set(named.map((e) => e.rows[0]!.interface)),
    elsewhereNarrow: narrow.length > 0,
    notes: named.map((e) => notBoundNote(d, e.rows, e.bound)),
  };
}
