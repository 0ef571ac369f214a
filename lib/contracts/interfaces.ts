import type { InterfaceDetailView, InterfaceUsage } from '../snap/types';

/** GET /api/interfaces: every interface some snap plugs or offers. */
export const INTERFACES_KEY = '/api/interfaces';
export interface InterfacesResponse {
  interfaces: InterfaceUsage[];
}

/** GET /api/interfaces/{name}: who plugs it, who offers it, and what it grants. */
export function interfaceKey(name: string): string {
  return `/api/interfaces/${encodeURIComponent(name)}`;
}
export type InterfaceResponse = InterfaceDetailView;
