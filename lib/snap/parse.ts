/**
 * Parsers for the text the `snap` CLI prints (formats checked against snapd 2.57.6 transcripts,
 * test/fixtures/snapd-lab/, and the format notes in /work/shared/reference/snap-reference.md §1).
 *
 * PURE module: text in, typed objects out. No I/O, no `server-only`, no dependencies, so the
 * browser, the demo host and the tests can all import it.
 *
 * How every parser treats its input:
 * - Tables are split per line on two or more spaces (or a tab), never at byte offsets: snap pads
 *   columns with Go's tabwriter, which counts runes, so `canonical✓` shifts byte offsets, while
 *   single spaces inside a cell (`today at 10:52 UTC`) stay inside the cell. A free-text last
 *   column (a change's or an interface's summary) takes the rest of the line as it is.
 * - CRLF line ends, trailing spaces and blank lines are ignored.
 * - Empty output is an empty result: `snap connections` prints nothing at all, not even a
 *   header, when there is nothing to show.
 * - Non-empty output whose first non-blank line is not the expected header (or, for the
 *   header-less formats, not the expected first key) throws SnapParseError. That text is not
 *   this command's output (an error message, another command, a translated header because LANG
 *   was not C), and returning [] would tell the user "nothing there" when we simply could not read it.
 * - After a good header, rows that do not have the expected shape (garbage, a row cut short) are
 *   skipped, so one damaged line does not hide the rest.
 * - Nothing but SnapParseError is ever thrown.
 */

import type { Problem, ProblemSource } from '../errors/problem';

/** One side of a connection. The system snap (printed `:name`) is snap "system". */
export interface Endpoint {
  snap: string;
  name: string;
}

/** The name the parsers give the system snap, whatever its real name (`snapd` or `core`). */
export const SYSTEM_SNAP = 'system';

export interface Connection {
  /** "content" for "content[gtk-3-themes]" */
  interface: string;
  /** "gtk-3-themes" for "content[gtk-3-themes]"; absent when snap printed no determinant */
  contentTag?: string;
  /** null when the Plug column is "-" (an unconnected slot) */
  plug: Endpoint | null;
  /** null when the Slot column is "-" (an unconnected plug) */
  slot: Endpoint | null;
  /** [] for "-", ["manual","gadget"] for "manual,gadget" */
  notes: string[];
}

export interface InstalledSnap {
  name: string;
  /** as printed; "-" when the snap has no version */
  version: string;
  /** as printed: "1234", or "x1" for a local (--dangerous) install */
  revision: string;
  /** null when "-"; a three-part channel is printed shortened, e.g. "1.10/stable/…" */
  tracking: string | null;
  /** the username without its badge; null when "-" */
  publisher: string | null;
  /** the publisher carries the verified badge (`**` piped, `✓` in a UTF-8 terminal) */
  verified: boolean;
  /** the Notes column split on ","; [] for "-" */
  notes: string[];
}

export type Confinement = 'strict' | 'classic' | 'devmode' | 'jailmode';
export type SnapKind = 'app' | 'core' | 'base' | 'snapd' | 'gadget' | 'kernel';
export type HealthState = 'ok' | 'blocked' | 'error' | 'waiting' | 'broken' | 'disabled';

export interface InterfaceDetail {
  name: string;
  /** "" when snap printed no summary line */
  summary: string;
  documentation?: string;
  plugs: Endpoint[];
  slots: Endpoint[];
}

export interface InterfaceSummary {
  name: string;
  summary: string;
}

export interface SnapVersion {
  snap: string | null;
  /** "unavailable" when the snap command could not reach snapd */
  snapd: string | null;
  series: string | null;
  /** the distribution id printed as the key of the OS line, e.g. "debian", "ubuntu" */
  os: string | null;
  osVersion: string | null;
  kernel: string | null;
  architecture: string | null;
  /** every key/value line as printed */
  raw: Record<string, string>;
}

