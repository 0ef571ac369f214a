/**
 * What went wrong, in the admin's words: the tool's own message verbatim, a
 * plain explanation, and the fix where there is one. Pure, so the same shape
 * reaches the browser.
 */
export interface Problem {
  status: number;
  code: string;
  message: string;
  hint?: string;
  /** Seconds; sent as `Retry-After` (429). */
  retryAfter?: number;
  /** 409 job-running: the job the host is busy with, so the page can follow it. */
  jobId?: string;
}

/**
 * A failure that knows how it should be told: domain errors (host, names,
 * actions, parsers) implement it, so the HTTP edge maps any of them without
 * importing a single domain module.
 */
export interface ProblemSource {
  problem(): Problem;
}

export function hasProblem(e: unknown): e is ProblemSource {
  return typeof e === 'object' && e !== null && typeof (e as { problem?: unknown }).problem === 'function';
}

/** "No such thing on this host": a snap, plug or interface that is not there. */
export class NotFound extends Error implements ProblemSource {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'NotFound';
  }
  problem(): Problem {
    return { status: 404, code: 'not-found', message: this.message, ...(this.hint ? { hint: this.hint } : {}) };
  }
}

/** A request that names something the dashboard does not know (a release, say): 400 with the code given. */
export class InvalidInput extends Error implements ProblemSource {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidInput';
  }
  problem(): Problem {
    return { status: 400, code: this.code, message: this.message };
  }
}
