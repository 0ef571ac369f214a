import { SNAP_BIN_DIR } from '@/lib/host/process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';

// POST/DELETE /api/connections through the real route handler, host layer and
// simulated host: hostile names never reach a process, every attempt is audited.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-conn-routes-'));
process.env.CONFINEMENT_DASHBOARD_STATE_DIR = path.join(tmp, 'state');
process.env.CONFINEMENT_DASHBOARD_HOST_MODE = 'demo';
process.env.CONFINEMENT_DASHBOARD_DEMO_STATE = path.join(tmp, 'demo.json');
// A token of real strength (weak environment tokens are refused): random for each run.
process.env.CONFINEMENT_DASHBOARD_TOKEN = (await import('node:crypto')).randomBytes(32).toString('base64url');
delete process.env.CONFINEMENT_DASHBOARD_TRUST_PROXY;
afterAll(() => {
  delete process.env.DEMO_SNAP_DENY_MUTATIONS;
  fs.rmSync(tmp, { recursive: true, force: true });
});

const { POST, DELETE } = await import('@/app/api/connections/route');
const { currentHost } = await import('@/lib/host');
const commandsStarted = () => currentHost().commandsStarted();
// The host's name goes into every audit line; it is read once and kept, so read it before counting.
await currentHost().hostname();
const { readAudit } = await import('@/lib/audit/log');
const { resetAuthState } = await import('@/lib/auth/login');

