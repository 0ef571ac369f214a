import type { Connection } from './parse';
import type { SnapSummary } from './types';

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
