import { withAuth } from '@/lib/auth/with-auth';
import { allHosts } from '@/lib/host';
import { collectMetrics } from '@/lib/metrics/collect';
import { EXPOSITION_CONTENT_TYPE, renderExposition } from '@/lib/metrics/exposition';

export const dynamic = 'force-dynamic';

/**
 * Prometheus scrape endpoint: the admin token or the read-only metrics token as
 * Bearer (or a logged-in browser). Every host of the dashboard, each series labelled with it.
 */
export const GET = withAuth(
  async () => new Response(renderExposition(await collectMetrics(allHosts())), { headers: { 'content-type': EXPOSITION_CONTENT_TYPE } }),
  { metricsToken: true },
);
