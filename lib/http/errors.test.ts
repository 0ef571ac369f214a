import { describe, expect, it, vi } from 'vitest';
import { ApiError, errorResponse } from './errors';
import { NotFound } from '../errors/problem';

describe('errorResponse', () => {
  it('sends an ApiError as { error: { code, message, hint } } with its status', async () => {
    const res = errorResponse(new ApiError(409, 'busy', 'Another change is running.', 'Wait.'));
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: 'busy', message: 'Another change is running.', hint: 'Wait.' } });
  });
  it('sends Retry-After for throttling', async () => {
    const res = errorResponse(new ApiError(429, 'throttled', 'Wait', undefined, 8));
    expect(res.headers.get('retry-after')).toBe('8');
    expect((await res.json()).error.retryAfter).toBe(8);
  });
  it('hides everything else behind a bare 500: no stack, no paths', async () => {
    const err = new Error("ENOENT: no such file or directory, open '/root/.local/state/confinement-dashboard/x'");
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = errorResponse(err);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'Internal error' } });
    expect(text).not.toMatch(/root|ENOENT|at /);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });
});

describe('errorResponse of domain errors', () => {
  it('tells a domain error by its own problem, without the edge knowing the domain', async () => {
    const res = errorResponse(new NotFound('snap "x" is not installed', 'Check the name.'));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not-found', message: 'snap "x" is not installed', hint: 'Check the name.' } });
  });
});
