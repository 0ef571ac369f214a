import 'server-only';
import { ApiError } from '../auth/with-auth';
import { isHostError } from '../host/errors';
import { problemFromHostFailure } from '../snap/problems';
import { ActionFailed } from '../snap/actions';
import { NameError } from '../validation/names';
import { SnapParseError } from '../snap/parse';

/** Turns a domain failure into the API's typed error; unknown errors pass through (500 without details). */
export function toApiError(e: unknown): unknown {
  if (e instanceof ApiError) return e;
  if (e instanceof NameError) return new ApiError(400, 'bad-name', e.message, "Names follow snapd's rules: lower-case letters, digits and single dashes.");
  if (e instanceof ActionFailed) return new ApiError(e.problem.status, e.problem.code, e.problem.message, e.problem.hint);
  if (isHostError(e)) {
    const p = problemFromHostFailure(e);
    return new ApiError(p.status, p.code, p.message, p.hint);
  }
  if (e instanceof SnapParseError) {
    return new ApiError(502, 'unexpected-output', `snap printed something the dashboard cannot read: ${e.message}`, 'Please report it with the output of the command.');
  }
  return e;
}

/** Runs a handler body and rethrows domain errors as ApiErrors for withAuth to render. */
export async function domain<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toApiError(e);
  }
}