export interface SnapChange {
  id: string;
  status: string;
  /** as printed: relative ("today at 10:52 UTC") or, with --abs-time, RFC 3339 */
  spawn: string;
  /** null when "-" (the change is not ready yet) */
  ready: string | null;
  summary: string;
}

/**
 * The text was not the output of the command the parser reads. `input` holds the offending line
 * (cut to 200 characters), not the whole text, so the error can be logged safely.
 */
export class SnapParseError extends Error implements ProblemSource {
  constructor(
    message: string,
    public readonly input?: string,
  ) {
    super(message);
    this.name = 'SnapParseError';
  }

  problem(): Problem {
    return {
      status: 502,
      code: 'unexpected-output',
      message: `snap printed something the dashboard cannot read: ${this.message}`,
      hint: 'Please report it with the output of the command.',
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

const MAX_ERROR_INPUT_LENGTH = 200;

function excerpt(line: string): string {
  return line.length > MAX_ERROR_INPUT_LENGTH ? `${line.slice(0, MAX_ERROR_INPUT_LENGTH)}…` : line;
}

/** Lines without their line ends and trailing blanks; blank lines dropped. */
function contentLines(text: unknown, command: string): string[] {
  if (typeof text !== 'string') {
    throw new SnapParseError(`cannot parse \`${command}\` output: expected text, got ${typeof text}`);
  }
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '');
}

// tabwriter pads with at least two spaces; a tab is accepted too, for hand-made input.
const CELL_SEPARATOR = /\t[ \t]*| {2,}[ \t]*/g;

/**
 * Splits a table line into cells. With `limit`, at most `limit` cells are made and the last one
 * is the rest of the line verbatim (for free-text columns that might contain double spaces).
 */
function splitCells(line: string, limit?: number): string[] {
  const text = line.trim();
  const cells: string[] = [];
  let start = 0;
  for (const separator of text.matchAll(CELL_SEPARATOR)) {
    if (limit !== undefined && cells.length === limit - 1) break;
    cells.push(text.slice(start, separator.index));
    start = separator.index + separator[0].length;
  }
  cells.push(text.slice(start));
  return cells;
}

interface TableSpec<Column extends string> {
  command: string;
  columns: readonly Column[];
  /** the last column is free text: it takes the rest of the line */
  freeTextLast: boolean;
}

type TableRow<Column extends string> = Record<Column, string>;

/**
 * Reads a tabwriter table whose first line is the header. Columns are found by name, so a column
 * added by a later snapd does not shift the others; rows with the wrong number of cells are skipped.
 */
function parseTable<Column extends string>(text: string, spec: TableSpec<Column>): TableRow<Column>[] {
  const lines = contentLines(text, spec.command);
  const headerLine = lines[0];
  if (headerLine === undefined) return [];

  const header = splitCells(headerLine);
  const indexOf = new Map<Column, number>();
  for (const column of spec.columns) {
    const index = header.indexOf(column);
    if (index !== -1) indexOf.set(column, index);
  }
  const lastColumn = spec.columns[spec.columns.length - 1];
  const freeTextMisplaced = spec.freeTextLast && header[header.length - 1] !== lastColumn;
  if (indexOf.size !== spec.columns.length || freeTextMisplaced) {
    throw new SnapParseError(
      `cannot parse \`${spec.command}\` output: the first line should be the header ` +
        `"${spec.columns.join('  ')}" (is snap running with LC_ALL=C?), got ${JSON.stringify(excerpt(headerLine))}`,
      excerpt(headerLine),
    );
  }

  const rows: TableRow<Column>[] = [];
  for (const line of lines.slice(1)) {
    const cells = splitCells(line, spec.freeTextLast ? header.length : undefined);
    if (cells.length !== header.length || cells.some((cell) => cell === '')) continue;
    const row = {} as TableRow<Column>;
    for (const [column, index] of indexOf) row[column] = cells[index] ?? '';
    rows.push(row);
  }
  return rows;
}

/** The "-" that tabwriter tables print for an empty cell. */
function dashToNull(cell: string): string | null {
  return cell === '-' ? null : cell;
}

function commaList(cell: string): string[] {
  return cell === '-' ? [] : cell.split(',').filter((note) => note !== '');
}

// Loose on purpose: these only tell a real row from garbage. snapd already validated the names
// it prints, and instance names (`snap_key`) must pass.
const SNAP_TOKEN = /^[a-z0-9][a-z0-9_-]*$/;
const PLUG_SLOT_TOKEN = /^[a-z0-9][a-z0-9-]*$/;
const INTERFACE_CELL = /^([a-z0-9][a-z0-9-]*)(?:\[(.*)\])?$/;

/** "-" → null; ":name" and "system:name" → the system snap; "snap:name"; undefined if malformed. */
function parseEndpointCell(cell: string): Endpoint | null | undefined {
  if (cell === '-') return null;
  const colon = cell.indexOf(':');
  if (colon === -1) return undefined;
  const snap = cell.slice(0, colon);
  const name = cell.slice(colon + 1);
  if (!PLUG_SLOT_TOKEN.test(name)) return undefined;
  if (snap === '' || snap === SYSTEM_SNAP) return { snap: SYSTEM_SNAP, name };
  return SNAP_TOKEN.test(snap) ? { snap, name } : undefined;
}

/** The inverse of the endpoint cells: the system snap → ":name", otherwise "snap:name". */
export function formatEndpoint(e: Endpoint): string {
  return e.snap === SYSTEM_SNAP ? `:${e.name}` : `${e.snap}:${e.name}`;
}

// ---------------------------------------------------------------------------------------------
// snap connections [--all | SNAP]

/**
 * `snap connections`, `snap connections --all`, `snap connections SNAP`.
 * Header `Interface  Plug  Slot  Notes`. Nothing at all is printed when there are no rows.
 */
export function parseConnections(text: string): Connection[] {
  const rows = parseTable(text, {
    command: 'snap connections',
    columns: ['Interface', 'Plug', 'Slot', 'Notes'],
    freeTextLast: false,
  });
  const connections: Connection[] = [];
  for (const row of rows) {
    const iface = INTERFACE_CELL.exec(row.Interface);
    const plug = parseEndpointCell(row.Plug);
    const slot = parseEndpointCell(row.Slot);
    // snapd never prints a row with neither side; such a row is damage
    if (!iface?.[1] || plug === undefined || slot === undefined || (plug === null && slot === null)) continue;
    const connection: Connection = { interface: iface[1], plug, slot, notes: commaList(row.Notes) };
    const contentTag = iface[2];
    if (contentTag) connection.contentTag = contentTag;
    connections.push(connection);
  }
  return connections;
}

// ---------------------------------------------------------------------------------------------
// snap list [--all]

// Publisher badges (cmd/snap/color.go): verified is "**" when piped and "✓" in a UTF-8 terminal;
// starred ("star developer") is "*" / "✪". Usernames never contain these characters.
const VERIFIED_BADGES = ['**', '✓'];
const STARRED_BADGES = ['*', '✪'];

function parsePublisher(cell: string): { publisher: string | null; verified: boolean } {
  if (cell === '-') return { publisher: null, verified: false };
  // verified before starred: "**" also ends with "*"
  for (const badge of VERIFIED_BADGES) {
    if (cell.endsWith(badge)) return { publisher: cell.slice(0, -badge.length), verified: true };
  }
  for (const badge of STARRED_BADGES) {
    if (cell.endsWith(badge)) return { publisher: cell.slice(0, -badge.length), verified: false };
  }
  return { publisher: cell, verified: false };
}

/** A row of `snap refresh --list`: an update the store offers for an installed snap. */
export interface AvailableRefresh {
  name: string;
  version: string;
  revision: string;
  /** the download size as snap prints it ("436MB") */
  size: string;
  publisher: string | null;
  verified: boolean;
  notes: string[];
}

/**
 * `snap refresh --list` (cmdRefresh.listRefresh in cmd/snapd/cli/cmd_snap_op.go): header
 * `Name  Version  Rev  Size  Publisher  Notes`, one row per update; with none, stdout is empty
 * and stderr says "All snaps up to date." (cmd_snap_op_test.go shows both).
 */
export function parseRefreshList(text: string): AvailableRefresh[] {
  const rows = parseTable(text, { command: 'snap refresh --list', columns: ['Name', 'Version', 'Rev', 'Size', 'Publisher', 'Notes'], freeTextLast: false });
  return rows
    .filter((row) => SNAP_TOKEN.test(row.Name))
    .map((row) => ({ name: row.Name, version: row.Version, revision: row.Rev, size: row.Size, ...parsePublisher(row.Publisher), notes: commaList(row.Notes) }))
    .map((r) => ({ ...r, publisher: r.publisher === '' ? null : r.publisher }));
}

/** `snap list` / `snap list --all`. Header `Name  Version  Rev  Tracking  Publisher  Notes`. */
export function parseSnapList(text: string): InstalledSnap[] {
  const rows = parseTable(text, {
    command: 'snap list',
    columns: ['Name', 'Version', 'Rev', 'Tracking', 'Publisher', 'Notes'],
    freeTextLast: false,
  });
  const snaps: InstalledSnap[] = [];
  for (const row of rows) {
    if (!SNAP_TOKEN.test(row.Name)) continue;
    const { publisher, verified } = parsePublisher(row.Publisher);
    if (publisher === '') continue;
    snaps.push({
      name: row.Name,
      version: row.Version,
      revision: row.Rev,
      tracking: dashToNull(row.Tracking),
      publisher,
      verified,
      notes: commaList(row.Notes),
    });
  }
  return snaps;
}

/**
 * From the notes (cmd/snap/notes.go). `jailmode` is a devmode snap forced into strict
 * confinement, so it wins over `devmode`; snap never prints both.
 */
export function confinementOf(s: InstalledSnap): Confinement {
  if (s.notes.includes('classic')) return 'classic';
  if (s.notes.includes('jailmode')) return 'jailmode';
  if (s.notes.includes('devmode')) return 'devmode';
  return 'strict';
}

/** From the notes: snap prints the snap type unless it is "app"; type os is printed "core". */
export function snapKindOf(s: InstalledSnap): SnapKind {
  for (const kind of ['core', 'base', 'snapd', 'gadget', 'kernel'] as const) {
    if (s.notes.includes(kind)) return kind;
  }
  return 'app';
}

// Most severe first: a broken snap cannot run at all, a health "error" is the snap's own verdict,
// blocked/waiting are milder health states, and "disabled" only means "not the active revision".
export const HEALTH_SEVERITY = ['broken', 'error', 'blocked', 'waiting', 'disabled'] as const;

/**
 * The health-related notes (`broken`, `disabled`, and the snap's health status when not okay)
 * and the most severe of them as the state; "ok" when there is none.
 */
export function healthOf(s: InstalledSnap): { state: HealthState; notes: string[] } {
  const notes = s.notes.filter((note) => (HEALTH_SEVERITY as readonly string[]).includes(note));
  const state = HEALTH_SEVERITY.find((candidate) => notes.includes(candidate)) ?? 'ok';
  return { state, notes };
}

// ---------------------------------------------------------------------------------------------
// snap interface [--all] / snap interface NAME [--attrs]

/** `snap interface` / `snap interface --all`. Header `Name  Summary`. */
export function parseInterfaceList(text: string): InterfaceSummary[] {
  const rows = parseTable(text, {
    command: 'snap interface',
    columns: ['Name', 'Summary'],
    freeTextLast: true,
  });
  return rows
    .filter((row) => PLUG_SLOT_TOKEN.test(row.Name))
    .map((row) => ({ name: row.Name, summary: row.Summary }));
}

const DETAIL_KEY_LINE = /^([a-z][a-z-]*):(?:\s+(.*))?$/;
// Plug and slot items are indented exactly two spaces; `--attrs` lines are indented deeper.
const DETAIL_ITEM_LINE = /^ {2}- (.+)$/;
const LABEL_SUFFIX = /\s+\(.*\)$/;

/**
 * `snap interface NAME` (cmd_interface.go `showOneInterface`):
 * ```
 * name:    network-observe
 * summary: allows querying network status
 * plugs:
 *   - microk8s                 (a plug named like the interface: only the snap is printed)
 *   - microk8s:k8s-journald
 * slots:
 *   - snapd
 * ```
 * A label adds " (label)", which is dropped. With `--attrs`, an item that has attributes ends
 * in ":" and is followed by deeper-indented `key:  value` lines; the attributes are ignored.
 * Slot snaps are kept as printed: here the system snap appears under its real name (`snapd` or
 * `core`), unlike in `snap connections`.
 *
 * Throws SnapParseError for empty output (there is no detail to return; `snap interface` with
 * an unknown name prints its error on stderr) and when the first line is not `name: ...`.
 */
export function parseInterfaceDetail(text: string): InterfaceDetail {
  const command = 'snap interface NAME';
  const lines = contentLines(text, command);
  const firstLine = lines[0];
  if (firstLine === undefined) throw new SnapParseError(`cannot parse \`${command}\` output: it is empty`, '');
  const first = DETAIL_KEY_LINE.exec(firstLine);
  if (first?.[1] !== 'name' || !first[2]) {
    throw new SnapParseError(
      `cannot parse \`${command}\` output: the first line should be "name: <interface>", ` +
        `got ${JSON.stringify(excerpt(firstLine))}`,
      excerpt(firstLine),
    );
  }

  const detail: InterfaceDetail = { name: first[2].trim(), summary: '', plugs: [], slots: [] };
  let section: 'plugs' | 'slots' | null = null;
  for (const line of lines.slice(1)) {
    const keyLine = DETAIL_KEY_LINE.exec(line);
    if (keyLine) {
      const [, key, value = ''] = keyLine;
      section = key === 'plugs' || key === 'slots' ? key : null;
      if (key === 'summary') detail.summary = value.trim();
      if (key === 'documentation' && value.trim() !== '') detail.documentation = value.trim();
      continue;
    }
    const item = DETAIL_ITEM_LINE.exec(line);
    if (!item?.[1] || section === null) continue;
    const endpoint = parseDetailItem(item[1], detail.name);
    if (endpoint) detail[section].push(endpoint);
  }
  return detail;
}

function parseDetailItem(itemText: string, interfaceName: string): Endpoint | undefined {
  let text = itemText.trim();
  if (text.endsWith(':')) text = text.slice(0, -1); // --attrs: attributes follow
  text = text.replace(LABEL_SUFFIX, '');
  const colon = text.indexOf(':');
  const snap = colon === -1 ? text : text.slice(0, colon);
  const name = colon === -1 ? interfaceName : text.slice(colon + 1);
  if (snap === '' || snap === SYSTEM_SNAP) return PLUG_SLOT_TOKEN.test(name) ? { snap: SYSTEM_SNAP, name } : undefined;
  return SNAP_TOKEN.test(snap) && PLUG_SLOT_TOKEN.test(name) ? { snap, name } : undefined;
}

// ---------------------------------------------------------------------------------------------
// snap version

// Keys snap prints itself (cmd_version.go); the one other key is the distribution id.
const VERSION_KEYS = new Set(['snap', 'snapd', 'series', 'kernel', 'architecture', 'snapd-bin-origin', 'snap-bin-origin']);

/**
 * `snap version`: `key  value` lines. The OS line's key is the distribution id
 * (`debian  12`, `ubuntu  24.04`; printed only on classic systems, `-` for an unknown version).
 * "-" values become null. Empty text gives all nulls; a first line that is not `snap ...`
 * throws SnapParseError.
 */
export function parseSnapVersion(text: string): SnapVersion {
  const lines = contentLines(text, 'snap version');
  const version: SnapVersion = {
    snap: null,
    snapd: null,
    series: null,
    os: null,
    osVersion: null,
    kernel: null,
    architecture: null,
    raw: {},
  };
  let osLineSeen = false;
  lines.forEach((line, index) => {
    // keys never contain blanks, so the first run of blanks ends the key
    const match = /^(\S+)\s+(.*)$/.exec(line.trim());
    if (index === 0 && match?.[1] !== 'snap') {
      throw new SnapParseError(
        `cannot parse \`snap version\` output: the first line should be "snap <version>", got ${JSON.stringify(excerpt(line))}`,
        excerpt(line),
      );
    }
    if (!match?.[1] || match[2] === undefined) return;
    const [, key, value] = match;
    version.raw[key] = value;
    const known = dashToNull(value);
    if (key === 'snap') version.snap = known;
    else if (key === 'snapd') version.snapd = known;
    else if (key === 'series') version.series = known;
    else if (key === 'kernel') version.kernel = known;
    else if (key === 'architecture') version.architecture = known;
    else if (!VERSION_KEYS.has(key) && !osLineSeen) {
      osLineSeen = true;
      version.os = dashToNull(key);
      version.osVersion = known;
    }
  });
  return version;
}

// ---------------------------------------------------------------------------------------------
// snap debug confinement / snap debug sandbox-features

/** `snap debug confinement`: one word. Anything else (including empty text) is null. */
export function parseConfinement(text: string): 'strict' | 'partial' | null {
  const word = contentLines(text, 'snap debug confinement').join('\n').trim();
  return word === 'strict' || word === 'partial' ? word : null;
}

// tabwriter pads the `backend:` column with at least two spaces; one space after the colon is
// prose such as "error: cannot communicate with server".
const FEATURE_LINE = /^([a-z0-9][a-z0-9-]*):(?:(?: {2,}|\t)\s*(.*))?$/;

/**
 * `snap debug sandbox-features`: `backend:  tag tag ...` per line, the tags after at least two
 * spaces (tags may contain ":", e.g. `kernel:allow`). Empty text gives {}; a first line that is not `backend: ...` throws
 * SnapParseError; later malformed lines are skipped.
 */
export function parseSandboxFeatures(text: string): Record<string, string[]> {
  const lines = contentLines(text, 'snap debug sandbox-features');
  const features: Record<string, string[]> = {};
  lines.forEach((line, index) => {
    const match = FEATURE_LINE.exec(line.trim());
    if (!match?.[1]) {
      if (index === 0) {
        throw new SnapParseError(
          `cannot parse \`snap debug sandbox-features\` output: the first line should be "backend: features", got ${JSON.stringify(excerpt(line))}`,
          excerpt(line),
        );
      }
      return;
    }
    features[match[1]] = (match[2] ?? '').split(/\s+/).filter((tag) => tag !== '');
  });
  return features;
}

// ---------------------------------------------------------------------------------------------
// snap changes

const CHANGE_ID = /^\d+$/;

/**
 * `snap changes [SNAP] [--abs-time]`. Header `ID  Status  Spawn  Ready  Summary`, then one row
 * per change, then a blank line. Spawn/Ready contain single spaces ("today at 10:52 UTC"), which
 * stay inside the cell. A row cut inside its Summary cannot be told from a short summary.
 */
export function parseChanges(text: string): SnapChange[] {
  const rows = parseTable(text, {
    command: 'snap changes',
    columns: ['ID', 'Status', 'Spawn', 'Ready', 'Summary'],
    freeTextLast: true,
  });
  return rows
    .filter((row) => CHANGE_ID.test(row.ID))
    .map((row) => ({
      id: row.ID,
      status: row.Status,
      spawn: row.Spawn,
      ready: dashToNull(row.Ready),
      summary: row.Summary,
    }));
}
