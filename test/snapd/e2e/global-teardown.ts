/**
 * After the browser phase, whatever happened: end any server of the ordinary user that a
 * spec started and could not stop (its worker died), remove that user and the sudoers file
 * (only if this suite created them: the marker), and delete the servers' state directories.
 * lab-down.sh repeats all of this but the state directories, should this not run at all.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SERVER_PIDS, STATE_ROOT, killTree, removeUser } from './support';

export default async function globalTeardown(): Promise<void> {
  let pids: number[] = [];
  try {
    pids = fs.readFileSync(SERVER_PIDS, 'utf8').split('\n').filter(Boolean).map(Number);
  } catch {
    /* none started */
  }
  for (const pid of pids) {
    let cmdline = '';
    try {
      cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue; // gone
    }
    // only what we started: runuser -u cdlab -- node .../scripts/start.mjs (the pid may have been reused)
    if (cmdline.startsWith('runuser ') && cmdline.includes('scripts/start.mjs')) await killTree(pid);
  }
  fs.rmSync(SERVER_PIDS, { force: true });
  removeUser();
  if (STATE_ROOT && path.basename(STATE_ROOT).startsWith('e2e-state-')) fs.rmSync(STATE_ROOT, { recursive: true, force: true });
}
