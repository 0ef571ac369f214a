import 'server-only';
import { settings, type Settings } from '../config';
import { DemoHost } from './demo';
import type { Host } from './host';
import { LocalHost } from './local';

export type { Host, HostBinary, CommandResult, RunOptions, MutationRunner, HostCapabilities, FileTail } from './host';

/**
 * The hosts of this dashboard. One instance per host and process, on
 * globalThis: Next bundles route handlers and pages separately, and each
 * bundle would otherwise get its own cache and mutation queue (a connect from
 * the API would not clear the pages' cache, and two bundles could run
 * mutations on one host at once).
 */

const HOSTS_KEY = Symbol.for('confinement-dashboard.hosts');

function createHost(cfg: Settings): Host {
  if (cfg.hostMode === 'demo') {
    return new DemoHost({ id: 'demo', name: 'Simulated host', binDir: cfg.demoBinDir, stateFile: cfg.demoStateFile, root: cfg.demoRoot });
  }
  return new LocalHost({ id: 'local', name: 'This host', sudo: cfg.sudoMode, snapdSocket: cfg.snapdSocket });
}

function registry(): { key: string; host: Host } | undefined {
  return (globalThis as { [HOSTS_KEY]?: { key: string; host: Host } })[HOSTS_KEY];
}

/** The host this dashboard looks after. */
export function currentHost(): Host {
  const cfg = settings();
  // Keyed by what defines the host, so a test that changes the settings gets a new one.
  const key = JSON.stringify([cfg.hostMode, cfg.sudoMode, cfg.snapdSocket, cfg.demoBinDir, cfg.demoStateFile, cfg.demoRoot]);
  const holder = globalThis as { [HOSTS_KEY]?: { key: string; host: Host } };
  if (registry()?.key !== key) holder[HOSTS_KEY] = { key, host: createHost(cfg) };
  return holder[HOSTS_KEY]!.host;
}

/** A host by id, or null when there is none by that name. */
export function hostFor(id: string): Host | null {
  const host = currentHost();
  return host.id === id ? host : null;
}
