/**
 * A hung snapd for the real-daemon suite: SIGSTOP freezes the lab's snapd (its
 * socket, held by the supervisor, still accepts connections; nothing answers),
 * SIGCONT resumes it, SIGKILL kills it (the supervisor starts it again, as
 * systemd's Restart=always would). Only the pid the lab recorded
 * ($SNAPD_LAB_DIR/snapd.pid), checked to be /usr/lib/snapd/snapd, is ever
 * signalled. Used by hung.test.ts and e2e/hung.spec.ts; both resume snapd in a
 * `finally`, and lab-down.sh resumes a frozen snapd before stopping it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const LAB = process.env.SNAPD_LAB_DIR || '/tmp/snapd-lab';
const PID_FILE = path.join(LAB, 'snapd.pid');
const SNAPD = '/usr/lib/snapd/snapd';
const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function recordedPid(): number | null {
  const pid = Number.parseInt(fs.readFileSync(PID_FILE, { encoding: 'utf8', flag: 'r' }).trim(), 10);
  return Number.isInteger(pid) && pid > 1 ? pid : null;
}

function isSnapd(pid: number): boolean {
  try {
    return fs.readlinkSync(`/proc/${pid}/exe`) === SNAPD;
  } catch {
    return false;
  }
}

/** snapd's pid, after making sure it runs (it exits when idle and is socket-activated again). */
export function runningSnapdPid(): number {
  const woke = spawnSync('snap', ['version'], { env: { PATH: SYSTEM_PATH, LC_ALL: 'C', HOME: '/root' } as Record<string, string> as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 60_000 });
  if (woke.status !== 0) throw new Error(`snap version failed: ${woke.stderr}`);
  const pid = fs.existsSync(PID_FILE) ? recordedPid() : null;
  if (pid === null || !isSnapd(pid)) throw new Error(`no running snapd recorded in ${PID_FILE}`);
  return pid;
}

function signal(pid: number, sig: NodeJS.Signals): boolean {
  if (!isSnapd(pid)) return false;
  try {
    process.kill(pid, sig);
    return true;
  } catch {
    return false; // gone meanwhile
  }
}

/** Freezes snapd; returns its pid for thawSnapd(). */
export function freezeSnapd(): number {
  const pid = runningSnapdPid();
  if (!signal(pid, 'SIGSTOP')) throw new Error(`could not stop snapd pid ${pid}`);
  return pid;
}

/** Resumes a frozen snapd (harmless when it runs or is gone): call it in a `finally`. */
export function thawSnapd(pid: number | null): void {
  if (pid !== null) signal(pid, 'SIGCONT');
}

/** Is the process stopped (state T)? */
export function isFrozen(pid: number): boolean {
  try {
    return /^State:\s*T/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

/** SIGKILLs snapd and waits until the supervisor has started another one that answers. */
export async function killSnapdAndWaitForRestart(pid: number, timeoutMs = 60_000): Promise<number> {
  if (!signal(pid, 'SIGKILL')) throw new Error(`could not kill snapd pid ${pid}`);
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    await new Promise((r) => setTimeout(r, 200));
    if (fs.existsSync(path.join('/proc', String(pid)))) continue; // not reaped yet
    try {
      const next = runningSnapdPid();
      if (next !== pid) return next;
    } catch {
      // not back yet
    }
  }
  throw new Error(`snapd did not come back within ${timeoutMs / 1000} s after SIGKILL`);
}
