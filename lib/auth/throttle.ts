export interface ThrottleOptions {
  /** Failures allowed before the back-off starts. */
  freeFailures: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** A key's failures are forgotten this long after its last failure. */
  forgetAfterMs: number;
  /** Bound on remembered keys (addresses), so spraying addresses cannot exhaust memory. */
  maxKeys: number;
}

interface ThrottleEntry {
  failures: number;
  blockedUntil: number;
  lastFailure: number;
}

/**
 * In-memory exponential back-off: after `freeFailures` failures a key must wait
 * base·2^(failures−freeFailures) seconds (capped). What waiting means is the
 * caller's (login-gate.ts holds the next attempt until then).
 */
export class FailureThrottle {
  private readonly entries = new Map<string, ThrottleEntry>();

  constructor(
    private readonly options: ThrottleOptions,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Seconds until `key` may try again; 0 when it may try now. */
  retryAfter(key: string): number {
    return Math.ceil(this.retryAfterMs(key) / 1000);
  }

  /** Milliseconds until `key` may try again; 0 when it may try now. */
  retryAfterMs(key: string): number {
    const entry = this.live(key);
    if (!entry) return 0;
    return Math.max(0, entry.blockedUntil - this.now());
  }

  fail(key: string): void {
    const now = this.now();
    const entry = this.live(key) ?? { failures: 0, blockedUntil: 0, lastFailure: now };
    entry.failures += 1;
    entry.lastFailure = now;
    const over = entry.failures - this.options.freeFailures;
    if (over >= 0) {
      const delay = Math.min(this.options.baseDelaySeconds * 2 ** over, this.options.maxDelaySeconds);
      entry.blockedUntil = now + delay * 1000;
    }
    this.entries.delete(key); // re-insert: Map order = least recently failed first
    this.entries.set(key, entry);
    while (this.entries.size > this.options.maxKeys) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  succeed(key: string): void {
    this.entries.delete(key);
  }

  private live(key: string): ThrottleEntry | undefined {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.lastFailure > this.options.forgetAfterMs && this.now() >= entry.blockedUntil) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
