import { z } from 'zod';
import type { Microk8sOverview } from '../microk8s/types';
import { withQuery } from './query';
import { hostApi } from './hosts';

/** GET /api/microk8s: MicroK8s on this host, its addons and the interfaces strict MicroK8s needs. */
export function microk8sKey(host: string | null): string {
  return hostApi(host, '/microk8s');
}
export type Microk8sResponse = Microk8sOverview;

/**
 * GET /api/microk8s/compare?from=&to=: this host's release (`from`, read from its installed
 * addon repositories when it has them) against another release's branch tips.
 */
const release = z.string().regex(/^1\.\d{2}$/, 'a MicroK8s release such as 1.31');
export const compareQuerySchema = z.object({ from: release, to: release }).strict();
export function compareKey(host: string | null, from: string, to: string): string {
  return withQuery(hostApi(host, '/microk8s/compare'), { from, to });
}
export interface ReleaseComparison {
  from: string;
  to: string;
  /** 'host': `from` is what this host's installed addon repositories hold; 'bundled': the dashboard's catalog of that release. */
  fromSource: 'host' | 'bundled';
  /** Addons `from` has and `to` has not (labelled `repository/name` where a name is in both repositories). */
  onlyInFrom: string[];
  onlyInTo: string[];
  /** Addons in both whose confinement differs: `strict`, `classic` (classic-only) or `both`. */
  confinementChanged: { name: string; from: string; to: string }[];
  /** `repository/name` of the addons the other release cannot run under strict confinement. */
  classicOnly: string[];
  /** Every release the catalog knows. */
  releases: string[];
}

/** POST /api/microk8s/addons/{name}/{enable|disable}: starts `microk8s enable|disable` as a job (202 `{ id, … }`). */
export type AddonAction = 'enable' | 'disable';
export function addonActionPath(host: string | null, name: string, action: AddonAction): string {
  return hostApi(host, `/microk8s/addons/${encodeURIComponent(name)}/${action}`);
}
