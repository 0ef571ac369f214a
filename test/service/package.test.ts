import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, cleanLeftovers, freePort, sh, startProcess, stopProcess, waitFor } from './support';

/**
 * The package as an admin gets it: `npm pack`, installed into an empty
 * directory, `confinement-dashboard serve --demo` started from there — then
 * its /metrics checked by promtool and scraped by a real Prometheus server on
 * loopback (Debian's `prometheus` package), which answers PromQL about it and
 * evaluates the README's example alert rules.
 */

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-service-'));
const installDir = path.join(tmp, 'empty');
const stateDir = path.join(tmp, 'state');
const serverLog = path.join(tmp, 'server.log');
const promLog = path.join(tmp, 'prometheus.log');
const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
let server: ChildProcess | undefined;
let prometheus: ChildProcess | undefined;
let base = '';
let cli = '';

beforeAll(async () => {
  cleanLeftovers();
  // npm pack runs prepack (scripts/package.mjs): the standalone build and the CLI bundle.
  const packed = sh('npm', ['pack', '--pack-destination', tmp], { cwd: ROOT, timeoutMs: 900_000 });
  expect(packed.status, `npm pack failed:\n${packed.stdout.slice(-2000)}\n${packed.stderr.slice(-4000)}`).toBe(0);
  const tarballs = fs.readdirSync(tmp).filter((f) => f.endsWith('.tgz'));
  expect(tarballs).toEqual([`confinement-dashboard-${version}.tgz`]);
  const filename = tarballs[0]!;
  fs.mkdirSync(installDir);
  fs.writeFileSync(path.join(installDir, 'package.json'), '{ "private": true }\n');
  const installed = sh('npm', ['install', '--no-audit', '--no-fund', path.join(tmp, filename)], { cwd: installDir, timeoutMs: 300_000 });
  expect(installed.status, `npm install failed:\n${installed.stderr.slice(-4000)}`).toBe(0);
  cli = path.join(installDir, 'node_modules', '.bin', 'confinement-dashboard');

  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // Started from an unrelated directory: nothing may depend on the source tree or the cwd.
  server = startProcess(process.execPath, [cli, 'serve', '--demo', '--port', String(port)], {
    cwd: tmp,
    env: { ...process.env, CONFINEMENT_DASHBOARD_STATE_DIR: stateDir, CONFINEMENT_DASHBOARD_TOKEN: '', CONFINEMENT_DASHBOARD_METRICS_TOKEN: '', CONFINEMENT_DASHBOARD_ALLOW_ROOT: '1' },
    marker: cli,
    log: serverLog,
  });
  await waitFor('the packaged server', async () => ((await fetch(`${base}/login`)).ok ? true : null), 60_000, serverLog);
}, 1_200_000);

afterAll(() => {
  stopProcess(prometheus);
  stopProcess(server);
  fs.rmSync(tmp, { recursive: true, force: true });
});

