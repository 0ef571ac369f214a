'use client';
import { useApi } from './use-api';

export interface AuditEntryView {
  time: string;
  action: string;
  target: string;
  sessionId: string;
  clientAddress: string;
  result: 'ok' | 'error' | 'unchanged';
  changeId: string | null;
  error: string | null;
}

export function useAudit(query: string) {
  const r = useApi<{ entries: AuditEntryView[] }>(`/api/audit${query ? `?${query}` : ''}`);
  return { ...r, entries: r.data?.entries };
}
