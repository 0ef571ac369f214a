import type { Confinement, Connection, Endpoint, InstalledSnap, SnapKind, SnapVersion, InterfaceDetail } from './parse';
import type { InterfaceInfo } from './interface-info';
import type { Privilege, PrivilegeInfo } from '../contracts/privilege';

/** Domain objects the API returns and the pages render. Pure types only. */

export type HealthState = 'ok' | 'blocked' | 'error' | 'waiting' | 'broken' | 'disabled';

export interface SnapSummary extends InstalledSnap {
  confinement: Confinement;
  kind: SnapKind;
  health: HealthState;
  plugs: { declared: number; connected: number };
  slots: { declared: number; connected: number };
}

export interface SystemOverview {
  /** The dashboard's id for the host (`local`, `demo`). */
  hostId: string;
  /** The host's own name, as `hostname` prints it. */
  hostname: string;
  mode: 'local' | 'demo' | 'ssh';
  sudoMode: boolean;
  /** Whether connect/disconnect can work on this host (lib/snap/privilege.ts). */
  privilege: Privilege;
  privilegeInfo: PrivilegeInfo;
  version: SnapVersion;
  confinement: 'strict' | 'partial' | null;
  sandboxFeatures: Record<string, string[]>;
}

export interface InterfaceUsage {
  name: string;
  summary: string | null;
  info: InterfaceInfo;
  plugs: { snap: string; name: string; connected: boolean }[];
  slots: { snap: string; name: string; connected: boolean }[];
  connections: number;
}

export interface InterfaceDetailView extends InterfaceDetail {
  info: InterfaceInfo;
}

export interface ActionOutcome {
  /** snapd's change id; null when snapd had nothing to do. */
  changeId: string | null;
  unchanged: boolean;
  /** The snap's connections after the change. */
  connections: Connection[];
  message: string;
}

export interface SlotCandidate {
  snap: string;
  name: string;
  interface: string;
  contentTag?: string;
}

/** One plug of a snap and the slots it is connected to (none: not connected). */
export interface PlugView {
  name: string;
  interface: string;
  contentTag?: string;
  slots: { endpoint: Endpoint; notes: string[] }[];
}

/** One slot of a snap and the plugs connected to it. */
export interface SlotView {
  name: string;
  interface: string;
  contentTag?: string;
  plugs: { endpoint: Endpoint; notes: string[] }[];
}

export interface SnapDetail {
  snap: SnapSummary;
  connections: Connection[];
  plugs: PlugView[];
  slots: SlotView[];
  /** What each interface of its plugs and slots grants, resolved on the server (the table stays there). */
  interfaces: Record<string, InterfaceInfo>;
  /** For each of the snap's plugs, the slots it could connect to (the slot picker). */
  slotCandidates: Record<string, SlotCandidate[]>;
}
