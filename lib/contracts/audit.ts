import { z } from 'zod';
import { withQuery } from './query';

/** GET /api/audit?action=&target=&result=&since=&limit=: the audit trail, newest first (target: a substring of the entry's target). */

export const MAX_AUDIT_LIMIT = 1000;
export const AUDIT_RESULTS = ['ok', 'error', 'unchanged', 'pending', 'done-late', 'failed-late', 'unknown'] as const;
export const auditQuerySchema = z
  .object({
    action: z.string().min(1).max(100).optional(),
    target: z.string().min(1).max(200).optional(),
    result: z.enum(AUDIT_RESULTS).optional(),
    since: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_AUDIT_LIMIT).optional(),
    /** A file to download instead of the page's JSON: the same entries (limit defaults to the maximum). */
    format: z.enum(['csv', 'json']).optional(),
  })
  .strict();
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export function auditKey(q: AuditQuery): string {
  return withQuery('/api/audit', { action: q.action, target: q.target, result: q.result, since: q.since, limit: q.limit });
}

/** GET /api/audit?format=csv|json with the filters shown: what the Activity page's export downloads. */
export function auditExportPath(q: AuditQuery, format: 'csv' | 'json'): string {
  return withQuery('/api/audit', { action: q.action, target: q.target, result: q.result, since: q.since, limit: q.limit, format });
}

/**
 * `pending`: snapd had not finished when the request was answered (HTTP 202); a later line of the
 * same request (`details.request`) says how it ended: `done-late`, `failed-late`, or `unknown`
 * (not known within the follow limit).
 */
export type AuditResult = (typeof AUDIT_RESULTS)[number];

export interface AuditEntry {
  /** ISO 8601, UTC. */
  time: string;
  /** The hostname of the host acted on (lines older than hostnames carry none; left out when writing, the dashboard's own). */
  host?: string;
  action: string;
  target: string;
  sessionId: string;
  clientAddress: string;
  result: AuditResult;
  /** snapd's change id, when the action started one. */
  changeId: string | null;
  error: string | null;
  details?: Record<string, unknown>;
}

export interface AuditResponse {
  entries: AuditEntry[];
}
