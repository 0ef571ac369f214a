import { z } from 'zod';
import { withAuth } from '@/lib/auth/with-auth';
import { readJsonBody } from '@/lib/auth/checks';
import { domain } from '@/lib/api/errors';
import { analyseLog } from '@/lib/denials/service';
import { denialFilterSchema, MAX_PASTED_LOG } from '@/lib/denials/filter';

export const dynamic = 'force-dynamic';

const schema = denialFilterSchema.omit({ range: true }).extend({ text: z.string().min(1, 'the log is empty').max(MAX_PASTED_LOG) }).strict();

/** A pasted or uploaded log, analysed in memory and never written anywhere. */
export const POST = withAuth(async (req) => {
  const body = await readJsonBody(req, schema, MAX_PASTED_LOG + 64 * 1024);
  return Response.json(await domain(() => analyseLog(body.text, { snap: body.snap, kind: body.kind })));
});
