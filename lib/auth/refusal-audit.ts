import 'server-only';
import { appendAudit, type AuditInput } from '../audit/log';

/**
 * Refused attempts in the audit log (review F6): bad Host, cross-origin and
 * CSRF/request-key refusals, wrong or throttled tokens, forged cookies.
 *
 * Refusals are cheap to cause, so they are rate-limited per (client address,
 * kind): the first one of a minute is written at once (and awaited, like every
 * audit line), the repeats are only counted, and when the minute is over one
 * summary line says how many were left out. Across all keys at most
 * MAX_LINES_PER_WINDOW lines are written a minute; past that, refusals of new
 * keys go into one overall count. An attacker can therefore add at most a few
 * dozen short lines a minute to the log, however fast it sends.
 */

export const REFUSAL_WINDOW_MS = 60_000;
const MAX_LINES_PER_WINDOW = 30;
const OVERFLOW_KEY = '*';

export interface Refusal {
  /** `auth.refused`, or `auth.login` for the login form. */
  action: string;
  clientAddress: string;
  /** The error code sent (bad-host, cross-origin, csrf, unauthenticated, throttled). */
  code: string;
  status: number;
  method: string;
  /** The request path (bounded; JSON keeps it on one line). */
  path: string;
  sessionId: string;
  /** What the refusal was about, in a few words (e.g. `wrong token`). */
  error: string;
}

interface Counter {
  action: string;
  clientAddress: string;
  code: string;
  suppressed: number;
}

type Write = (input: AuditInput) => Promise<void>;

export class RefusalAudit {
  private windowStart = 0;
  private lines = 0;
  private readonly counters = new Map<string, Counter>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly write: Write = appendAudit,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async record(r: Refusal): Promise<void> {
    const now = this.now();
    if (now - this.windowStart >= REFUSAL_WINDOW_MS) await this.flush(now);
    const key = `${r.action}\u0000${r.clientAddress}\u0000${r.code}`;
    const seen = this.counters.get(key);
    if (seen) {
      seen.suppressed += 1;
      return;
    }
    if (this.lines >= MAX_LINES_PER_WINDOW) {
      const overflow = this.counters.get(OVERFLOW_KEY) ?? { action: 'auth.refused', clientAddress: '(various)', code: '(various)', suppressed: 0 };
      overflow.suppressed += 1;
      this.counters.set(OVERFLOW_KEY, overflow);
      return;
    }
    this.counters.set(key, { action: r.action, clientAddress: r.clientAddress, code: r.code, suppressed: 0 });
    this.lines += 1;
    this.schedule();
    await this.write({
      action: r.action,
      target: `${r.method.slice(0, 10)} ${r.path.slice(0, 200)}`,
      sessionId: r.sessionId,
      clientAddress: r.clientAddress,
      result: 'error',
      changeId: null,
      error: r.error,
      details: { refused: true, status: r.status, code: r.code },
    });
  }

  /** Writes the summary lines of the window that is over and starts a new one. */
  async flush(now = this.now()): Promise<void> {
    const counters = [...this.counters.values()].filter((c) => c.suppressed > 0);
    this.counters.clear();
    this.windowStart = now;
    this.lines = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const c of counters) {
      await this.write({
        action: c.action,
        target: 'repeated refusals',
        sessionId: '-',
        clientAddress: c.clientAddress,
        result: 'error',
        changeId: null,
        error: `${c.suppressed} more refused request${c.suppressed === 1 ? '' : 's'} (${c.code}) in ${REFUSAL_WINDOW_MS / 1000} s, not written one by one`,
        details: { refused: true, suppressed: c.suppressed, code: c.code },
      });
    }
  }

  /** The summary must come out even if nothing else happens after the burst. */
  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch((e: unknown) => console.error('[confinement-dashboard] cannot write the refusal summary to the audit log:', e));
    }, REFUSAL_WINDOW_MS - (this.now() - this.windowStart));
    // Never keep the process alive for a summary.
    this.timer.unref?.();
  }
}

const KEY = Symbol.for('confinement-dashboard.refusal-audit');

export function refusalAudit(): RefusalAudit {
  const holder = globalThis as { [KEY]?: RefusalAudit };
  holder[KEY] ??= new RefusalAudit();
  return holder[KEY];
}

/** A fresh limiter (tests). */
export function resetRefusalAudit(write?: Write, now?: () => number): RefusalAudit {
  const r = new RefusalAudit(write, now);
  (globalThis as { [KEY]?: RefusalAudit })[KEY] = r;
  return r;
}
