import { withAuth } from '@/lib/auth/with-auth';
import { parseQuery } from '@/lib/http/query';
import { hostOf } from '@/lib/http/host-param';
import { postureReport } from '@/lib/report/posture';
import { postureMarkdown } from '@/lib/report/markdown';
import { reportQuerySchema } from '@/lib/contracts/report-query';

export const dynamic = 'force-dynamic';

/** The posture report of one host as a download (its Overview → "Posture report"; /api/hosts/{id}/report for the others). */
export const GET = withAuth(async (req, { params }) => {
  const { format } = parseQuery(req, reportQuerySchema);
  const report = await postureReport([await hostOf(params)]);
  // Hostnames and date in the file name: reports of several nodes and days sit side by side.
  const who = report.signature.hostnames.join('+').replace(/[^A-Za-z0-9.+-]/g, '_').slice(0, 64);
  const stamp = report.generatedAt.replace(/[:.]/g, '-');
  const [body, type] =
    format === 'json' ? [JSON.stringify(report, null, 2) + '\n', 'application/json; charset=utf-8'] : [postureMarkdown(report), 'text/markdown; charset=utf-8'];
  return new Response(body, {
    headers: { 'content-type': type, 'content-disposition': `attachment; filename="confinement-posture-${who}-${stamp}.${format}"` },
  });
});
