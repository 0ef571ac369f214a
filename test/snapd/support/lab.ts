/**
 * Helpers for the real-daemon suite: where the lab lives, the harness scripts,
 * the real `snap` CLI run directly (not through the app's host layer), and
 * snapd's REST API over /run/snapd.socket as an independent witness.
 */
import { execFile, type ExecFileOptions } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
export const HARNESS = path.join(REPO_ROOT, 'test', 'snapd', 'harness');
export const LAB_DIR = process.env.SNAPD_LAB_DIR || '/tmp/snapd-lab';
export const SNAPD_SOCKET = '/run/snapd.socket';
export const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface Exec {
  stdout: string;
  stderr: string;
  code: number;
}

export type Env = Record<string, string | undefined>;
export type RunOptions = Omit<ExecFileOptions, 'env'> & { env?: Env };

/** Runs a program and resolves with its output and exit code (never rejects on a non-zero exit). */
export function run(file: string, args: readonly string[], options: RunOptions = {}): Promise<Exec> {
  // (Next's types make NODE_ENV mandatory in ProcessEnv; children do not need it.)
  const execOptions = { encoding: 'utf8' as const, maxBuffer: 64 * 1024 * 1024, timeout: 120_000, ...options, env: options.env as NodeJS.ProcessEnv | undefined };
  return new Promise((resolve, reject) => {
    execFile(file, [...args], execOptions, (err, stdout, stderr) => {
      const out = { stdout: String(stdout), stderr: String(stderr) };
      if (!err) return resolve({ ...out, code: 0 });
      const code = (err as NodeJS.ErrnoException & { code?: unknown }).code;
      if (typeof code === 'number') return resolve({ ...out, code });
      if (typeof code === 'string') return reject(err); // ENOENT and friends: could not start at all
      resolve({ ...out, code: -1 });
    });
  });
}

/** The real `snap` CLI as root, with LC_ALL=C, bypassing the app entirely. */
export function snap(args: readonly string[]): Promise<Exec> {
  return run('snap', args, { env: { PATH: SYSTEM_PATH, LC_ALL: 'C', LANG: 'C', HOME: '/root' } });
}

