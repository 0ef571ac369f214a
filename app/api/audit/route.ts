import { withAuth } from '@/lib/auth/with-auth';
import { parseQuery } from '@/lib/http/query';
import { readAudit } from '@/lib/audit/log';
import { auditCsv, auditFileName, auditJson } from '@/lib/audit/export';
import { MAX_AUDIT_LIMIT, auditQuerySchema, type AuditResponse } from '@/lib/contracts/audit';

/**
 * GET /api/audit?action=&target=&result=&since=&limit= → { entries } newest first;
 * with format=csv|json, the same entries as a file to download (up to the maximum by default).
 */
export const GET = withAuth(async (req) => {
  const { format, ...filter } = parseQuery(req, auditQuerySchema);
  if (!format) return Response.json({ entries: await readAudit(filter) } satisfies AuditResponse);
  const entries = await readAudit({ ...filter, limit: filter.limit ?? MAX_AUDIT_LIMIT });
  const now = new Date();
  const body = format === 'csv' ? auditCsv(entries) : auditJson(entries, now);
  return new Response(body, {
    headers: {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${auditFileName(format, now)}"`,
      'cache-control': 'no-store',
    },
  });
});
