'use client';
import { useApi } from './use-api';
import { auditKey, type AuditQuery, type AuditResponse } from '../contracts/audit';

export function useAudit(query: AuditQuery) {
  return useApi<AuditResponse>(auditKey(query));
}
