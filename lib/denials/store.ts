import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Host } from '../host';
import type { SourceAttempt, SourceId } from '../contracts/denials';
import { countSuppressed, parseDenials, type Denial } from './parse';
import { readKernelLog } from './sources';
import { ownerSnap, type DenialReport } from './report';
import type { PlugObservation } from './connection-times';

/**
 * The server's view of each host's kernel log: denials read incrementally (by
 * cursor) and kept in memory per host, so each poll parses only what is new.
 */

const MAX_KEPT = 50_000;

export interface Store {
  /** Names this store: a follow cursor from another store (server restarted, host replaced) is not one of its own. */
  id: string;
  /** The sequence number of denials[0]; each denial read gets the next number, so followers can ask for what came after. */
  firstSeq: number;
  cursor: string | null;
  denials: Denial[];
  dropped: number;
  source: SourceId | null;
  attempts: SourceAttempt[];
  refreshing: Promise<void> | null;
  /** Bumped whenever `denials` changes: reports are memoised per version. */
  version: number;
  lastRefresh: number;
  /** The last few reports: a page polls every few seconds and most polls find nothing new. */
  reports: Map<string, DenialReport>;
  /** Which snap a pid belonged to (null: none), looked up once per pid. */
  pidSnap: Map<number, string | null>;
  /**
   * Denials seen since this process started, per snap and kind, and lines the kernel
   * dropped: only ever grow (a rotated log or the MAX_KEPT trim leaves them alone), so
   * /metrics can expose them as Prometheus counters.
   */
  counted: Map<string, DenialCount>;
  droppedTotal: number;
  /** What the dashboard saw of each plug's connection state, to bound when it was connected. */
  observed: Map<string, PlugObservation>;
}

export interface DenialCount {
  /** null: no snap could be named for it. */
  snap: string | null;
  kind: Denial['kind'];
  count: number;
}

// One store per host and process (on globalThis): pages and API routes are bundled separately.
const STORES_KEY = Symbol.for('confinement-dashboard.denial-stores');

export function storeOf(host: Host): Store {
  const holder = globalThis as { [STORES_KEY]?: Map<Host, Store> };
  // Keyed by the host object: a host that is replaced (new settings) starts with a fresh log.
  const stores = (holder[STORES_KEY] ??= new Map());
  let store = stores.get(host);
  if (!store) {
    store = { id: randomUUID(), firstSeq: 0, cursor: null, denials: [], dropped: 0, source: null, attempts: [], refreshing: null, version: 0, lastRefresh: 0, reports: new Map(), pidSnap: new Map(), counted: new Map(), droppedTotal: 0, observed: new Map() };
    stores.set(host, store);
  }
  return store;
}

const SNAP_CGROUP = /snap\.([a-z0-9][a-z0-9-]*(?:_[a-z0-9]{1,10})?)\.[^/\s]+\.(?:service|scope)/;

/**
 * Without AppArmor a seccomp line names no snap (no subj=, and exe= is the
 * path inside the snap's mount namespace). A process that is still alive
 * tells us through its cgroup; anything else stays unknown.
 */
async function attributeByPid(host: Host, store: Store, d: Denial): Promise<Denial> {
  if (d.snap || d.pid === null) return d;
  const { pidSnap } = store;
  if (!pidSnap.has(d.pid)) {
    const cgroup = await host.cgroupOf(d.pid);
    if (pidSnap.size > 10_000) pidSnap.clear();
    pidSnap.set(d.pid, cgroup ? (SNAP_CGROUP.exec(cgroup)?.[1] ?? null) : null);
  }
  const snap = pidSnap.get(d.pid) ?? null;
  return snap ? { ...d, snap } : d;
}

async function refresh(host: Host, store: Store): Promise<void> {
  const chunk = await readKernelLog(host, store.cursor);
  store.attempts = chunk.attempts;
  if (!chunk.attempts.some((a) => a.ok)) return;
  if (chunk.reset || (store.source && store.source !== chunk.source)) {
    store.firstSeq += store.denials.length;
    store.denials = [];
    store.dropped = 0;
    store.version++;
  }
  store.source = chunk.source;
  store.cursor = chunk.cursor;
  if (!chunk.text) return;
  const fresh = await Promise.all(parseDenials(chunk.text).map((d) => attributeByPid(host, store, d)));
  const suppressed = countSuppressed(chunk.text);
  store.dropped += suppressed;
  store.droppedTotal += suppressed;
  if (fresh.length === 0 && !suppressed) return;
  for (const d of fresh) {
    store.denials.push(d);
    // counted under the snap the report shows it for (snap-update-ns.SNAP under SNAP)
    const owner = ownerSnap(d);
    const key = `${owner ?? ''}\u0000${d.kind}`;
    const c = store.counted.get(key);
    if (c) c.count++;
    else store.counted.set(key, { snap: owner, kind: d.kind, count: 1 });
  }
  if (store.denials.length > MAX_KEPT) store.firstSeq += store.denials.splice(0, store.denials.length - MAX_KEPT).length;
  store.version++;
}

/** Like the read cache of snap commands: page loads and polls within this window share one log read. */
const REFRESH_EVERY_MS = 2_000;

/** Reads what is new in the host's kernel log; concurrent callers share one read. */
export async function refreshDenials(host: Host, opts: { now?: boolean } = {}): Promise<void> {
  const store = storeOf(host);
  // `now`: a read that starts after this call (a follower's "from now on" must not be a read 2 s old)
  if (opts.now && store.refreshing) await store.refreshing.catch(() => undefined);
  if (!opts.now && !store.refreshing && Date.now() - store.lastRefresh < REFRESH_EVERY_MS) return;
  store.refreshing ??= refresh(host, store).finally(() => {
    store.lastRefresh = Date.now();
    store.refreshing = null;
  });
  return store.refreshing;
}

/**
 * The host's denial counters for /metrics, after reading what is new in its log.
 * `readable` is false while no kernel-log source works (the counters are then only
 * what was read before).
 */
export async function denialCounters(host: Host): Promise<{ counts: DenialCount[]; dropped: number; readable: boolean }> {
  await refreshDenials(host);
  const store = storeOf(host);
  return { counts: [...store.counted.values()].map((c) => ({ ...c })), dropped: store.droppedTotal, readable: store.attempts.some((a) => a.ok) };
}
