import 'server-only';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from '../http/errors';
import { FailureThrottle } from './throttle';

/**
 * The gate every token attempt (login form, bearer header) passes before the
 * token is even looked at (review F5: the old throttle refused wrong tokens
 * during the back-off but accepted the right one at once, so a guesser learnt
 * every answer at full speed).
 *
 * - Wrong tokens count per client address (5 free, then 1 s, 2 s, 4 s … 60 s)
 *   and for all addresses together (50 free, then up to 10 s).
 * - While a client is backing off, its next attempt — right token or wrong —
 *   is *held* until the back-off is over, and only then evaluated. Only one
 *   attempt per client is held at a time; others arriving meanwhile get 429
 *   without their token being evaluated. So a guesser gets one answer per
 *   back-off step however many connections it opens.
 * - At most MAX_HELD attempts are held at once in all, so waiting requests
 *   cannot pile up without bound.
 *
 * The trade-off: nobody at *another* address can keep the admin out (one slot
 * per address; the global back-off only delays, by at most 10 s), and the
 * right token waits at most one back-off step (≤ 60 s). But an attacker at the
 * admin's *own* address (another local program on the same machine: everything
 * local is 127.0.0.1) is the same client to the server, and while it keeps
 * failing, the admin's new logins from that address wait behind it or get 429.
 * Open sessions are not affected; the refusals are in the audit log.
 */

const MAX_HELD = 32;
const GLOBAL_KEY = '*';

export function throttledError(seconds: number): ApiError {
  return new ApiError(429, 'throttled', `Too many failed attempts. Try again in ${seconds} s.`, undefined, seconds);
}

export interface GateOptions {
  /** Injectable for tests (fake timers). */
  wait?: (ms: number) => Promise<unknown>;
  now?: () => number;
}

export class AttemptGate {
  readonly perClient: FailureThrottle;
  readonly global: FailureThrottle;
  private readonly held = new Set<string>();
  private readonly wait: (ms: number) => Promise<unknown>;

  constructor(options: GateOptions = {}) {
    const now = options.now ?? (() => Date.now());
    this.wait = options.wait ?? ((ms) => sleep(ms));
    this.perClient = new FailureThrottle({ freeFailures: 5, baseDelaySeconds: 1, maxDelaySeconds: 60, forgetAfterMs: 60 * 60 * 1000, maxKeys: 10_000 }, now);
    this.global = new FailureThrottle({ freeFailures: 50, baseDelaySeconds: 1, maxDelaySeconds: 10, forgetAfterMs: 15 * 60 * 1000, maxKeys: 1 }, now);
  }

  /** Milliseconds before `address` may have a token evaluated; 0 = now. */
  delayMs(address: string): number {
    return Math.max(this.perClient.retryAfterMs(address), this.global.retryAfterMs(GLOBAL_KEY));
  }

  /**
   * Resolves when this attempt may be evaluated; throws 429 when another
   * attempt of the same client is already waiting (or too many are). The
   * check and the reservation are synchronous, so concurrent attempts cannot
   * both slip through.
   */
  admit(address: string): Promise<void> | void {
    const ms = this.delayMs(address);
    if (ms <= 0) return;
    if (this.held.has(address) || this.held.size >= MAX_HELD) throw throttledError(Math.ceil(ms / 1000));
    this.held.add(address);
    return this.wait(ms).then(
      () => void this.held.delete(address),
      (e: unknown) => {
        this.held.delete(address);
        throw e;
      },
    );
  }

  failed(address: string): void {
    this.perClient.fail(address);
    this.global.fail(GLOBAL_KEY);
  }

  succeeded(address: string): void {
    this.perClient.succeed(address);
  }
}

const GATE_KEY = Symbol.for('confinement-dashboard.attempt-gate');

/** The process's gate (one for all route bundles). */
export function attemptGate(): AttemptGate {
  const holder = globalThis as { [GATE_KEY]?: AttemptGate };
  holder[GATE_KEY] ??= new AttemptGate();
  return holder[GATE_KEY];
}

/** A fresh gate (tests). */
export function resetAttemptGate(options: GateOptions = {}): AttemptGate {
  const gate = new AttemptGate(options);
  (globalThis as { [GATE_KEY]?: AttemptGate })[GATE_KEY] = gate;
  return gate;
}
