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

  // F8: the token is permanent; the journal is read by adm/systemd-journal members.
  it('a service start never writes the admin token out, not even on the start that created it', async () => {
    for (const mode of ['local', 'demo']) {
      const s = await fresh({ CONFINEMENT_DASHBOARD_HOST_MODE: mode });
      s.prepareServer({ uid: 1000, log: s.log, interactive: false });
      const token = fs.readFileSync(path.join(s.stateDir, 'admin-token'), 'utf8').trim();
      expect(fs.existsSync(path.join(s.stateDir, 'session-secret'))).toBe(true);
      const text = s.lines.join('\n');
      expect(text, mode).not.toContain(token);
      expect(text).not.toContain('token=');
      expect(text).toContain('(new admin token created): log in at http://127.0.0.1:3999/login');
      expect(text).toContain(`with the admin token in ${path.join(s.stateDir, 'admin-token')}`);
    }
  });

  it('a real host in a terminal gets the file too; only an interactive demo prints the one-click URL', async () => {
    const real = await fresh();
    real.prepareServer({ uid: 1000, log: real.log, interactive: true });
    const token = fs.readFileSync(path.join(real.stateDir, 'admin-token'), 'utf8').trim();
    expect(real.lines.join('\n')).not.toContain(token);

    const demo = await fresh({ CONFINEMENT_DASHBOARD_HOST_MODE: 'demo' });
    demo.prepareServer({ uid: 1000, log: demo.log, interactive: true });
    const demoToken = fs.readFileSync(path.join(demo.stateDir, 'admin-token'), 'utf8').trim();
    expect(demo.lines.join('\n')).toContain(`http://127.0.0.1:3999/login?token=${demoToken}`);
    demo.prepareServer({ uid: 1000, log: demo.log }); // once per process
    expect(demo.lines.filter((l) => l.includes('token=')).length).toBe(1);
  });

  it('never prints a token that came from CONFINEMENT_DASHBOARD_TOKEN', async () => {
    const secret = 'oK3v9QeR2xLm7TzW4nHb8YcJ1sDfGpAu6EiN0qVw5rZ';
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