const adminToken = () => fs.readFileSync(path.join(stateDir, 'admin-token'), 'utf8').trim();
const metricsToken = () => fs.readFileSync(path.join(stateDir, 'metrics-token'), 'utf8').trim();
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe('the installed package', () => {
  it('installed nothing but itself: no dependency came from the registry, no source tree inside', () => {
    expect(fs.readdirSync(path.join(installDir, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual(['confinement-dashboard']);
    const pkg = path.join(installDir, 'node_modules', 'confinement-dashboard');
    for (const absent of ['lib', 'app', 'cli', 'test', 'dist/server/lib', 'dist/server/test']) expect(fs.existsSync(path.join(pkg, absent)), absent).toBe(false);
  });

  it('answers --version', () => {
    expect(sh(cli, ['--version']).stdout).toBe(`${version}\n`);
  });

  it('serve --demo answers: the login page, and the API with the admin token it created', async () => {
    expect((await fetch(`${base}/login`)).status).toBe(200);
    expect(fs.statSync(stateDir).mode & 0o777).toBe(0o700);
    const system = await fetch(`${base}/api/system`, bearer(adminToken()));
    expect(system.status).toBe(200);
    expect(((await system.json()) as { mode: string }).mode).toBe('demo');
    // Started with its output to a file (as a service is), it names the token file, never the token.
    const log = fs.readFileSync(serverLog, 'utf8');
    expect(log).toContain(`${base}/login`);
    expect(log).toContain(path.join(stateDir, 'admin-token'));
    expect(log).not.toContain('?token=');
    expect(log).not.toContain(adminToken());
  });

  it('its bundled CLI reads the tokens the server created', () => {
    expect(sh(cli, ['token', '--state-dir', stateDir]).stdout.trim()).toBe(adminToken());
    expect(sh(cli, ['token', '--metrics', '--state-dir', stateDir]).stdout.trim()).toBe(metricsToken());
  });

  it('downloads the posture report in both formats', async () => {
    const md = await fetch(`${base}/api/report?format=md`, bearer(adminToken()));
    expect(md.status).toBe(200);
    expect(await md.text()).toMatch(/^# Snap confinement posture: [\s\S]*\nSigned: /);
    const json = await fetch(`${base}/api/report?format=json`, bearer(adminToken()));
    expect(((await json.json()) as { schema: string }).schema).toBe('confinement-dashboard-posture/1');
  });
});

describe('/metrics', () => {
  it('passes promtool check metrics (which does catch a broken exposition)', async () => {
    const res = await fetch(`${base}/metrics`, bearer(metricsToken()));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('# TYPE confinement_denials_total counter');
    const ok = sh('promtool', ['check', 'metrics'], { input: text });
    expect({ status: ok.status, output: ok.stdout + ok.stderr }).toEqual({ status: 0, output: '' });
    // The negative control: the same text with a family's samples split apart.
    const lines = text.split('\n');
    const broken = [...lines.slice(3), ...lines.slice(0, 3)].join('\n');
    expect(sh('promtool', ['check', 'metrics'], { input: broken }).status).not.toBe(0);
  });

  it('is refused without a token, and the metrics token opens nothing else', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/api/system`, bearer(metricsToken()))).status).toBe(401);
  });

  it('is scraped by a real Prometheus, which answers PromQL and evaluates the example alert rules', async () => {
    const promPort = await freePort();
    const dir = path.join(tmp, 'prometheus');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'token'), metricsToken(), { mode: 0o600 });
    fs.copyFileSync(path.join(ROOT, 'docs', 'prometheus', 'alerts.yml'), path.join(dir, 'alerts.yml'));
    const rules = sh('promtool', ['check', 'rules', path.join(dir, 'alerts.yml')]);
    expect(rules.status, rules.stdout + rules.stderr).toBe(0);
    fs.writeFileSync(
      path.join(dir, 'prometheus.yml'),
      [
        'global: { scrape_interval: 1s, evaluation_interval: 1s }',
        'rule_files: [alerts.yml]',
        'scrape_configs:',
        '  - job_name: confinement-dashboard',
        '    authorization: { credentials_file: token }',
        `    static_configs: [{ targets: ['${new URL(base).host}'] }]`,
        '',
      ].join('\n'),
    );
    const check = sh('promtool', ['check', 'config', path.join(dir, 'prometheus.yml')]);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    prometheus = startProcess(
      'prometheus',
      [`--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${promPort}`, '--log.level=warn'],
      { cwd: dir, marker: `127.0.0.1:${promPort}`, log: promLog },
    );
    const query = async (q: string) => {
      const r = await fetch(`http://127.0.0.1:${promPort}/api/v1/query?query=${encodeURIComponent(q)}`);
      if (!r.ok) return null;
      const body = (await r.json()) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
      return body.data.result.length ? body.data.result : null;
    };
    const hostname = ((await (await fetch(`${base}/api/system`, bearer(adminToken()))).json()) as { hostname: string }).hostname;

    const up = await waitFor('Prometheus to scrape the dashboard', () => query('up{job="confinement-dashboard"} == 1'), 60_000, promLog);
    expect(up).toHaveLength(1);
    const snapd = await waitFor('confinement_snapd_up', () => query('confinement_snapd_up'), 30_000, promLog);
    expect(snapd.map((s) => [s.metric.host, s.value[1]])).toEqual([[hostname, '1']]);
    const strict = await query(`confinement_snaps{host="${hostname}",confinement="strict"}`);
    expect(Number(strict![0]!.value[1])).toBeGreaterThan(0);
    // The simulated host's strict MicroK8s is blocked: the README's rule selects it at once (pending for its `for:`).
    const alert = await waitFor('the MicroK8sBlocked alert', () => query('ALERTS{alertname="MicroK8sBlocked"}'), 30_000, promLog);
    expect(alert.map((a) => [a.metric.host, a.metric.alertstate])).toEqual([[hostname, 'pending']]);
  });
});
