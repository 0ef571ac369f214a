import 'server-only';
import type { Host } from '../host';
import type { Problem, ProblemSource } from '../errors/problem';
import { sudoersLine } from '../service/unit';
import type { PrivilegeInfo } from '../contracts/privilege';
import { manualCommand } from '../contracts/privilege';

/**
 * Per host: can the dashboard change connections? Asked of the host once
 * (its uid; in sudo mode `sudo -n -l -- snap connect|disconnect x:y`), kept
 * until a mutation is refused with access-denied (then asked again). A
 * read-only answer in sudo mode is asked again after READ_ONLY_RECHECK_MS, so
 * a sudoers line added meanwhile is seen without a restart.
 */

export const READ_ONLY_RECHECK_MS = 30_000;
const PRIVILEGE_KEY = Symbol.for('confinement-dashboard.privilege');
type Entry = { key: string; info: PrivilegeInfo; expires: number };
function store(): Map<string, Entry> {
  const holder = globalThis as { [PRIVILEGE_KEY]?: Map<string, Entry> };
  return (holder[PRIVILEGE_KEY] ??= new Map());
}
const inflight = new Map<string, Promise<PrivilegeInfo>>();

function cacheKey(host: Host): string {
  return JSON.stringify([host.id, host.capabilities.transport, host.capabilities.sudo]);
}

/** What to do after the sudoers line is in place, per kind of host. */
function restartCommand(host: Host): string {
  if (host.capabilities.transport === 'ssh') {
    return host.capabilities.sudo ? 'Nothing to restart: the dashboard checks the node again within 30 s.' : `Set "sudo: true" for ${host.id} in hosts.yaml (or on the Fleet page's Hosts).`;
  }
  if (host.capabilities.sudo) return 'Nothing to restart: the dashboard checks again within 30 s.';
  return 'CONFINEMENT_DASHBOARD_SUDO=1 npm start   (the service: sudo systemctl restart confinement-dashboard, its unit sets CONFINEMENT_DASHBOARD_SUDO=1)';
}

async function check(host: Host): Promise<PrivilegeInfo> {
  const checkedAt = new Date().toISOString();
  const p = await host.probePrivilege();
  const who = p.user ? `"${p.user}"` : 'its account';
  if (p.root) return { privilege: 'root', reason: host.capabilities.simulated ? 'The simulated host acts as root.' : `The dashboard's commands run as root (${who}).`, user: p.user, sudoersLine: null, restartCommand: null, checkedAt };
  if (p.sudoRule) return { privilege: 'sudo', reason: `Sudo mode: sudo allows ${who} exactly snap connect and snap disconnect.`, user: p.user, sudoersLine: null, restartCommand: null, checkedAt };
  const reason = host.capabilities.sudo
    ? `Read-only: sudo mode is on, but sudo does not let ${who} run snap connect/disconnect without a password${p.sudoDetail ? ` (${p.sudoDetail})` : ''}.`
    : host.capabilities.simulated
      ? `Read-only: the simulated host acts as an ordinary account (${who}) without sudo mode.`
      : `Read-only: the dashboard runs as ${who}, not root, and sudo mode is off; snapd lets only root change connections.`;
  return { privilege: 'read-only', reason, user: p.user, sudoersLine: sudoersLine(p.user ?? 'USER'), restartCommand: restartCommand(host), checkedAt };
}

/** The host's privilege, from the last check or a new one (concurrent callers share one). */
export async function hostPrivilege(host: Host): Promise<PrivilegeInfo> {
  const key = cacheKey(host);
  const known = store().get(host.id);
  if (known && known.key === key && known.expires > Date.now()) return known.info;
  let pending = inflight.get(key);
  if (!pending) {
    pending = check(host).finally(() => inflight.delete(key));
    inflight.set(key, pending);
  }
  const info = await pending;
  const ttl = info.privilege === 'read-only' && host.capabilities.sudo ? READ_ONLY_RECHECK_MS : Number.POSITIVE_INFINITY;
  store().set(host.id, { key, info, expires: Date.now() + ttl });
  return info;
}

/** A mutation was refused (access-denied): what was known no longer holds; ask the host again next time. */
export function forgetPrivilege(host: Host): void {
  store().delete(host.id);
}

/** 403 for a change on a read-only host: nothing ran; the same hint as the banner, and the command to run by hand. */
export class ReadOnlyHost extends Error implements ProblemSource {
  constructor(
    readonly info: PrivilegeInfo,
    readonly command: string,
  ) {
    super(info.reason);
    this.name = 'ReadOnlyHost';
  }
  problem(): Problem {
    return { status: 403, code: 'read-only', message: this.info.reason, hint: readOnlyHint(this.info, this.command) };
  }
}

export function readOnlyHint(info: PrivilegeInfo, command?: string): string {
  const parts = [`Nothing was run. To allow changes, add this sudoers line (sudo visudo -f /etc/sudoers.d/confinement-dashboard): ${info.sudoersLine ?? ''}`];
  if (info.restartCommand) parts.push(`Then: ${info.restartCommand}`);
  if (command) parts.push(`Or run it yourself: ${command}`);
  return parts.join(' — ');
}

export { manualCommand };
