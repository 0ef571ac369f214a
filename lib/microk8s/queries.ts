import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';
import { readCommand } from '../host/run';
import { isHostError } from '../host/errors';
import { settings } from '../config';
import { connections, installedSnaps, summarise } from '../snap/queries';
import { catalogFor, parseAddonsYaml, releaseOf, worksUnderStrict, type CatalogAddon } from './catalog';
import { parseMicrok8sStatus, statusProblem } from './parse';
import { requiredInterfaceStates } from './required';
import type { AddonRow, Microk8sOverview, Microk8sProblem } from './types';

const ADDON_REPOS_DIR = 'var/snap/microk8s/common/addons';

/**
 * The installed addon repositories are the truth for the installed version
 * (`$SNAP_COMMON/addons/<repo>/addons.yaml`, world-readable). Returns null
 * when there are none to read.
 */
async function hostCatalog(): Promise<CatalogAddon[] | null> {
  const dir = path.join(settings().hostRoot, ADDON_REPOS_DIR);
  let repos: string[];
  try {
    repos = await fs.readdir(dir);
  } catch {
    return null;
  }
  const out: CatalogAddon[] = [];
  for (const repo of repos.sort()) {
    if (repo !== 'core' && repo !== 'community') continue;
    try {
      const text = await fs.readFile(path.join(dir, repo, 'addons.yaml'), 'utf8');
      out.push(...parseAddonsYaml(text, repo));
    } catch {
      // an unreadable or damaged repository: fall back to what we have
    }
  }
  return out.length ? out : null;
}

function groupFix(group: string | null): string {
  const g = group ?? 'snap_microk8s';
  return `Add the dashboard's user to the '${g}' group (sudo usermod -a -G ${g} <user>), then restart the dashboard so it picks up the new group.`;
}

async function liveStatus(): Promise<{ status: ReturnType<typeof parseMicrok8sStatus> | null; problem: Microk8sProblem | null }> {
  try {
    // Exit 1 means "not ready" or "no permission": the text says which.
    const r = await readCommand('microk8s', ['status', '--format', 'yaml'], { okExitCodes: [1] });
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
    if (isHostError(e) && e.code === 'not-installed') return { status: null, problem: { kind: 'not-installed', message: 'The microk8s command is not installed.' } };
    if (isHostError(e) && e.code === 'access-denied') {
      return { status: null, problem: { kind: 'insufficient-permissions', message: e.toolMessage ?? e.message, hint: groupFix(null) } };
    }
    return { status: null, problem: { kind: 'error', message: e instanceof Error ? e.message : String(e) } };
  }
}

export async function microk8sOverview(): Promise<Microk8sOverview> {
  // Only MicroK8s's own rows are needed: `snap connections microk8s` is far cheaper than --all on a big host.
  const [snaps, own] = await Promise.all([installedSnaps(), connections('microk8s').catch(() => [])]);
  const installed = snaps.find((s) => s.name === 'microk8s');
  const snap = installed ? (summarise([installed], own)[0] ?? null) : null;
  if (!snap) {
    return { installed: false, snap: null, release: null, strict: false, status: null, problem: { kind: 'not-installed', message: 'MicroK8s is not installed on this host.', hint: 'sudo snap install microk8s --channel=1.31-strict/stable' }, catalogSource: 'bundled', addons: [], required: [] };
  }
  const strict = snap.confinement !== 'classic';
  const release = releaseOf(snap.tracking ?? '') ?? releaseOf(snap.version);
  const [live, fromHost] = await Promise.all([liveStatus(), hostCatalog()]);
  const catalog = fromHost ?? catalogFor(release ?? '1.35');
  const liveByName = new Map((live.status?.addons ?? []).map((a) => [`${a.repository ?? ''}/${a.name}`, a]));
  const liveByBare = new Map((live.status?.addons ?? []).map((a) => [a.name, a]));
  const addons: AddonRow[] = catalog.map((a) => {
    const state = liveByName.get(`${a.repository}/${a.name}`) ?? liveByBare.get(a.name);
    const available = strict ? worksUnderStrict(a) : a.confinement !== 'strict';
    return { ...a, available, enabled: live.status?.running ? (state?.enabled ?? false) : null };
  });
  return {
    installed: true,
    snap,
    release,
    strict,
    status: live.status,
    problem: live.problem,
    catalogSource: fromHost ? 'host' : 'bundled',
    addons,
    required: strict ? requiredInterfaceStates(own) : [],
  };
}
