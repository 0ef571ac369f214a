import { withAuth } from '@/lib/auth/with-auth';
import { parseQuery } from '@/lib/http/query';
import { readAudit } from '@/lib/audit/log';
import { auditQuerySchema, type AuditResponse } from '@/lib/contracts/audit';

/** GET /api/audit?action=&target=&result=&since=&limit= → { entries } newest first. */
export const GET = withAuth(async (req) => Response.json({ entries: await readAudit(parseQuery(req, auditQuerySchema)) } satisfies AuditResponse));
