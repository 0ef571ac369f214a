import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';

/**
 * The simulated host with its journal refused, so the dashboard reads the kernel log from
 * <host root>/var/log/kern.log, which the test writes line by line. Call before importing the app
 * (the environment is read at import). Returns the kern.log path; all is removed after the file.
 */
export function kernLogHost(prefix: string): { kernLog: string } {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const hostRoot = path.join(tmp, 'root');
  fs.mkdirSync(path.join(hostRoot, 'var/log'), { recursive: true });
  const kernLog = path.join(hostRoot, 'var/log/kern.log');
  fs.writeFileSync(kernLog, '');
  process.env.CONFINEMENT_DASHBOARD_STATE_DIR = path.join(tmp, 'state');
  process.env.CONFINEMENT_DASHBOARD_HOST_MODE = 'demo';
  process.env.CONFINEMENT_DASHBOARD_DEMO_STATE = path.join(tmp, 'demo.json');
  process.env.CONFINEMENT_DASHBOARD_DEMO_ROOT = hostRoot;
  process.env.DEMO_JOURNAL_DENIED = '1';
  process.env.CONFINEMENT_DASHBOARD_TOKEN = randomBytes(32).toString('base64url');
  afterAll(() => {
    delete process.env.DEMO_JOURNAL_DENIED;
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  return { kernLog };
}
