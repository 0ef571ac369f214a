import type { Metadata } from 'next';
import { requirePageSession } from '@/lib/auth/page-guard';
import { fallbackFor } from '@/lib/server/fallback';
import { snapSummaries, systemOverview } from '@/lib/snap/queries';
import { SwrFallback } from '@/components/ui/swr-fallback';
import { Overview } from '@/components/connections/overview';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage() {
  await requirePageSession();
  const fallback = await fallbackFor({
    '/api/system': systemOverview,
    '/api/snaps': async () => ({ snaps: await snapSummaries() }),
  });
  return (
    <SwrFallback fallback={fallback}>
      <Overview />
    </SwrFallback>
  );
}
