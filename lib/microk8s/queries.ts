import 'server-only';
import type { Host } from '../host';
import { isHostError } from '../host/errors';
import { notInSnapshot } from '../host/replay';
import { connections, installedSnaps, summarise } from '../snap/queries';
import { CATALOG_RELEASES, catalogFor, parseAddonsYaml, releaseOf, worksUnderStrict, type CatalogAddon } from './catalog';
import { parseMicrok8sStatus, statusProblem } from './parse';
import { requiredInterfaceStates } from './required';
import { describeInterface, type InterfaceInfo } from '../snap/interface-info';
import type { AddonRow, Microk8sOverview, Microk8sProblem } from './types';

const ADDON_REPOS_DIR = '/var/snap/microk8s/common/addons';

/**
 * The installed addon repositories are the truth for the installed version
 * (`$SNAP_COMMON/addons/<repo>/addons.yaml`, world-readable). Returns null
 * when there are none to read.
 */
async function hostCatalog(host: Host): Promise<CatalogAddon[] | null> {
  let repos: string[];
  try {
    repos = await host.listDir(ADDON_REPOS_DIR);
  } catch {
    return null;
  }
  const out: CatalogAddon[] = [];
  for (const repo of repos.sort()) {
    if (repo !== 'core' && repo !== 'community') continue;
    try {
      const text = await host.readSmallFile(`${ADDON_REPOS_DIR}/${repo}/addons.yaml`);
      out.push(...parseAddonsYaml(text, repo));
    } catch {
      // an unreadable or damaged repository: fall back to what we have
    }
  }
  return out.length ? out : null;
}

/**
 * The addons this host's installed repositories hold, when its MicroK8s runs `release`
 * and has them to read; null otherwise (the comparison then uses the bundled catalog).
 */
export async function installedCatalog(host: Host, release: string): Promise<CatalogAddon[] | null> {
  const installed = (await installedSnaps(host)).find((s) => s.name === 'microk8s');
  if (!installed || (releaseOf(installed.tracking ?? '') ?? releaseOf(installed.version)) !== release) return null;
  return hostCatalog(host);
}

function groupFix(group: string | null): string {
  const g = group ?? 'snap_microk8s';
  return `Add the dashboard's user to the '${g}' group (sudo usermod -a -G ${g} <user>), then restart the dashboard so it picks up the new group.`;
}

export async function liveStatus(host: Host): Promise<{ status: ReturnType<typeof parseMicrok8sStatus> | null; problem: Microk8sProblem | null }> {
  try {
    // Exit 1 means "not ready" or "no permission": the text says which.
    const r = await host.read('microk8s', ['status', '--format', 'yaml'], { okExitCodes: [1] });
    const text = `${r.stdout}\n${r.stderr}`;
    const p = statusProblem(text);
    const status = parseMicrok8sStatus(r.stdout.trim() ? r.stdout : r.stderr);
    if (p.kind === 'insufficient-permissions') {
      return { status: null, problem: { kind: 'insufficient-permissions', message: 'Insufficient permissions to access MicroK8s.', hint: groupFix(p.group) } };
    }
    if (p.kind === 'worker-node') {
      return { status, problem: { kind: 'worker-node', message: 'This MicroK8s is a worker node in a cluster: addons are managed on the control plane node.' } };
    }
    if (p.kind === 'not-running' || !status.running) {
      return { status, problem: { kind: 'not-running', message: status.message ?? 'MicroK8s is not running.', hint: 'A strict MicroK8s does not start its services until its required interfaces are connected.' } };
    }
    return { status, problem: null };
  } catch (e) {
    const replay = notInSnapshot(host, e);
    if (replay) return { status: null, problem: { kind: 'not-in-snapshot', message: replay, hint: 'An exported snapshot records microk8s status only when the host answered it then; export again on that host to include it.' } };
    if (isHostError(e) && e.code === 'not-installed') {
      // Reached only when `snap list` has microk8s: the snap is there, its command is not where we looked.
      return { status: null, problem: { kind: 'not-installed', message: `The microk8s snap is installed but its command was not found (${e.message}).`, hint: 'snapd puts it in /snap/bin/microk8s; check that the file exists (ls -l /snap/bin/microk8s) and that snapd has finished installing it (snap changes).' } };
    }
    if (isHostError(e) && e.code === 'access-denied') {
      return { status: null, problem: { kind: 'insufficient-permissions', message: e.toolMessage ?? e.message, hint: groupFix(null) } };
    }
    return { status: null, problem: { kind: 'error', message: e instanceof Error ? e.message : String(e) } };
  }
}

export async function microk8sOverview(host: Host): Promise<Microk8sOverview> {
  // Only MicroK8s's own rows are needed: `snap connections microk8s` is far cheaper than --all on a big host.
  const [snaps, own] = await Promise.all([installedSnaps(host), connections(host, 'microk8s').catch(() => [])]);
  const installed = snaps.find((s) => s.name === 'microk8s');
  const snap = installed ? (summarise([installed], own)[0] ?? null) : null;
  if (!snap) {
    return { installed: false, snap: null, release: null, strict: false, status: null, problem: { kind: 'not-installed', message: 'MicroK8s is not installed on this host.', hint: 'sudo snap install microk8s --channel=1.31-strict/stable' }, catalogSource: 'bundled', addons: [], required: [], requiredInterfaces: {}, catalogReleases: [...CATALOG_RELEASES] };
  }
  const strict = snap.confinement !== 'classic';
  const release = releaseOf(snap.tracking ?? '') ?? releaseOf(snap.version);
  const [live, fromHost] = await Promise.all([liveStatus(host), hostCatalog(host)]);
  const catalog = fromHost ?? catalogFor(release ?? '1.35');
  const liveByName = new Map((live.status?.addons ?? []).map((a) => [`${a.repository ?? ''}/${a.name}`, a]));
  const liveByBare = new Map((live.status?.addons ?? []).map((a) => [a.name, a]));
  const addons: AddonRow[] = catalog.map((a) => {
    const state = liveByName.get(`${a.repository}/${a.name}`) ?? liveByBare.get(a.name);
    const available = strict ? worksUnderStrict(a) : a.confinement !== 'strict';
    return { ...a, available, enabled: live.status?.running ? (state?.enabled ?? false) : null };
  });
  const required = strict ? requiredInterfaceStates(own) : [];
  const requiredInterfaces: Record<string, InterfaceInfo> = {};
  for (const r of required) if (r.interface) requiredInterfaces[r.interface] = describeInterface(r.interface);
  return {
    installed: true,
    snap,
    release,
    strict,
    status: live.status,
    problem: live.problem,
    catalogSource: fromHost ? 'host' : 'bundled',
    catalogReleases: [...CATALOG_RELEASES],
    addons,
    required,
    requiredInterfaces,
  };
}
