import type { InterfaceDetailView, InterfaceUsage } from '../snap/types';
import { hostApi } from './hosts';

/** GET /api/interfaces: every interface some snap plugs or offers. */
export function interfacesKey(host: string | null): string {
  return hostApi(host, '/interfaces');
}
export interface InterfacesResponse {
  interfaces: InterfaceUsage[];
}

/** GET /api/interfaces/{name}: who plugs it, who offers it, and what it grants. */
export function interfaceKey(host: string | null, name: string): string {
  return hostApi(host, `/interfaces/${encodeURIComponent(name)}`);
}
export type InterfaceResponse = InterfaceDetailView;
