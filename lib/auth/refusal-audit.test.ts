import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { readAudit } from '../audit/log';
import type { AuditInput } from '../audit/log';
import { withAuth } from './with-auth';
import { createSession } from './session';
import { resetAuthState } from './login';
import { resetAttemptGate } from './login-gate';
import { RefusalAudit } from './refusal-audit';

// Refused attempts in the audit log (review F6), through withAuth, and the limiter itself.
const stateDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cd-refusals-')), 'state');
process.env.CONFINEMENT_DASHBOARD_STATE_DIR = stateDir;
delete process.env.CONFINEMENT_DASHBOARD_TOKEN;
delete process.env.CONFINEMENT_DASHBOARD_TRUST_PROXY;
delete process.env.PORT;
afterAll(() => fs.rmSync(path.dirname(stateDir), { recursive: true, force: true }));

const ORIGIN = 'http://127.0.0.1:3000';
const echo = withAuth(async () => Response.json({ ok: true }));
const ctx = { params: Promise.resolve({}) };
let cookie = '';
let csrf = '';

function request(method: string, headers: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}/api/thing`, { method, headers: { host: '127.0.0.1:3000', ...headers }, body: method === 'GET' ? undefined : '{}' });
}
function browserPost(extra: Record<string, string> = {}): Request {
  const headers: Record<string, string> = { cookie, origin: ORIGIN, 'sec-fetch-site': 'same-origin', 'x-csrf-token': csrf, 'content-type': 'application/json', ...extra };
  return request('POST', Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== '')));
}

beforeEach(async () => {
  resetAuthState();
  const created = await createSession();
  cookie = `cd_session=${created.seal}`;
  csrf = created.key;
});

describe('withAuth: refusals are audited, repeats counted (F6)', () => {
  async function refusedLines() {
    return (await readAudit({ limit: 1000 })).filter((e) => e.details?.refused === true);
  }

  it('writes a line for a CSRF/origin 403, a wrong bearer token, a throttled one and a foreign Host', async () => {
    const before = (await refusedLines()).length;
    // Five wrong tokens from one address, then one more while the first held attempt waits: 429.
    resetAttemptGate({ wait: () => new Promise(() => undefined) });
    for (let i = 0; i < 5; i++) await echo(request('GET', { authorization: 'Bearer wrong-0123456789abcdef', 'x-forwarded-for': '192.0.2.51' }), ctx);
    void echo(request('GET', { authorization: 'Bearer wrong-0123456789abcdef', 'x-forwarded-for': '192.0.2.51' }), ctx);
    expect((await echo(request('GET', { authorization: 'Bearer wrong-0123456789abcdef', 'x-forwarded-for': '192.0.2.51' }), ctx)).status).toBe(429);
    expect((await echo(browserPost({ origin: 'https://evil.example', 'sec-fetch-site': '' }), ctx)).status).toBe(403);
    expect((await echo(browserPost({ 'x-csrf-token': 'A'.repeat(43) }), ctx)).status).toBe(403);
    expect((await echo(request('GET', { authorization: 'Bearer wrong-0123456789abcdef', 'x-forwarded-for': '192.0.2.50' }), ctx)).status).toBe(401);
    expect((await echo(request('GET', { host: 'attacker.example:3000', cookie }), ctx)).status).toBe(421);
    const lines = (await refusedLines()).slice(0, (await refusedLines()).length - before);
    expect(lines.map((l) => `${l.details?.code} ${l.clientAddress}`).sort()).toEqual([
      'bad-host local',
      'cross-origin local',
      'csrf local',
      'throttled 192.0.2.51',
      'unauthenticated 192.0.2.50',
      'unauthenticated 192.0.2.51', // the first of its five: the other four are counted for the summary
    ]);
    expect(lines.find((l) => l.clientAddress === '192.0.2.50')).toMatchObject({ action: 'auth.refused', clientAddress: '192.0.2.50', result: 'error', target: 'GET /api/thing', error: 'The bearer token is not correct.' });
  });

  it('does not write a line for a tab whose session simply ended (a read without a live session)', async () => {
    const before = (await refusedLines()).length;
    expect((await echo(request('GET', {}), ctx)).status).toBe(401);
    expect((await refusedLines()).length).toBe(before);
  });

  it('a flood of refusals writes one line per client and kind, then a summary of the repeats', async () => {
    const before = (await refusedLines()).length;
    for (let i = 0; i < 200; i++) await echo(browserPost({ 'x-csrf-token': `forged-${i}`.padEnd(43, 'x') }), ctx);
    expect((await refusedLines()).length).toBe(before + 1);
    const { refusalAudit } = await import('./refusal-audit');
    await refusalAudit().flush();
    const [summary] = await refusedLines();
    expect(summary).toMatchObject({ target: 'repeated refusals', details: { suppressed: 199, code: 'csrf' } });
  });
});

describe('RefusalAudit (the limiter)', () => {
  it('writes at most 30 lines a minute in all; refusals of further keys go into one overall count', async () => {
    const lines: AuditInput[] = [];
    let now = 0;
    const limiter = new RefusalAudit(async (l) => void lines.push(l), () => now);
    for (let i = 0; i < 100; i++) {
      await limiter.record({ action: 'auth.refused', clientAddress: `198.51.100.${i}`, code: 'csrf', status: 403, method: 'POST', path: '/api/x', sessionId: '-', error: 'e' });
    }
    expect(lines).toHaveLength(30);
    now = 60_000;
    await limiter.flush();
    expect(lines).toHaveLength(31);
    expect(lines[30]).toMatchObject({ clientAddress: '(various)', details: { suppressed: 70 } });
    // A new window writes a first line again.
    await limiter.record({ action: 'auth.refused', clientAddress: '198.51.100.1', code: 'csrf', status: 403, method: 'POST', path: '/api/x', sessionId: '-', error: 'e' });
    expect(lines).toHaveLength(32);
  });
});
