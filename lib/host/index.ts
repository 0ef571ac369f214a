import 'server-only';
import fs from 'node:fs';
import { settings } from '../config';
import { NotFound } from '../errors/problem';
import type { Host } from './host';
import os from 'node:os';
import path from 'node:path';
import { buildHosts, type HostEntry, type HostList } from './registry';
import { SshHost } from './ssh';
import type { Settings } from '../config';

export type { Host, HostBinary, CommandResult, RunOptions, MutationRunner, HostCapabilities, FileTail, PrivilegeProbe } from './host';

/**
 * The hosts of this dashboard. One instance per host and process, on
 * globalThis: Next bundles route handlers and pages separately, and each
 * bundle would otherwise get its own cache and mutation queue (a connect from
 * the API would not clear the pages' cache, and two bundles could run
 * mutations on one host at once).
 */

const HOSTS_KEY = Symbol.for('confinement-dashboard.hosts');
type Holder = { [HOSTS_KEY]?: { key: string; list: HostList } };

// Every request asks for its host: look at hosts.yaml at most once a second, not on each call.
const STAMP_TTL_MS = 1_000;
let stamp: { file: string; value: string; expires: number } | null = null;

/** After the dashboard itself wrote hosts.yaml: the next request sees the change at once. */
export function hostsFileChanged(): void {
  stamp = null;
}

function hostsFileStamp(file: string): string {
  if (stamp?.file === file && stamp.expires > Date.now()) return stamp.value;
  let value = 'none';
  try {
    const st = fs.statSync(file);
    value = `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    // no hosts file: only the dashboard's own host
  }
  stamp = { file, value, expires: Date.now() + STAMP_TTL_MS };
  return value;
}

function hostList(): HostList {
  const cfg = settings();
  // Rebuilt when what defines the hosts changes (settings in tests, an edited hosts file).
  const key = JSON.stringify([cfg.hostMode, cfg.sudoMode, cfg.snapdSocket, cfg.demoBinDir, cfg.demoStateFile, cfg.demoRoot, cfg.demoFleet, cfg.sshKnownHosts, hostsFileStamp(cfg.hostsFile)]);
  const holder = globalThis as Holder;
  const known = holder[HOSTS_KEY];
  if (known?.key === key) return known.list;
  const list = buildHosts(cfg, sshHost);
  // The old list's SSH connections end with it (a removed or changed node keeps none open).
  for (const h of known?.list.hosts ?? []) if (h instanceof SshHost && !list.hosts.some((n) => n instanceof SshHost && n.controlPath === h.controlPath)) void h.close();
  holder[HOSTS_KEY] = { key, list };
  return list;
}

/** A node of hosts.yaml, over the system ssh client. */
function sshHost(entry: HostEntry, cfg: Settings): Host {
  const home = (p: string) => (p.startsWith('~/') ? path.join(os.homedir(), p.slice(2)) : p);
  return new SshHost({
    id: entry.id,
    name: entry.name ?? entry.id,
    destination: entry.ssh,
    ...(entry.port ? { port: entry.port } : {}),
    ...(entry.identityFile ? { identityFile: home(entry.identityFile) } : {}),
    knownHostsFile: cfg.sshKnownHosts,
    controlDir: cfg.sshControlDir,
    sudo: entry.sudo ?? false,
  });
}

/** Every host, the dashboard's own first. */
export function allHosts(): Host[] {
  return hostList().hosts;
}

/** Why the hosts file could not be used, or null. */
export function hostsConfigError(): string | null {
  return hostList().configError;
}

/** The dashboard's own host: the local machine, or the simulated one in demo mode. */
export function currentHost(): Host {
  const [own] = hostList().hosts;
  if (!own) throw new Error('no host');
  return own;
}

/** A host by id, or null when there is none by that name. */
export function hostFor(id: string): Host | null {
  return hostList().hosts.find((h) => h.id === id) ?? null;
}

/** A host by id, or 404. */
export function requireHost(id: string): Host {
  const host = hostFor(id);
  if (!host) throw new NotFound(`There is no host "${id.slice(0, 64)}" in this dashboard.`, 'The hosts are listed on the Fleet page.');
  return host;
}
