import { hasProblem, type Problem, type ProblemSource } from '../errors/problem';

/** Errors of the HTTP edge, and how any error becomes an answer. */

const API_ERROR = Symbol.for('confinement-dashboard.ApiError');

/** An error whose message is meant for the client, with the HTTP status to send. */
export class ApiError extends Error implements ProblemSource {
  readonly [API_ERROR] = true;
  constructor(
    public status: number,
    public code: string,
    message: string,
    public hint?: string,
    /** Seconds; sent as `Retry-After` and `error.retryAfter` (429). */
    public retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  problem(): Problem {
    return {
      status: this.status,
      code: this.code,
      message: this.message,
      ...(this.hint ? { hint: this.hint } : {}),
      ...(this.retryAfter !== undefined ? { retryAfter: this.retryAfter } : {}),
    };
  }
}

/** `instanceof` plus a brand, so an ApiError from a duplicated module instance still counts. */
export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError || (typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[API_ERROR] === true);
}

const NO_STORE = { 'cache-control': 'no-store' };

/**
 * Any error that can tell its Problem (ApiError, and every domain error:
 * host failures, bad names, failed actions, unreadable output) →
 * `{ error: { code, message, hint? } }` with its status. Anything else is
 * logged here, server-side, and the client only learns "Internal error": no
 * stack, no host paths, no command lines.
 */
export function errorResponse(e: unknown): Response {
  if (hasProblem(e)) {
    const p = e.problem();
    const error: Record<string, unknown> = { code: p.code, message: p.message };
    if (p.hint) error.hint = p.hint;
    if (p.jobId) error.jobId = p.jobId;
    const headers: Record<string, string> = { ...NO_STORE };
    if (p.retryAfter !== undefined) {
      error.retryAfter = p.retryAfter;
      headers['retry-after'] = String(p.retryAfter);
    }
    return Response.json({ error }, { status: p.status, headers });
  }
  console.error('[confinement-dashboard] unhandled error in a request handler:', e);
  return Response.json({ error: { code: 'internal', message: 'Internal error' } }, { status: 500, headers: NO_STORE });
}
