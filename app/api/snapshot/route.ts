import { withAuth } from '@/lib/auth/with-auth';
import { hostOf } from '@/lib/http/host-param';
import { captureHostSnapshot } from '@/lib/snap/snapshot';

export const dynamic = 'force-dynamic';

/** The host's snap state as raw command outputs, to download and share (or replay in demo mode). */
export const GET = withAuth(async (_req, { params }) => {
  const { hostname, snapshot, failed } = await captureHostSnapshot(await hostOf(params));
  const capturedAt = new Date().toISOString();
  const body = { ...snapshot, _meta: { schema: 'confinement-dashboard-snapshot/1', hostname, capturedAt, failed } };
  // The hostname goes into the file name too: several nodes' snapshots side by side stay apart.
  const safeName = hostname.replace(/[^A-Za-z0-9.-]/g, '_').slice(0, 64);
  const stamp = capturedAt.replace(/[:.]/g, '-');
  return new Response(JSON.stringify(body, null, 2) + '\n', {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="snap-snapshot-${safeName}-${stamp}.json"`,
    },
  });
});
