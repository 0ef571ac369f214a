import type { Metadata } from 'next';
import { requirePageSession } from '@/lib/auth/page-guard';
import { fallbackFor } from '@/lib/http/fallback';
import { currentHost } from '@/lib/host';
import { snapSummaries, systemOverview } from '@/lib/snap/queries';
import { SYSTEM_KEY } from '@/lib/contracts/system';
import { SNAPS_KEY } from '@/lib/contracts/snaps';
import { SwrFallback } from '@/components/ui/swr-fallback';
import { Overview } from '@/components/overview/overview';
import { hostTitle } from './host-title';

export async function generateMetadata(): Promise<Metadata> {
  return { title: { absolute: await hostTitle('Overview') } };
}

export default async function OverviewPage() {
  await requirePageSession();
  const host = currentHost();
  const fallback = await fallbackFor({
    [SYSTEM_KEY]: () => systemOverview(host),
    [SNAPS_KEY]: async () => ({ snaps: await snapSummaries(host) }),
  });
  return (
    <SwrFallback fallback={fallback}>
      <Overview />
    </SwrFallback>
  );
}
