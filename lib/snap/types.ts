import type { Confinement, Connection, InstalledSnap, SnapKind, SnapVersion, InterfaceDetail } from './parse';
import type { InterfaceInfo } from './interface-info';

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
  mode: 'local' | 'demo';
  sudoMode: boolean;
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

export interface SnapDetail {
  snap: SnapSummary;
  connections: Connection[];
  /** For each of the snap's plugs, the slots it could connect to (the slot picker). */
  slotCandidates: Record<string, SlotCandidate[]>;
}
