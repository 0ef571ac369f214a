import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Adding and removing SSH nodes through the API on a real (non-demo) dashboard. The node
// is an address on loopback where nothing listens: it must show as unreachable, in words.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-hosts-config-'));
process.env.CONFINEMENT_DASHBOARD_STATE_DIR = path.join(tmp, 'state');
process.env.CONFINEMENT_DASHBOARD_HOST_MODE = 'local';
process.env.CONFINEMENT_DASHBOARD_TOKEN = (await import('node:crypto')).randomBytes(32).toString('base64url');
process.env.CONFINEMENT_DASHBOARD_SSH_KNOWN_HOSTS = path.join(tmp, 'known_hosts');
fs.writeFileSync(path.join(tmp, 'known_hosts'), '');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const configRoute = await import('@/app/api/hosts/[host]/config/route');
const hostsRoute = await import('@/app/api/hosts/route');
const { readAudit } = await import('@/lib/audit/log');

function req(url: string, method: string, body?: unknown): Request {
  return new Request(`http://127.0.0.1:3000${url}`, {
    method,
    headers: { host: '127.0.0.1:3000', authorization: `Bearer ${process.env.CONFINEMENT_DASHBOARD_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}
const ctx = (host: string) => ({ params: Promise.resolve({ host }) });

describe('SSH hosts of hosts.yaml', () => {
  it('adds a node (written to hosts.yaml, audited), lists it as unreachable with the reason, and removes it', async () => {
    const put = await configRoute.PUT(req('/api/hosts/node-9/config', 'PUT', { ssh: 'cd@127.0.0.9', port: 2299, sudo: true }), ctx('node-9'));
    expect(put.status).toBe(200);
    const file = path.join(tmp, 'state', 'hosts.yaml');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/id: node-9\n\s+ssh: cd@127\.0\.0\.9/);
    expect((await readAudit({ limit: 1 }))[0]).toMatchObject({ action: 'host.save', target: 'node-9', result: 'ok' });

    const { hosts, configError } = await (await hostsRoute.GET(req('/api/hosts', 'GET'), { params: Promise.resolve({}) })).json();
    expect(configError).toBeNull();
    expect(hosts.map((h: { id: string }) => h.id)).toEqual(['local', 'node-9']);
    expect(hosts[1]).toMatchObject({ transport: 'ssh', reachable: false, hostname: null, error: expect.stringMatching(/node-9/) });

    expect((await configRoute.DELETE(req('/api/hosts/node-9/config', 'DELETE'), ctx('node-9'))).status).toBe(200);
    expect(fs.readFileSync(file, 'utf8')).not.toContain('node-9');
    expect((await configRoute.DELETE(req('/api/hosts/node-9/config', 'DELETE'), ctx('node-9'))).status).toBe(404);
  }, 60_000);

  it.each([
    ['an ssh option as destination', 'node-a', { ssh: '-oProxyCommand=touch /tmp/pwn' }],
    ['a destination with a space', 'node-b', { ssh: 'a b' }],
    ['a shell character', 'node-c', { ssh: 'x;id' }],
    ['an unknown field', 'node-d', { ssh: 'a@b', proxyCommand: 'id' }],
    ['a bad id', 'Node_E', { ssh: 'a@b' }],
    ['the reserved id', 'local', { ssh: 'a@b' }],
  ])('refuses %s with 400 and writes nothing', async (_what, id, body) => {
    const res = await configRoute.PUT(req(`/api/hosts/${id}/config`, 'PUT', body), ctx(id));
    expect(res.status).toBe(400);
    const file = path.join(tmp, 'state', 'hosts.yaml');
    if (fs.existsSync(file)) expect(fs.readFileSync(file, 'utf8')).not.toMatch(/proxy|pwn|id: (node-[a-e]|local)\b/i);
  });
});
