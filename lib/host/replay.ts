import type { Host } from './host';

/**
 * The simulated host replaying a snapshot answers what the snapshot does not hold (the kernel log,
 * `microk8s status`, `snap services`) with "X is not in the snapshot this simulated host replays
 * (from HOST, taken TIME)" (demo/lib/state.js notInSnapshot) instead of inventing it (review
 * problem 9). Only a simulated host is believed: a real tool never prints this.
 */
const NOT_IN_SNAPSHOT = /[^\n]*is not in the snapshot this simulated host replays[^\n]*/;

/** The simulation's own sentence when `e` is such an answer, else null. */
export function notInSnapshot(host: Host, e: unknown): string | null {
  if (!host.capabilities.simulated || typeof e !== 'object' || e === null) return null;
  const { stderr, message } = e as { stderr?: unknown; message?: unknown };
  for (const text of [stderr, message]) {
    const m = typeof text === 'string' ? NOT_IN_SNAPSHOT.exec(text) : null;
    if (m) return m[0].replace(/^(error|dmesg): /, '').trim();
  }
  return null;
}
