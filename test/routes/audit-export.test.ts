import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// GET /api/audit?format=csv|json through the real route and audit log.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-audit-export-'));
process.env.CONFINEMENT_DASHBOARD_STATE_DIR = path.join(tmp, 'state');
process.env.CONFINEMENT_DASHBOARD_HOST_MODE = 'demo';
process.env.CONFINEMENT_DASHBOARD_DEMO_STATE = path.join(tmp, 'demo.json');
process.env.CONFINEMENT_DASHBOARD_TOKEN = (await import('node:crypto')).randomBytes(32).toString('base64url');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const { GET } = await import('@/app/api/audit/route');
const { appendAudit } = await import('@/lib/audit/log');
const ctx = { params: Promise.resolve({}) };
const get = (query: string, auth = true) =>
  GET(new Request(`http://127.0.0.1:3000/api/audit${query}`, { headers: { host: '127.0.0.1:3000', ...(auth ? { authorization: `Bearer ${process.env.CONFINEMENT_DASHBOARD_TOKEN}` } : {}) } }), ctx);

const base = { host: 'node-1', sessionId: 's1', clientAddress: '127.0.0.1', changeId: null, error: null } as const;
await appendAudit({ ...base, action: 'interface.connect', target: 'microk8s:home', result: 'ok', changeId: '7' });
await appendAudit({ ...base, action: 'interface.connect', target: '(invalid request)', result: 'error', error: '=HYPERLINK("http://evil")', details: { refused: { plug: '@x' } } });
await appendAudit({ ...base, action: 'interface.disconnect', target: 'microk8s:home', result: 'unchanged' });

describe('GET /api/audit?format=', () => {
  it('csv: an attachment, newest first, formula cells neutralised', async () => {
    const res = await get('?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.csv"$/);
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('"time","host","action","target","result","changeId","error","clientAddress","sessionId","details"');
    expect(lines[1]).toContain('"interface.disconnect","microk8s:home","unchanged"');
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(lines[3]).toContain('"ok","7"');
  });

  it('json: the same entries as the page sees, filters applied', async () => {
    const res = await get('?format=json&result=error');
    expect(res.headers.get('content-disposition')).toMatch(/filename="audit-.*\.json"/);
    const body = (await res.json()) as { exportedAt: string; entries: { target: string; error: string }[] };
    expect(body.entries).toHaveLength(1);
    expect(body.entries[0]).toMatchObject({ target: '(invalid request)', error: '=HYPERLINK("http://evil")' }); // JSON keeps the text as it is
    const page = (await (await get('?result=error')).json()) as { entries: unknown[] };
    expect(body.entries).toEqual(page.entries);
  });

  it('an unknown format is a 400, and the export needs authentication like the rest', async () => {
    expect((await get('?format=xlsx')).status).toBe(400);
    expect((await get('?format=csv', false)).status).toBe(401);
  });
});
