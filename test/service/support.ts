import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * Processes the service suite starts (the packaged dashboard, Prometheus), each
 * in its own process group, recorded in a pid file so that a run that died
 * half-way is cleaned up by the next one (only groups whose leader still runs
 * one of our commands are killed).
 */

export const ROOT = path.resolve(import.meta.dirname, '../..');
const PID_FILE = path.join(ROOT, 'test-results', 'service-harness.pids');

interface Recorded {
  pid: number;
  /** Part of /proc/PID/cmdline that proves the pid is still ours. */
  marker: string;
}

function recorded(): Recorded[] {
  try {
    return JSON.parse(fs.readFileSync(PID_FILE, 'utf8')) as Recorded[];
  } catch {
    return [];
  }
}

function record(list: Recorded[]): void {
  fs.mkdirSync(path.dirname(PID_FILE), { recursive: true });
  fs.writeFileSync(PID_FILE, JSON.stringify(list));
}

function stillOurs(r: Recorded): boolean {
  try {
    return fs.readFileSync(`/proc/${r.pid}/cmdline`, 'utf8').includes(r.marker);
  } catch {
    return false;
  }
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** Kills what a previous, interrupted run left behind. */
export function cleanLeftovers(): void {
  for (const r of recorded()) if (stillOurs(r)) killGroup(r.pid);
  record([]);
}

export function startProcess(cmd: string, args: string[], options: SpawnOptions & { marker: string; log: string }): ChildProcess {
  const out = fs.openSync(options.log, 'a');
  const child = spawn(cmd, args, { ...options, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  if (child.pid === undefined) throw new Error(`could not start ${cmd}`);
  record([...recorded(), { pid: child.pid, marker: options.marker }]);
  return child;
}

export function stopProcess(child: ChildProcess | undefined): void {
  if (child?.pid === undefined) return;
  killGroup(child.pid);
  record(recorded().filter((r) => r.pid !== child.pid));
}

/** A port nobody listens on now (loopback). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null>, timeoutMs: number, log?: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v !== null) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const tail = log && fs.existsSync(log) ? `\n--- ${log}:\n${fs.readFileSync(log, 'utf8').slice(-3000)}` : '';
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}${tail}`);
}

export function sh(cmd: string, args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}) {
  const r = spawnSync(cmd, args, { cwd: options.cwd, input: options.input, env: options.env ?? process.env, encoding: 'utf8', timeout: options.timeoutMs ?? 120_000, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}
