import type { CatalogAddon } from './catalog';
import type { Microk8sStatus } from './parse';
import type { RequiredInterfaceState } from './required';
import type { SnapSummary } from '../snap/types';
import type { InterfaceInfo } from '../snap/interface-info';

/** What the Addons page shows. Pure types. */

export interface AddonRow extends CatalogAddon {
  /** Live from `microk8s status`; null when the status is not available. */
  enabled: boolean | null;
  /** Whether this MicroK8s (by its confinement) offers the addon at all. */
  available: boolean;
}

export interface Microk8sProblem {
  /** `not-in-snapshot`: a simulated host replaying a snapshot that holds no `microk8s status`. */
  kind: 'not-installed' | 'not-running' | 'insufficient-permissions' | 'worker-node' | 'not-in-snapshot' | 'error';
  message: string;
  hint?: string;
}

export interface Microk8sOverview {
  installed: boolean;
  snap: SnapSummary | null;
  release: string | null;
  strict: boolean;
  status: Microk8sStatus | null;
  problem: Microk8sProblem | null;
  /** 'host': read from the installed addon repositories; 'bundled': the dashboard's catalog for this release. */
  catalogSource: 'host' | 'bundled';
  addons: AddonRow[];
  required: RequiredInterfaceState[];
  /** What each required plug's interface grants, by interface name (for the Connect all confirmation). */
  requiredInterfaces: Record<string, InterfaceInfo>;
  /** Every release the dashboard's catalog knows (for the comparison). */
  catalogReleases: string[];
}
