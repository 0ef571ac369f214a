import { describe, expect, it, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// `confinement-dashboard token`, as an admin runs it.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-token-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const bin = path.resolve('bin/confinement-dashboard.mjs');
const env = { ...process.env };
delete env.CONFINEMENT_DASHBOARD_TOKEN;
delete env.CONFINEMENT_DASHBOARD_METRICS_TOKEN;

function run(args: string[], extra: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...env, ...extra }, cwd: tmp }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('confinement-dashboard token', () => {
  it('prints the admin token the server uses, rotates it, and keeps the metrics token apart', async () => {
    const dir = path.join(tmp, 'state');
    const first = await run(['token', '--state-dir', dir]);
    expect(first.code).toBe(0);
    const token = first.stdout.trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fs.readFileSync(path.join(dir, 'admin-token'), 'utf8').trim()).toBe(token);
    expect((await run(['token', '--state-dir', dir])).stdout.trim()).toBe(token);

    const metrics = (await run(['token', '--metrics', '--state-dir', dir])).stdout.trim();
    expect(metrics).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(metrics).not.toBe(token);

    const rotated = await run(['token', '--rotate', '--state-dir', dir]);
    expect(rotated.code).toBe(0);
    const fresh = rotated.stdout.trim();
    expect(fresh).not.toBe(token);
    expect(fs.readFileSync(path.join(dir, 'admin-token'), 'utf8').trim()).toBe(fresh);
    expect(fs.statSync(path.join(dir, 'admin-token')).mode & 0o777).toBe(0o600);
    expect(rotated.stderr).toMatch(/restart/);
    expect((await run(['token', '--metrics', '--state-dir', dir])).stdout.trim()).toBe(metrics);
  });

  it('will not rotate a token that comes from the environment, and refuses unknown options', async () => {
    const r = await run(['token', '--rotate', '--state-dir', path.join(tmp, 'env')], { CONFINEMENT_DASHBOARD_TOKEN: 'from-the-environment-0123456789' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('CONFINEMENT_DASHBOARD_TOKEN');
    expect((await run(['token', '--bogus'])).code).toBe(64);
  });

  it('answers --version with the package version', async () => {
    const { version } = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string };
    expect((await run(['--version'])).stdout).toBe(`${version}\n`);
  });
});
