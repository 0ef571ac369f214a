import { withAuth } from '@/lib/auth/with-auth';
import { domain } from '@/lib/api/errors';
import { captureHostSnapshot } from '@/lib/snap/snapshot';

export const dynamic = 'force-dynamic';

/** The host's snap state as raw command outputs, to download and share (or replay in demo mode). */
export const GET = withAuth(async () => {
  const { snapshot, failed } = await domain(captureHostSnapshot);
  const body = { ...snapshot, _meta: { schema: 'confinement-dashboard-snapshot/1', capturedAt: new Date().toISOString(), failed } };
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return new Response(JSON.stringify(body, null, 2) + '\n', {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="snap-snapshot-${stamp}.json"`,
    },
  });
});
