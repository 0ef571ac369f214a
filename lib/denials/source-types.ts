export type SourceId = 'journal' | 'kern.log' | 'syslog' | 'dmesg';

export interface SourceAttempt {
  source: SourceId;
  ok: boolean;
  message?: string;
  hint?: string;
}
