import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from './errors';
import { readJsonBody } from './body';

function req(headers: Record<string, string>, init: RequestInit & { url?: string } = {}): Request {
  return new Request(init.url ?? 'http://127.0.0.1:3000/api/x', { method: 'POST', ...init, headers });
}

async function rejected(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

describe('readJsonBody', () => {
  const schema = z.object({ snap: z.string(), plug: z.string() }).strict();
  const json = { 'content-type': 'application/json' };

  it('returns the parsed body', async () => {
    await expect(readJsonBody(req({ 'content-type': 'application/json; charset=utf-8' }, { body: '{"snap":"a","plug":"b"}' }), schema)).resolves.toEqual({ snap: 'a', plug: 'b' });
  });

  it('refuses other content types with 415', async () => {
    const e = await rejected(readJsonBody(req({ 'content-type': 'text/plain' }, { body: '{}' }), schema));
    expect(e.status).toBe(415);
    expect((await rejected(readJsonBody(req({}, { body: '{}' }), schema))).status).toBe(415);
  });

  it('refuses a body over the limit with 413, by Content-Length and while streaming', async () => {
    const big = JSON.stringify({ snap: 'x'.repeat(20_000), plug: 'p' });
    expect((await rejected(readJsonBody(req(json, { body: big }), schema))).status).toBe(413);
    // No Content-Length (chunked): the limit holds while reading.
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 10; i++) c.enqueue(new TextEncoder().encode('x'.repeat(4096)));
        c.close();
      },
    });
    const chunked = new Request('http://127.0.0.1:3000/api/x', { method: 'POST', headers: json, body: stream, duplex: 'half' } as RequestInit);
    expect(chunked.headers.get('content-length')).toBeNull();
    const e = await rejected(readJsonBody(chunked, schema));
    expect(e.status).toBe(413);
    expect(e.code).toBe('too-large');
    expect((await rejected(readJsonBody(req(json, { body: '{"snap":"a","plug":"b"}' }), schema, 10))).status).toBe(413);
  });

  it('refuses bad JSON and empty bodies with 400 bad-json', async () => {
    for (const body of ['{', '', 'nul', '\u00ff']) {
      const e = await rejected(readJsonBody(req(json, { body }), schema));
      expect(e.status, body).toBe(400);
      expect(e.code).toBe('bad-json');
    }
  });

  it('refuses unknown fields and wrong types with 400 and the zod message', async () => {
    const extra = await rejected(readJsonBody(req(json, { body: '{"snap":"a","plug":"b","slot":"c"}' }), schema));
    expect(extra.status).toBe(400);
    expect(extra.code).toBe('invalid-request');
    expect(extra.message).toMatch(/Unrecognized key.*slot/);
    const wrong = await rejected(readJsonBody(req(json, { body: '{"snap":1,"plug":"b"}' }), schema));
    expect(wrong.message).toMatch(/^snap: /);
  });
});
