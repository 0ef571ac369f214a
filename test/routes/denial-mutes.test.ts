import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Muting a denial group as known noise: persisted per host, audited, reversible; bad input and a
// damaged file lose nothing.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-mutes-'));
process.env.CONFINEMENT_DASHBOARD_STATE_DIR = path.join(tmp, 'state');
process.env.CONFINEMENT_DASHBOARD_HOST_MODE = 'demo';
process.env.CONFINEMENT_DASHBOARD_DEMO_STATE = path.join(tmp, 'demo.json');
process.env.CONFINEMENT_DASHBOARD_TOKEN = (await import('node:crypto')).randomBytes(32).toString('base64url');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const route = await import('@/app/api/denials/mutes/route');
const { readAudit } = await import('@/lib/audit/log');
const { currentHost } = await import('@/lib/host');
type Mutes = import('@/lib/contracts/denials').DenialMutesResponse;

const FILE = path.join(tmp, 'state', 'denial-mutes.json');
const KEY = 'microk8s|snap.microk8s.daemon-kubelite|apparmor|read /proc/1/mountinfo|denied';
const headers = (auth = true) => ({ host: '127.0.0.1:3000', 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${process.env.CONFINEMENT_DASHBOARD_TOKEN}` } : {}) });
const ctx = { params: Promise.resolve({}) };
const list = async () => (await (await route.GET(new Request('http://127.0.0.1:3000/api/denials/mutes', { headers: headers() }), ctx)).json()) as Mutes;
const mute = (body: unknown) => route.POST(new Request('http://127.0.0.1:3000/api/denials/mutes', { method: 'POST', headers: headers(), body: JSON.stringify(body) }), ctx);
const unmute = (key: string) => route.DELETE(new Request(`http://127.0.0.1:3000/api/denials/mutes?key=${encodeURIComponent(key)}`, { method: 'DELETE', headers: headers() }), ctx);

describe('/api/denials/mutes', () => {
  it('mutes a group: listed, written to the state directory for this user only, audited', async () => {
    expect((await list()).mutes).toEqual([]);
    const res = await mute({ key: KEY, note: 'kubelite reads it at start' });
    expect(res.status).toBe(200);
    const { mutes } = await list();
    expect(mutes).toEqual([{ key: KEY, label: 'microk8s: read /proc/1/mountinfo (apparmor)', note: 'kubelite reads it at start', mutedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }]);
    expect(fs.statSync(FILE).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(FILE, 'utf8')).hosts[currentHost().id][0].key).toBe(KEY);
    const [entry] = await readAudit({ action: 'denial.mute' });
    expect(entry).toMatchObject({ action: 'denial.mute', target: 'microk8s: read /proc/1/mountinfo (apparmor)', result: 'ok', details: { key: KEY } });
  });

  it('unmutes it (audited); unmuting what is not muted is a 404 that changes nothing', async () => {
    expect((await unmute(KEY)).status).toBe(200);
    expect((await list()).mutes).toEqual([]);
    expect((await readAudit({ action: 'denial.unmute' }))[0]).toMatchObject({ target: 'microk8s: read /proc/1/mountinfo (apparmor)', result: 'ok' });
    const again = await unmute(KEY);
    expect(again.status).toBe(404);
    expect(((await again.json()) as { error: { message: string } }).error.message).toMatch(/not muted/);
  });

  it('refuses a key with control characters or an unknown field, clearly, and keeps the mutes it has', async () => {
    await mute({ key: KEY });
    const before = fs.readFileSync(FILE, 'utf8');
    for (const body of [{ key: 'x|y|\u001b[31m|z' }, { key: KEY, extra: 1 }, { key: '' }]) {
      const res = await mute(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message.length).toBeGreaterThan(0);
    }
    expect(fs.readFileSync(FILE, 'utf8')).toBe(before);
  });

  it('a damaged file is an error that says what to do, and a mute does not overwrite it', async () => {
    fs.writeFileSync(FILE, '{"version":1,"hosts":', { mode: 0o600 });
    const res = await route.GET(new Request('http://127.0.0.1:3000/api/denials/mutes', { headers: headers() }), ctx);
    expect(res.status).toBe(500);
    expect((await mute({ key: KEY })).status).toBe(500);
    expect(fs.readFileSync(FILE, 'utf8')).toBe('{"version":1,"hosts":');
    fs.rmSync(FILE);
  });

  it('needs credentials like every route', async () => {
    const res = await route.POST(new Request('http://127.0.0.1:3000/api/denials/mutes', { method: 'POST', headers: headers(false), body: JSON.stringify({ key: KEY }) }), ctx);
    expect(res.status).toBe(401);
    expect(fs.existsSync(FILE)).toBe(false);
  });
});
