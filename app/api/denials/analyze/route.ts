import { withAuth } from '@/lib/auth/with-auth';
import { readJsonBody } from '@/lib/http/body';
import { hostOf } from '@/lib/http/host-param';
import { analyseLog } from '@/lib/denials/service';
import { analyzeBodySchema, MAX_PASTED_LOG, type AnalyzeResponse } from '@/lib/contracts/denials';

export const dynamic = 'force-dynamic';

/** A pasted or uploaded log, analysed in memory and never written anywhere. */
export const POST = withAuth(async (req, { params }) => {
  const body = await readJsonBody(req, analyzeBodySchema, MAX_PASTED_LOG + 64 * 1024);
  return Response.json((await analyseLog(await hostOf(params), body.text, { snap: body.snap, kind: body.kind })) satisfies AnalyzeResponse);
});
