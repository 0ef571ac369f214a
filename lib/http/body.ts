import 'server-only';
import type { z } from 'zod';
import { ApiError } from './errors';

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, 'too-large', `The request body is larger than ${maxBytes} bytes.`);
}

/**
 * Reads a JSON body: `Content-Type: application/json` (else 415), at most
 * `maxBytes` (413, checked on `Content-Length` and again while reading, so a
 * chunked body cannot get round it), valid UTF-8 JSON (400 `bad-json`), and the
 * schema (400 `invalid-request` with zod's message; use `.strict()` schemas so
 * unknown fields are refused).
 */
export async function readJsonBody<S extends z.ZodType>(req: Request, schema: S, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<z.output<S>> {
  const type = req.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ApiError(415, 'unsupported-media-type', 'The request body must be JSON (Content-Type: application/json).');
  }
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }

  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ApiError(400, 'bad-json', size === 0 ? 'The request body is empty.' : 'The request body is not valid JSON.');
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const message = parsed.error.issues
      .slice(0, 3)
      .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
      .join('; ');
    throw new ApiError(400, 'invalid-request', message || 'The request body is not valid.');
  }
  return parsed.data;
}
