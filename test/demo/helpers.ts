import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Helpers for the demo host tests: run demo/bin/snap as a real child process. */

const require = createRequire(import.meta.url);

export const ROOT = path.resolve(__dirname, '..', '..');
export const SNAP_BIN = path.join(ROOT, 'demo', 'bin', 'snap');
export const LAB_DIR = path.join(__dirname, '..', 'fixtures', 'snapd-lab');

export interface DemoState {
  schema: string;
  snaps: Array<Record<string, unknown> & { name: string }>;
  plugs: Array<{ snap: string; plug: string; interface: string; attrs?: Record<string, unknown> }>;
  slots: Array<{ snap: string; slot: string; interface: string; attrs?: Record<string, unknown> }>;
  connections: Array<{ plug: { snap: string; plug: string }; slot: { snap: string; slot: string }; interface: string; manual: boolean; gadget: boolean }>;
  undesired: DemoState['connections'];
  changes: Array<{ id: string; kind: string; summary: string; status: string; spawnTime: string; readyTime: string | null; snapNames: string[]; err?: string; tasks: Array<{ summary: string; status: string; log?: string[] }> }>;
  nextChangeId: number;
  [key: string]: unknown;
}

export const snapshotLib = require('../../demo/lib/snapshot.js') as {
  stateFromSnapshot: (snapshot: Record<string, string>) => DemoState;
};

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** A fresh directory with a state file; returns its path. */
export function tempState(state?: DemoState): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-snap-'));
  const file = path.join(dir, 'state.json');
  if (state) fs.writeFileSync(file, JSON.stringify(state));
  return file;
}

export function labState(): DemoState {
  const snapshot = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'lab-snapshot.json'), 'utf8')) as Record<string, string>;
  return snapshotLib.stateFromSnapshot(snapshot);
}

export function readState(file: string): DemoState {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as DemoState;
}

/** The verbatim output of a snapd-lab transcript, e.g. lab('29') or lab('46', 'stderr'). */
export function lab(number: string, stream: 'stdout' | 'stderr' = 'stdout'): string {
  const name = fs.readdirSync(LAB_DIR).find((f) => f.startsWith(`${number}-`) && f.endsWith(`.${stream}`));
  if (!name) throw new Error(`no transcript ${number} (${stream})`);
  return fs.readFileSync(path.join(LAB_DIR, name), 'utf8');
}

/** Runs `demo/bin/snap ARGS` against STATE with a fixed clock and zone, like the dashboard does (LC_ALL=C, no TTY). */
export function snap(stateFile: string, args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [SNAP_BIN, ...args],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: os.tmpdir(),
          LC_ALL: 'C',
          LANG: 'C',
          TZ: 'UTC',
          CONFINEMENT_DASHBOARD_DEMO_STATE: stateFile,
          ...env,
        } as unknown as NodeJS.ProcessEnv,
        encoding: 'utf8',
      },
      (error: (Error & { code?: unknown }) | null, stdout: string, stderr: string) => {
        if (error && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        resolve({ stdout, stderr, code: error ? Number(error.code) : 0 });
      },
    );
  });
}

export type DemoBin = 'snap' | 'microk8s' | 'journalctl' | 'dmesg' | 'snap-snapshot' | 'timedatectl';

/**
 * Runs demo/bin/BIN ARGS against STATE the way the host layer does (LC_ALL=C,
 * no TTY, the DEMO_* variables), with room for the large outputs of DEMO_SCALE.
 */
export function demo(bin: DemoBin, stateFile: string, args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'demo', 'bin', bin), ...args],
      {
        cwd: ROOT,
        env: {
          PATH: `${path.join(ROOT, 'demo', 'bin')}${path.delimiter}${process.env.PATH ?? '/usr/bin:/bin'}`,
          HOME: os.tmpdir(),
          USER: 'dashboard',
          LC_ALL: 'C',
          LANG: 'C',
          TZ: 'UTC',
          CONFINEMENT_DASHBOARD_DEMO_STATE: stateFile,
          ...env,
        } as unknown as NodeJS.ProcessEnv,
        encoding: 'utf8',
        maxBuffer: 512 * 1024 * 1024,
      },
      (error: (Error & { code?: unknown }) | null, stdout: string, stderr: string) => {
        if (error && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        resolve({ stdout, stderr, code: error ? Number(error.code) : 0 });
      },
    );
  });
}

/** MicroK8s 1.31-strict: the plugs check_snap_interfaces requires (reference §5.3). */
export const MICROK8S_REQUIRED = [
  'account-control', 'docker-privileged', 'dot-kube', 'dot-config-helm', 'firewall-control', 'hardware-observe',
  'home', 'home-read-all', 'k8s-journald', 'k8s-kubelet', 'k8s-kubeproxy', 'kernel-module-observe',
  'kubernetes-support', 'log-observe', 'login-session-observe', 'mount-observe', 'network', 'network-bind',
  'network-control', 'network-observe', 'opengl', 'process-control', 'system-observe',
];