const ctx = { params: Promise.resolve({}) };
function req(method: 'POST' | 'DELETE', body: unknown): Request {
  return new Request('http://127.0.0.1:3000/api/connections', {
    method,
    headers: { host: '127.0.0.1:3000', authorization: `Bearer ${process.env.CONFINEMENT_DASHBOARD_TOKEN}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

beforeEach(() => resetAuthState());

const HOSTILE = [
  'microk8s:home; rm -rf /',
  'microk8s:$(touch /tmp/pwned)',
  'microk8s:`id`',
  'microk8s:${IFS}id',
  'microk8s:home\nid',
  '--help',
  '-x',
  'microk8s:--help',
  'microk8s:-x',
  'micrök8s:home',
  'microk8s:hömé',
  `microk8s:${'a'.repeat(300)}`,
  `${'a'.repeat(41)}:home`,
  'microk8s:home microk8s:home',
  'a:b:c',
];

describe('POST /api/connections with hostile names', () => {
  it.each(HOSTILE)('%j → 400, no process started, the attempt audited', async (plug) => {
    const before = commandsStarted();
    const res = await POST(req('POST', { plug }), ctx);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toMatch(/bad-name|invalid-request/);
    expect(commandsStarted()).toBe(before);
    // (Longer ones are refused by the body schema before any use case runs.) The target names no
    // unvalidated text; what was sent is kept apart (F13).
    if (plug.length <= 200) {
      const [last] = await readAudit({ limit: 1 });
      expect(last).toMatchObject({ action: 'interface.connect', target: '(invalid request)', result: 'error', changeId: null, details: { refused: { plug } } });
    }
  });

  it('an invalid plug with a space never reads like a two-endpoint target in the audit (F13)', async () => {
    expect((await POST(req('POST', { plug: 'microk8s:home :foo;rm -rf /' }), ctx)).status).toBe(400);
    const [refused] = await readAudit({ limit: 1 });
    expect(refused!.target).toBe('(invalid request)');
    expect(refused!.details).toEqual({ refused: { plug: 'microk8s:home :foo;rm -rf /' } });
    // A valid change records its endpoints as validated, structured parts.
    expect((await POST(req('POST', { plug: 'microk8s:mount-observe' }), ctx)).status).toBe(200);
    const [done] = await readAudit({ limit: 1 });
    expect(done).toMatchObject({ target: 'microk8s:mount-observe', details: { plug: 'microk8s:mount-observe' } });
    expect((await DELETE(req('DELETE', { plug: 'microk8s:mount-observe' }), ctx)).status).toBe(200);
  });

  it('rejects hostile slot names too, and unknown fields', async () => {
    const before = commandsStarted();
    expect((await POST(req('POST', { plug: 'microk8s:home', slot: ':home;id' }), ctx)).status).toBe(400);
    expect((await POST(req('POST', { plug: 'microk8s:home', slot: '-x' }), ctx)).status).toBe(400);
    expect((await POST(req('POST', { plug: 'microk8s:home', force: true }), ctx)).status).toBe(400);
    expect((await POST(req('POST', '{"plug":'), ctx)).status).toBe(400);
    expect(commandsStarted()).toBe(before);
  });
});

describe('connect and disconnect', () => {
  it('connects, audits the snapd change id before answering, and disconnects', async () => {
    const res = await POST(req('POST', { plug: 'microk8s:mount-observe' }), ctx);
    expect(res.status).toBe(200);
    const outcome = await res.json();
    expect(outcome.changeId).toMatch(/^\d+$/);
    expect(outcome.connections.find((c: { plug: { name: string } | null }) => c.plug?.name === 'mount-observe').slot).toEqual({ snap: 'system', name: 'mount-observe' });
    const [audit] = await readAudit({ limit: 1 });
    expect(audit).toMatchObject({ action: 'interface.connect', target: 'microk8s:mount-observe', result: 'ok', changeId: outcome.changeId, error: null, clientAddress: 'local' });

    const off = await DELETE(req('DELETE', { plug: 'microk8s:mount-observe' }), ctx);
    expect(off.status).toBe(200);
    expect((await readAudit({ limit: 1 }))[0]).toMatchObject({ action: 'interface.disconnect', result: 'ok' });

    const again = await DELETE(req('DELETE', { plug: 'microk8s:mount-observe' }), ctx);
    expect((await again.json()).unchanged).toBe(true);
    expect((await readAudit({ limit: 1 }))[0]).toMatchObject({ action: 'interface.disconnect', result: 'unchanged', changeId: null });
  });

  it('maps snapd refusals to statuses with snapd\'s words, and audits them', async () => {
    const missing = await POST(req('POST', { plug: 'microk8s:nonexistent' }), ctx);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toBe('snap "microk8s" has no plug named "nonexistent"');
    expect((await readAudit({ limit: 1 }))[0]).toMatchObject({ result: 'error', error: 'snap "microk8s" has no plug named "nonexistent"' });

    process.env.DEMO_SNAP_DENY_MUTATIONS = '1';
    const denied = await POST(req('POST', { plug: 'microk8s:network-control' }), ctx);
    delete process.env.DEMO_SNAP_DENY_MUTATIONS;
    expect(denied.status).toBe(403);
    const body = await denied.json();
    expect(body.error).toMatchObject({ code: 'access-denied', message: 'access denied (try with sudo)' });
    expect(body.error.hint).toContain('sudo mode');
    expect((await readAudit({ limit: 1 }))[0]).toMatchObject({ target: 'microk8s:network-control', result: 'error', error: 'access denied (try with sudo)' });
  });

  it('a content connection refused by snapd: the hint names the plug\'s and the slot\'s content tags, read from the host', async () => {
    const refused = await POST(req('POST', { plug: 'microk8s:configuration', slot: 'gtk-common-themes:gtk-3-themes' }), ctx);
    expect(refused.status).toBe(409);
    const { error } = await refused.json();
    expect(error.code).toBe('policy-refused');
    expect(error.message).toContain('connection not allowed by slot rule of interface "content"');
    // the demo host's tags, as `snap interface content --attrs` prints them there
    const tags = (await currentHost().read('snap', ['interface', '--attrs', 'content'])).stdout;
    expect(tags).toMatch(/- microk8s:configuration:\n {6}content: +configuration\n/);
    expect(tags).toMatch(/- gtk-common-themes:gtk-3-themes:\n {6}content: +gtk-3-themes\n/);
    expect(error.hint).toBe(
      'microk8s:configuration wants content "configuration"; gtk-common-themes:gtk-3-themes offers "gtk-3-themes". A content plug connects only to a slot with the same content tag: pick a slot that offers "configuration" (the snap page lists those first).',
    );
    expect((await readAudit({ limit: 1 }))[0]).toMatchObject({ target: 'microk8s:configuration gtk-common-themes:gtk-3-themes', result: 'error' });
  });
});

const { GET: getSystem } = await import('@/app/api/system/route');
const { forgetPrivilege, hostPrivilege } = await import('@/lib/snap/privilege');
const { sudoersLine } = await import('@/lib/service/unit');

describe('privilege: a read-only host is refused before anything runs', () => {
  const system = async () => (await getSystem(new Request('http://127.0.0.1:3000/api/system', { headers: { host: '127.0.0.1:3000', authorization: `Bearer ${process.env.CONFINEMENT_DASHBOARD_TOKEN}` } }), ctx)).json();

  it('the simulated host as root: /api/system says privilege "root"', async () => {
    forgetPrivilege(currentHost());
    const s = await system();
    expect(s.privilege).toBe('root');
    expect(s.privilegeInfo).toMatchObject({ privilege: 'root', sudoersLine: null });
  });

  it('refused by snapd although the check said root: checked again, then every change gets 403 read-only with no process started', async () => {
    forgetPrivilege(currentHost());
    expect((await hostPrivilege(currentHost())).privilege).toBe('root');
    process.env.DEMO_SNAP_DENY_MUTATIONS = '1';
    try {
      const denied = await POST(req('POST', { plug: 'microk8s:network-control' }), ctx);
      expect((await denied.json()).error.code).toBe('access-denied'); // snapd's refusal: the surprise, once

      const before = commandsStarted();
      const refused = await DELETE(req('DELETE', { plug: 'microk8s:home', slot: ':home' }), ctx);
      expect(refused.status).toBe(403);
      const { error } = await refused.json();
      expect(error.code).toBe('read-only');
      expect(error.message).toMatch(/^Read-only: the simulated host acts as an ordinary account/);
      expect(error.hint).toContain(sudoersLine('dashboard'));
      expect(error.hint).toContain('CONFINEMENT_DASHBOARD_SUDO=1');
      expect(error.hint).toContain('sudo snap disconnect microk8s:home :home');
      expect(commandsStarted()).toBe(before); // nothing ran
      expect((await readAudit({ limit: 1 }))[0]).toMatchObject({ action: 'interface.disconnect', target: 'microk8s:home :home', result: 'error', details: { refused: 'read-only' } });

      const s = await system();
      expect(s.privilege).toBe('read-only');
      expect(s.privilegeInfo.sudoersLine).toBe(sudoersLine('dashboard'));
    } finally {
      delete process.env.DEMO_SNAP_DENY_MUTATIONS;
      forgetPrivilege(currentHost());
    }
  });
});

describe("the README's sudoers lines are the dashboard's own", () => {
  it('every NOPASSWD line in the README is sudoersLine(user)', () => {
    const readme = fs.readFileSync('README.md', 'utf8');
    const lines = [...readme.matchAll(/^\s*(?:echo ')?(\S+ ALL=\(root\) NOPASSWD: [^'\n]*)/gm)].map((m) => m[1]);
    // The addon line (microk8s enable/disable) is the one other rule: exactly the path the dashboard runs through sudo.
    const microk8s = lines.filter((l) => l!.includes('microk8s'));
    expect(microk8s).toEqual([`dashboard ALL=(root) NOPASSWD: ${SNAP_BIN_DIR}/microk8s enable *, ${SNAP_BIN_DIR}/microk8s disable *`]);
    const snap = lines.filter((l) => !l!.includes('microk8s'));
    expect(snap.length).toBeGreaterThanOrEqual(3);
    for (const l of snap) expect(l).toBe(sudoersLine(l!.split(' ')[0]!));
  });
});