/** A harness script (lab-up.sh, lab-down.sh, lab-daemon.sh); throws with its output when it fails. */
export async function harness(script: string, args: readonly string[] = [], env: Env = {}): Promise<Exec> {
  const r = await run('bash', [path.join(HARNESS, script), ...args], {
    env: { PATH: SYSTEM_PATH, SNAPD_LAB_DIR: LAB_DIR, ...env },
  });
  if (r.code !== 0) throw new Error(`${script} ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
}

export interface RestResponse<T> {
  status: number;
  type: string;
  result: T;
}

/** GET/POST on snapd's REST API over the unix socket. */
export function rest<T>(method: 'GET' | 'POST', urlPath: string, body?: unknown): Promise<RestResponse<T>> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        socketPath: SNAPD_SOCKET,
        path: urlPath,
        method,
        headers: payload ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } : {},
        timeout: 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            const json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type: string; 'status-code': number; result: T };
            resolve({ status: json['status-code'] ?? res.statusCode ?? 0, type: json.type, result: json.result });
          } catch (e) {
            reject(e);
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`snapd did not answer ${method} ${urlPath} in time`)));
    req.on('error', reject);
    req.end(payload);
  });
}

export async function restGet<T>(urlPath: string): Promise<T> {
  const r = await rest<T>('GET', urlPath);
  if (r.status !== 200) throw new Error(`GET ${urlPath}: HTTP ${r.status} ${JSON.stringify(r.result)}`);
  return r.result;
}

// ---------------------------------------------------------------------------------------------
// REST shapes (only the fields the suite reads)

export interface RestSnap {
  name: string;
  type: string;
  version: string;
  revision: string;
  confinement: string;
  devmode: boolean;
  jailmode?: boolean;
  'tracking-channel'?: string;
  publisher?: { username: string; validation?: string };
  health?: { status: string };
  status: string;
}

export interface RestPlugRef {
  snap: string;
  plug: string;
}
export interface RestSlotRef {
  snap: string;
  slot: string;
}
export interface RestPlug extends RestPlugRef {
  interface: string;
  attrs?: Record<string, unknown>;
  /** the apps it is bound to (daemon/api_json.go plugJSON, omitted when none) */
  apps?: string[];
  connections?: RestSlotRef[];
}
export interface RestSlot extends RestSlotRef {
  interface: string;
  attrs?: Record<string, unknown>;
  connections?: RestPlugRef[];
}
export interface RestConnection {
  interface: string;
  plug: RestPlugRef;
  slot: RestSlotRef;
  manual?: boolean;
  gadget?: boolean;
  'plug-attrs'?: Record<string, unknown>;
  'slot-attrs'?: Record<string, unknown>;
}
export interface RestConnections {
  established?: RestConnection[];
  undesired?: RestConnection[];
  plugs?: RestPlug[];
  slots?: RestSlot[];
}

export interface RestChange {
  id: string;
  kind: string;
  summary: string;
  status: string;
  ready: boolean;
}

export function connectionsRest(query: string): Promise<RestConnections> {
  return restGet<RestConnections>(`/v2/connections?${query}`);
}

/** Whether the plug is connected (to the given slot, when given) according to the REST API. */
export async function isConnected(plug: RestPlugRef, slot?: RestSlotRef): Promise<boolean> {
  const r = await connectionsRest(`snap=${encodeURIComponent(plug.snap)}&select=all`);
  return (r.established ?? []).some(
    (c) => c.plug.snap === plug.snap && c.plug.plug === plug.plug && (!slot || (c.slot.snap === slot.snap && c.slot.slot === slot.slot)),
  );
}

export async function allChanges(): Promise<RestChange[]> {
  return restGet<RestChange[]>('/v2/changes?select=all');
}

// ---------------------------------------------------------------------------------------------
// What `snap connections` should print, derived from the REST answer, in one canonical string
// per row: "interface plug slot notes" with the system snap written as "system" (the parsers'
// name for it) and "-" for an empty side.

const SYSTEM_SNAP_NAMES = new Set(['core', 'snapd', 'system']);

function endpointText(snap: string, name: string): string {
  return `${SYSTEM_SNAP_NAMES.has(snap) ? 'system' : snap}:${name}`;
}

export function rowText(r: { interface: string; contentTag?: string; plug: string | null; slot: string | null; notes: string[] }): string {
  const iface = r.contentTag ? `${r.interface}[${r.contentTag}]` : r.interface;
  return `${iface} ${r.plug ?? '-'} ${r.slot ?? '-'} ${r.notes.length ? r.notes.join(',') : '-'}`;
}

/**
 * The rows `snap connections` prints for this REST answer (cmd/snap/cmd_connections.go):
 * every established connection (content ones tagged with the content attribute, as 2.57
 * prints `content[tag]`), notes manual/gadget; with `all`, every unconnected plug and every
 * unconnected slot, except the system snap's slots unless that snap was asked for.
 */
export function expectedRows(r: RestConnections, opts: { all: boolean; wanted?: string }): string[] {
  const rows: string[] = [];
  for (const c of r.established ?? []) {
    const tagValue = c.interface === 'content' ? (c['plug-attrs']?.content ?? c['slot-attrs']?.content) : undefined;
    rows.push(
      rowText({
        interface: c.interface,
        contentTag: typeof tagValue === 'string' ? tagValue : undefined,
        plug: endpointText(c.plug.snap, c.plug.plug),
        slot: endpointText(c.slot.snap, c.slot.slot),
        notes: [...(c.manual ? ['manual'] : []), ...(c.gadget ? ['gadget'] : [])],
      }),
    );
  }
  if (opts.all) {
    for (const p of r.plugs ?? []) {
      if (!p.connections?.length) rows.push(rowText({ interface: p.interface, plug: endpointText(p.snap, p.plug), slot: null, notes: [] }));
    }
    for (const s of r.slots ?? []) {
      if (!SYSTEM_SNAP_NAMES.has(opts.wanted ?? '') && SYSTEM_SNAP_NAMES.has(s.snap)) continue;
      if (!s.connections?.length) rows.push(rowText({ interface: s.interface, plug: null, slot: endpointText(s.snap, s.slot), notes: [] }));
    }
  }
  return rows.sort();
}

/** The parsers' Connection objects in the same canonical form. */
export function parsedRows(
  conns: readonly { interface: string; contentTag?: string; plug: { snap: string; name: string } | null; slot: { snap: string; name: string } | null; notes: string[] }[],
): string[] {
  return conns
    .map((c) =>
      rowText({
        interface: c.interface,
        contentTag: c.contentTag,
        plug: c.plug ? `${c.plug.snap}:${c.plug.name}` : null,
        slot: c.slot ? `${c.slot.snap}:${c.slot.name}` : null,
        notes: c.notes,
      }),
    )
    .sort();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
