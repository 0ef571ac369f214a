import type { SnapHealthRecord } from './health-parse';
import type { Confinement, Connection, Endpoint, InstalledSnap, SnapKind, SnapVersion, InterfaceDetail } from './parse';
import type { InterfaceInfo } from './interface-info';
import type { Attrs } from '../denials/file-attrs';
import type { AttrsSource } from './attrs-parse';
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
  /** The snap's connections after the change (empty while pending). */
  connections: Connection[];
  message: string;
  /** snapd did not finish in time: the server follows the change (HTTP 202). */
  pending: PendingChange | null;
}

/** The outcome a followed change ended with (also its audit `result`). */
export type LateOutcome = 'done-late' | 'failed-late' | 'unknown';

/**
 * A connect/disconnect that snapd had not finished when the request was
 * answered, as the server follows it (per host).
 */
export interface PendingChange {
  /** The dashboard's id for it (not snapd's). */
  id: string;
  /** The host's id in this dashboard. */
  host: string;
  action: 'connect' | 'disconnect';
  /** `snap:plug` as sent. */
  plug: string;
  slot: string | null;
  /** The audit target (the same words as the command). */
  target: string;
  /** snapd's change id, once known. */
  changeId: string | null;
  /** `sent`: snapd has not answered the request; `watching`: the change exists and has not ended. */
  stage: 'sent' | 'watching';
  /** ISO time the command was sent. */
  sentAt: string;
  /** null while followed; then what it ended with. */
  outcome: LateOutcome | null;
  /** ISO time the outcome was recorded. */
  resolvedAt: string | null;
  /** snapd's status of the change (`Done`, `Error`, `Undone`…) when known. */
  status: string | null;
  /** What is known, in words. */
  note: string;
}

export interface SlotCandidate {
  snap: string;
  name: string;
  interface: string;
  contentTag?: string;
  /** Set when snapd would refuse this slot for the plug (content tags differ): the reason, in words. */
  mismatch?: string;
}

/** One plug of a snap and the slots it is connected to (none: not connected). */
export interface PlugView {
  name: string;
  interface: string;
  contentTag?: string;
  /** The plug's attributes as snapd holds them (see SnapDetail.attrsSource for how complete). */
  attrs?: Attrs;
  /** Names of `attrs` read from the snap's meta/snap.yaml (snapd < 2.64 does not print lists); the rest came from snapd. */
  attrsFromSnapYaml?: string[];
  slots: { endpoint: Endpoint; notes: string[] }[];
}

/** One slot of a snap and the plugs connected to it. */
export interface SlotView {
  name: string;
  interface: string;
  contentTag?: string;
  attrs?: Attrs;
  attrsFromSnapYaml?: string[];
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
  /**
   * Where `attrs` came from: snapd's REST API (`snap debug api`, every attribute) or `snap interface --attrs`
   * (snapd < 2.64: strings, numbers and booleans only; `snapYaml`: the lists and maps it leaves out, such as
   * personal-files paths, were read from the snaps' meta/snap.yaml); null when they could not be read.
   */
  attrsSource: { source: AttrsSource; complete: boolean; snapYaml?: boolean } | null;
  /**
   * The message the snap set for its health (`snapctl set-health`; strict MicroK8s: "You must connect …
   * before proceeding"), when `snap list` shows it blocked, waiting or in error; null otherwise or unreadable.
   */
  health: SnapHealthRecord | null;
}
