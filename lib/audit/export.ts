import type { AuditEntry } from '../contracts/audit';

/**
 * The audit trail as a file to keep or open in a spreadsheet. CSV follows
 * RFC 4180 (every cell quoted, `"` doubled, CRLF line ends). A cell that a
 * spreadsheet would run as a formula — starting with `=`, `+`, `-`, `@`, or a
 * tab or carriage return (OWASP "CSV injection") — gets a leading `'`: the
 * audit log records what clients sent, so its text is not ours to trust.
 */

export const AUDIT_CSV_COLUMNS = ['time', 'host', 'action', 'target', 'result', 'changeId', 'error', 'clientAddress', 'sessionId', 'details'] as const;

export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cell(value: string): string {
  return `"${neutraliseCell(value).replace(/"/g, '""')}"`;
}

export function auditCsv(entries: readonly AuditEntry[]): string {
  const rows = entries.map((e) =>
    [e.time, e.host ?? '', e.action, e.target, e.result, e.changeId ?? '', e.error ?? '', e.clientAddress, e.sessionId, e.details ? JSON.stringify(e.details) : ''].map(cell).join(','),
  );
  return [AUDIT_CSV_COLUMNS.map(cell).join(','), ...rows].join('\r\n') + '\r\n';
}

export function auditJson(entries: readonly AuditEntry[], exportedAt: Date): string {
  return JSON.stringify({ exportedAt: exportedAt.toISOString(), entries }, null, 2) + '\n';
}

/** `audit-2026-12-03T15-04-05Z.csv`: sortable, and no characters a file system refuses. */
export function auditFileName(format: 'csv' | 'json', at: Date): string {
  return `audit-${at.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')}.${format}`;
}
