import { withAuth } from '@/lib/auth/with-auth';
import { currentHost } from '@/lib/host';
import { collectMetrics } from '@/lib/metrics/collect';
import { EXPOSITION_CONTENT_TYPE, renderExposition } from '@/lib/metrics/exposition';

export const dynamic = 'force-dynamic';

/**
 * Prometheus scrape endpoint: the admin token or the read-only metrics token as
 * Bearer (or a logged-in browser). One host today; the fleet passes its hosts.
 */
export const GET = withAuth(
  async () => new Response(renderExposition(await collectMetrics([currentHost()])), { headers: { 'content-type': EXPOSITION_CONTENT_TYPE } }),
  { metricsToken: true },
);
