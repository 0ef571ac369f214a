import type { DenialReport } from './report';
import type { SourceAttempt, SourceId } from './source-types';

export interface DenialsResponse extends DenialReport {
  source: SourceId | null;
  attempts: SourceAttempt[];
  generatedAt: string;
  /** Groups before `limit` was applied. */
  groupsTotal: number;
}
