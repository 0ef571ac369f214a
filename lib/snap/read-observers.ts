import type { Host } from '../host';
import type { Connection } from './parse';

/**
 * Who wants to see every read of connections (the follow-through of pending
 * changes reconciles with them). On globalThis: Next bundles routes and pages
 * apart, and a read in either must reach the one observer.
 */

export type ConnectionsObserver = (host: Host, snap: string | undefined, rows: readonly Connection[]) => void;

const KEY = Symbol.for('confinement-dashboard.connections-observer');
type Holder = { [KEY]?: ConnectionsObserver };

/** Sets the one observer (a later call replaces it: each bundle installs the same behaviour). */
export function observeConnectionReads(observer: ConnectionsObserver): void {
  (globalThis as Holder)[KEY] = observer;
}

/** Tells the observer, never throwing into the read. */
export function connectionsRead(host: Host, snap: string | undefined, rows: readonly Connection[]): void {
  const observer = (globalThis as Holder)[KEY];
  if (!observer) return;
  try {
    observer(host, snap, rows);
  } catch {
    // an observer's failure is not the read's
  }
}
