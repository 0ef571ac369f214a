import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSettings } from '../config';
import { ensureMetricsToken } from './metrics-token';

const dirs: string[] = [];
function stateDir(): string {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-metrics-token-'));
  dirs.push(base);
  return path.join(base, 'state');
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('ensureMetricsToken', () => {
  it('creates its own 0600 file beside the admin token, different from it, once', () => {
    const dir = stateDir();
    const cfg = readSettings({ CONFINEMENT_DASHBOARD_STATE_DIR: dir });
    const { token, source } = ensureMetricsToken(cfg);
    expect(source).toBe('file');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const file = path.join(dir, 'metrics-token');
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(token);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(dir, 'admin-token'), 'utf8').trim()).not.toBe(token);
    expect(ensureMetricsToken(cfg).token).toBe(token);
  });

  it('takes CONFINEMENT_DASHBOARD_METRICS_TOKEN, refusing a weak one or one equal to the admin token', () => {
    const dir = stateDir();
    const good = 'q7Vt2xKpL9mWcR4nZs8HbJd3Fy6Ga1Ue0Ti5Ow';
    expect(ensureMetricsToken(readSettings({ CONFINEMENT_DASHBOARD_STATE_DIR: dir, CONFINEMENT_DASHBOARD_METRICS_TOKEN: good }))).toEqual({ token: good, source: 'env' });
    expect(fs.existsSync(path.join(dir, 'metrics-token'))).toBe(false);
    expect(() => ensureMetricsToken(readSettings({ CONFINEMENT_DASHBOARD_STATE_DIR: dir, CONFINEMENT_DASHBOARD_METRICS_TOKEN: 'short' }))).toThrow(/too weak/);
    // The same bar as the admin token's: 'aaaa…' is long and still weak.
    expect(() => ensureMetricsToken(readSettings({ CONFINEMENT_DASHBOARD_STATE_DIR: dir, CONFINEMENT_DASHBOARD_METRICS_TOKEN: 'a'.repeat(40) }))).toThrow(/too weak/);
    expect(() =>
      ensureMetricsToken(readSettings({ CONFINEMENT_DASHBOARD_STATE_DIR: dir, CONFINEMENT_DASHBOARD_TOKEN: 'Xp4Lq9Vz2Rk7Wm3Nt8Hc5Jb1Gd6Fy0Sa', CONFINEMENT_DASHBOARD_METRICS_TOKEN: 'Xp4Lq9Vz2Rk7Wm3Nt8Hc5Jb1Gd6Fy0Sa' })),
    ).toThrow(/must differ/);
  });
});
