import type { DenialReport } from './report';
import type { SourceAttempt, SourceId } from './source-types';

export interface DenialsResponse extends DenialReport {
  source: SourceId | null;
  attempts: SourceAttempt[];
  generatedAt: string;
}
