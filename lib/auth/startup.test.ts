import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-startup-'));
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

let n = 0;
/** A fresh module graph (settings, token cache, `prepared` flag) per test, on its own state dir. */
async function fresh(env: Record<string, string> = {}) {
  const stateDir = path.join(base, `s${n++}`);
  vi.stubEnv('CONFINEMENT_DASHBOARD_STATE_DIR', stateDir);
  vi.stubEnv('PORT', '3999');
  vi.stubEnv('CONFINEMENT_DASHBOARD_TOKEN', '');
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  vi.resetModules();
  const startup = await import('./startup');
  const lines: string[] = [];
  return { ...startup, stateDir, lines, log: (l: string) => lines.push(l) };
}

beforeEach(() => vi.spyOn(console, 'warn').mockImplementation(() => undefined));
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('prepareServer', () => {
  it('refuses to run as root and says why and how to override', async () => {
    const s = await fresh();
    expect(() => s.prepareServer({ uid: 0, log: s.log })).toThrow(/Refusing to run as root.*hand root.*CONFINEMENT_DASHBOARD_ALLOW_ROOT=1/s);
    expect(fs.existsSync(s.stateDir)).toBe(false); // nothing created
  });

  it('runs as root with CONFINEMENT_DASHBOARD_ALLOW_ROOT=1, with a warning that explains the risk', async () => {
    const s = await fresh({ CONFINEMENT_DASHBOARD_ALLOW_ROOT: '1' });
    s.prepareServer({ uid: 0, log: s.log, interactive: true });
    expect(console.warn).toHaveBeenCalledWith(expect.stringMatching(/running as root.*hand root/));
  });

  it('lets the simulated demo host run as root on loopback only, with the warning', async () => {
    const demo = await fresh({ CONFINEMENT_DASHBOARD_HOST_MODE: 'demo' });
    demo.prepareServer({ uid: 0, log: demo.log, interactive: false });
    expect(console.warn).toHaveBeenCalledWith(expect.stringMatching(/running as root for the simulated demo host on loopback.*hand root/));
    const exposed = await fresh({ CONFINEMENT_DASHBOARD_HOST_MODE: 'demo', CONFINEMENT_DASHBOARD_BIND: '0.0.0.0' });
    expect(() => exposed.prepareServer({ uid: 0, log: exposed.log })).toThrow(/Refusing to run as root/);
  });

  // Every spelling the setting accepts must meet the same guard (`true` once slipped past it).
  it.each(['1', 'true', 'yes', 'TRUE'])('refuses a trusted proxy (%s) unless the dashboard itself is bound to loopback', async (value) => {
    const exposed = await fresh({ CONFINEMENT_DASHBOARD_BIND: '0.0.0.0', CONFINEMENT_DASHBOARD_TRUST_PROXY: value });
    expect(() => exposed.prepareServer({ uid: 1000, log: exposed.log })).toThrow(/Refusing CONFINEMENT_DASHBOARD_TRUST_PROXY with CONFINEMENT_DASHBOARD_BIND=0\.0\.0\.0/);
    expect(fs.existsSync(exposed.stateDir)).toBe(false);
    const local = await fresh({ CONFINEMENT_DASHBOARD_BIND: '127.0.0.1', CONFINEMENT_DASHBOARD_TRUST_PROXY: value });
    expect(() => local.prepareServer({ uid: 1000, log: local.log, interactive: false })).not.toThrow();
  });

  it('creates the token and session secret, and prints the one-time login URL', async () => {
    const s = await fresh();
    s.prepareServer({ uid: 1000, log: s.log, interactive: false });
    const token = fs.readFileSync(path.join(s.stateDir, 'admin-token'), 'utf8').trim();
    expect(fs.existsSync(path.join(s.stateDir, 'session-secret'))).toBe(true);
    expect(s.lines.join('\n')).toContain(`http://127.0.0.1:3999/login?token=${token}`);
    s.prepareServer({ uid: 1000, log: s.log }); // once per process
    expect(s.lines.filter((l) => l.includes('token=')).length).toBe(1);
  });

  it('at a later start prints the URL with the token on a terminal, but keeps it out of service logs', async () => {
    const first = await fresh();
    first.prepareServer({ uid: 1000, log: first.log, interactive: false });
    const token = fs.readFileSync(path.join(first.stateDir, 'admin-token'), 'utf8').trim();

    vi.unstubAllEnvs();
    vi.stubEnv('CONFINEMENT_DASHBOARD_STATE_DIR', first.stateDir);
    vi.stubEnv('PORT', '3999');
    vi.resetModules();
    const tty = await import('./startup');
    const ttyLines: string[] = [];
    tty.prepareServer({ uid: 1000, log: (l) => ttyLines.push(l), interactive: true });
    expect(ttyLines.join('\n')).toContain(`login?token=${token}`);

    vi.resetModules();
    const service = await import('./startup');
    const serviceLines: string[] = [];
    service.prepareServer({ uid: 1000, log: (l) => serviceLines.push(l), interactive: false });
    const text = serviceLines.join('\n');
    expect(text).not.toContain(token);
    expect(text).toContain('http://127.0.0.1:3999/login');
    expect(text).toContain(path.join(first.stateDir, 'admin-token'));
  });

  it('never prints a token that came from CONFINEMENT_DASHBOARD_TOKEN', async () => {
    const secret = 'from-the-environment-0123456789';
    const s = await fresh({ CONFINEMENT_DASHBOARD_TOKEN: secret, CONFINEMENT_DASHBOARD_BIND: '::1' });
    s.prepareServer({ uid: 1000, log: s.log, interactive: true });
    expect(s.lines.join('\n')).not.toContain(secret);
    expect(s.lines.join('\n')).toContain('http://[::1]:3999/login with the token from CONFINEMENT_DASHBOARD_TOKEN');
    expect(fs.existsSync(path.join(s.stateDir, 'admin-token'))).toBe(false);
  });

  it('prepareServerOrExit stops the process on a refusal', async () => {
    const s = await fresh();
    vi.spyOn(process, 'getuid').mockReturnValue(0);
    vi.stubEnv('CONFINEMENT_DASHBOARD_ALLOW_ROOT', '');
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    s.prepareServerOrExit();
    expect(exit).toHaveBeenCalledWith(1);
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/Refusing to run as root/));
  });
});
