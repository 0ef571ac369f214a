import { z } from 'zod';
import { ApiError, withAuth } from '@/lib/auth/with-auth';
import { MAX_AUDIT_LIMIT, readAudit } from '@/lib/audit/log';

const query = z
  .object({
    action: z.string().min(1).max(100).optional(),
    target: z.string().min(1).max(200).optional(),
    result: z.enum(['ok', 'error', 'unchanged']).optional(),
    since: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_AUDIT_LIMIT).optional(),
  })
  .strict();

/** GET /api/audit?action=&target=&result=&since=&limit= → { entries } newest first. */
export const GET = withAuth(async (req) => {
  const params = new URL(req.url).searchParams;
  const raw: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key in raw) throw new ApiError(400, 'invalid-request', `Query parameter "${key}" is repeated.`);
    raw[key] = value;
  }
  const parsed = query.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new ApiError(400, 'invalid-request', `${where}${issue?.message ?? 'invalid query'}`);
  }
  return Response.json({ entries: await readAudit(parsed.data) });
});
