import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { z } from 'zod';
import type { Settings } from '../config';
import { DemoHost } from './demo';
import type { Host } from './host';
import { LocalHost } from './local';

/**
 * Which hosts the dashboard looks after: its own (the local machine, or the
 * simulated demo host) always first, then the simulated fleet (DEMO_FLEET=N)
 * or the nodes listed in `<stateDir>/hosts.yaml`.
 */

export const HOST_ID = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;

export const hostEntrySchema = z
  .object({
    id: z.string().regex(HOST_ID, 'lower-case letters, digits and dashes, at most 32'),
    name: z.string().min(1).max(64).optional(),
    /** `user@host`, `host`, or an alias from ~/.ssh/config. */
    ssh: z.string().min(1).max(255).regex(/^[A-Za-z0-9_.@:[\]-]+$/, 'a user@host, host name or ~/.ssh/config alias').refine((v) => !v.startsWith('-'), 'must not start with "-"'),
    port: z.number().int().min(1).max(65535).optional(),
    identityFile: z.string().min(1).max(4096).optional(),
    /** Run `snap connect`/`disconnect` on the node through its own `sudo -n` rule. */
    sudo: z.boolean().optional(),
  })
  .strict();
export type HostEntry = z.infer<typeof hostEntrySchema>;

export const hostsFileSchema = z.object({ hosts: z.array(hostEntrySchema).max(500) }).strict();

/** Builds a host of the hosts file: an SSH node (set by lib/host/index.ts once SSH exists). */
export type RemoteHostFactory = (entry: HostEntry, cfg: Settings) => Host;

/** What the hosts file says, or why it cannot be used (shown on the Hosts page, never a crash). */
export function readHostsFile(file: string): { entries: HostEntry[]; error: string | null } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], error: null };
    return { entries: [], error: `${path.basename(file)} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  try {
    const parsed = hostsFileSchema.safeParse(parseYaml(text) ?? { hosts: [] });
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      return { entries: [], error: `${path.basename(file)}: ${i ? `${i.path.join('.')}: ${i.message}` : 'not valid'}` };
    }
    const ids = new Set<string>();
    for (const h of parsed.data.hosts) {
      if (ids.has(h.id)) return { entries: [], error: `${path.basename(file)}: host id "${h.id}" appears twice` };
      ids.add(h.id);
    }
    return { entries: parsed.data.hosts, error: null };
  } catch (e) {
    return { entries: [], error: `${path.basename(file)} is not valid YAML: ${e instanceof Error ? e.message.split('\n')[0] : 'parse error'}` };
  }
}

/** The simulated fleet's nodes differ as a real cluster's do: one blocked, one ready, one down, one on another release. */
const VARIANTS: { variant?: string; reachable?: boolean }[] = [{}, { variant: 'ready' }, { reachable: false }, { variant: 'release-1.30' }];

function demoFleet(cfg: Settings): Host[] {
  const nodes: Host[] = [];
  for (let n = 2; n <= cfg.demoFleet; n++) {
    const id = `node-${n}`;
    const shape = VARIANTS[(n - 2) % VARIANTS.length] ?? {};
    nodes.push(
      new DemoHost({
        id,
        name: id,
        binDir: cfg.demoBinDir,
        stateFile: path.join(path.dirname(cfg.demoStateFile), 'fleet', `${id}.json`),
        root: cfg.demoRoot,
        env: { DEMO_HOSTNAME: id, DEMO_SEED: String(n), ...(shape.variant ? { DEMO_NODE_VARIANT: shape.variant } : {}) },
        reachable: shape.reachable ?? true,
      }),
    );
  }
  return nodes;
}

export interface HostList {
  hosts: Host[];
  /** Why the hosts file was not used, if it was not. */
  configError: string | null;
}

export function buildHosts(cfg: Settings, remote: RemoteHostFactory | null): HostList {
  if (cfg.hostMode === 'demo') {
    const primary = new DemoHost({ id: 'demo', name: 'Simulated host', binDir: cfg.demoBinDir, stateFile: cfg.demoStateFile, root: cfg.demoRoot });
    return { hosts: [primary, ...demoFleet(cfg)], configError: null };
  }
  const local = new LocalHost({ id: 'local', name: 'This host', sudo: cfg.sudoMode, snapdSocket: cfg.snapdSocket });
  const { entries, error } = readHostsFile(cfg.hostsFile);
  if (error || entries.length === 0) return { hosts: [local], configError: error };
  if (!remote) return { hosts: [local], configError: 'SSH hosts are listed but this build cannot reach them' };
  const hosts: Host[] = [local];
  const problems: string[] = [];
  for (const e of entries) {
    if (e.id === 'local') {
      problems.push('host id "local" is reserved for this machine');
      continue;
    }
    try {
      hosts.push(remote(e, cfg));
    } catch (err) {
      // One unusable entry must not take the others (or the dashboard) down.
      problems.push(`${e.id}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { hosts, configError: problems.length ? problems.join('; ') : null };
}

/** Writes the hosts file whole (temp file, then rename), 0600 in the private state dir. */
export function writeHostsFile(file: string, entries: HostEntry[]): void {
  const checked = hostsFileSchema.parse({ hosts: entries });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, `# Confinement Dashboard: the hosts it looks after besides its own (edited on the Hosts page or by hand).\n${stringifyYaml(checked)}`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}
