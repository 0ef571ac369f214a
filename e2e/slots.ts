import path from 'node:path';

/**
 * The e2e run's workers each have servers and a simulated host of their own: a "slot".
 * Specs change the host (connect, disconnect, mute, restart a server), so two workers
 * sharing one would see each other's changes; with a slot each, a spec file runs in one
 * worker against its own state, in order, as it did when the run had a single worker.
 *
 * Slot N uses the ports E2E_PORT + 5N … + 5N + 4:
 *   +0  the dashboard (playwright.config.ts, webServer), DEMO_FLEET=3
 *   +1  the same simulated host without privilege, denials every 3 s (webServer)
 *   +2  security.spec.ts's own server, started and restarted by that spec
 *   +3  cookie-theft.spec.ts's "other local app"
 *   +4  snapshot-replay.spec.ts's server replaying a snapshot
 * and the state directory E2E_STATE_DIR/slot-N.
 *
 * E2E_WORKERS (default 1) sets how many slots playwright.config.ts starts and how many
 * workers use them: pass it rather than --workers (a worker without a slot has no server).
 */
export const PORTS_PER_SLOT = 5;

export function workerCount(): number {
  const n = Number(process.env.E2E_WORKERS ?? 1);
  if (!Number.isInteger(n) || n < 1) throw new Error(`E2E_WORKERS must be a whole number ≥ 1, not ${JSON.stringify(process.env.E2E_WORKERS)}`);
  return n;
}

/** The slot of this worker: Playwright's parallel index, 0 … workers-1, kept by a worker that replaces a failed one. */
export function currentSlot(): number {
  return Number(process.env.TEST_PARALLEL_INDEX ?? 0);
}

export function slotPort(slot = currentSlot()): number {
  return Number(process.env.E2E_PORT ?? 3100) + PORTS_PER_SLOT * slot;
}

export function slotStateDir(slot = currentSlot()): string {
  const root = process.env.E2E_STATE_DIR;
  if (!root) throw new Error('E2E_STATE_DIR is not set: run the e2e tests through playwright.config.ts');
  return path.join(root, `slot-${slot}`);
}
