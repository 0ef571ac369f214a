import 'server-only';
import type { Host } from '../host';
import { FOLLOW_MAX_EVENTS, type DenialFollowEvent, type DenialFollowResponse } from '../contracts/denials';
import type { Denial } from './parse';
import { buildReport, groupKeyOf, ownerSnap } from './report';
import { hostContext } from './service';
import { refreshDenials, storeOf, type Store } from './store';
import { hostTimeZone } from '../time/host-zone';

/**
 * Live follow, as `snappy-debug.security scanlog` does it: each denial the
 * kernel logs from now on, in order, with its explanation. It reads the same
 * per-host store as the Denials page (one incremental log read serves both);
 * a follower's cursor names the store and how far into it the follower is.
 */

export interface FollowFilter {
  after?: string | null;
  snap?: string | null;
  kind?: Denial['kind'] | null;
}

interface Position {
  id: string;
  seq: number;
  dropped: number;
}

function positionOf(cursor: string | null | undefined): Position | null {
  const m = cursor ? /^([0-9a-f-]{36})\.(\d+)\.(\d+)$/.exec(cursor) : null;
  return m ? { id: m[1]!, seq: Number(m[2]), dropped: Number(m[3]) } : null;
}

function cursorOf(store: Store): string {
  return `${store.id}.${store.firstSeq + store.denials.length}.${store.droppedTotal}`;
}

export async function followDenials(host: Host, filter: FollowFilter): Promise<DenialFollowResponse> {
  const at = positionOf(filter.after);
  await refreshDenials(host, { now: at?.id !== storeOf(host).id });
  const store = storeOf(host);
  const end = store.firstSeq + store.denials.length;
  const base = { cursor: cursorOf(store), source: store.source, attempts: store.attempts, generatedAt: new Date().toISOString(), hostZone: await hostTimeZone(host) };
  // A first call, or a cursor this store never gave (another server process, a replaced host): from now on.
  if (!at || at.id !== store.id || at.seq > end || at.dropped > store.droppedTotal) {
    return { ...base, restarted: at !== null, events: [], groups: [], missed: 0, dropped: 0 };
  }
  // Denials the store no longer holds (trimmed, or the log rotated before this follower came back) are counted, not lost silently.
  const gone = Math.max(0, store.firstSeq - at.seq);
  const fresh: { d: Denial; seq: number }[] = [];
  for (let seq = Math.max(at.seq, store.firstSeq); seq < end; seq++) {
    const d = store.denials[seq - store.firstSeq]!;
    if ((!filter.snap || ownerSnap(d) === filter.snap) && (!filter.kind || d.kind === filter.kind)) fresh.push({ d, seq });
  }
  const shown = fresh.slice(-FOLLOW_MAX_EVENTS);
  const missed = gone + fresh.length - shown.length;
  const dropped = store.droppedTotal - at.dropped;
  if (shown.length === 0) return { ...base, restarted: false, events: [], groups: [], missed, dropped };
  // Each group is judged by these new denials alone: a plug that allows them and was connected before
  // them makes them "already connected, and denied after that", whatever older denials said.
  const report = buildReport(
    shown.map((x) => x.d),
    0,
    await hostContext(host, store),
  );
  const events: DenialFollowEvent[] = shown.map(({ d, seq }) => ({ seq, time: d.time, group: groupKeyOf(d), pid: d.pid, comm: d.comm }));
  return { ...base, restarted: false, events, groups: report.groups, missed, dropped };
}
