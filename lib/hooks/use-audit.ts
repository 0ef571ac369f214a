'use client';
import { useApi } from './use-api';
import { auditKey, type AuditQuery, type AuditResponse } from '../contracts/audit';

/** Poll every 2 s instead of 10 s while `fast(data)` (a change is still followed). */
export function useAudit(query: AuditQuery, fast?: (data: AuditResponse | undefined) => boolean) {
  return useApi<AuditResponse>(auditKey(query), fast ? { refreshInterval: (data) => (fast(data) ? 2_000 : 10_000) } : undefined);
}
