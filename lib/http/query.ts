import type { z } from 'zod';
import { ApiError } from './errors';

/**
 * The one way a route reads its query: each parameter at most once, checked
 * against the contract's schema (strict, so unknown parameters are refused),
 * 400 `invalid-request` naming what is wrong.
 */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  const raw: Record<string, string> = {};
  for (const [key, value] of new URL(req.url).searchParams) {
    if (key in raw) throw new ApiError(400, 'invalid-request', `Query parameter "${key}" is repeated.`);
    raw[key] = value;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const message = parsed.error.issues
      .slice(0, 3)
      .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
      .join('; ');
    throw new ApiError(400, 'invalid-request', message || 'The query is not valid.');
  }
  return parsed.data;
}
