import { requirePageSession } from '@/lib/auth/page-guard';
import { fallbackFor } from '@/lib/http/fallback';
import { hostForPage } from './host';
import { snapSummaries, systemOverview } from '@/lib/snap/queries';
import { systemKey } from '@/lib/contracts/system';
import { snapsKey } from '@/lib/contracts/snaps';
import { SwrFallback } from '@/components/ui/swr-fallback';
import { Overview } from '@/components/overview/overview';

export async function OverviewPage({ hostId }: { hostId: string | null }) {
  await requirePageSession();
  const host = hostForPage(hostId);
  const fallback = await fallbackFor({
    [systemKey(hostId)]: () => systemOverview(host),
    [snapsKey(hostId)]: async () => ({ snaps: await snapSummaries(host) }),
  });
  return (
    <SwrFallback fallback={fallback}>
      <Overview />
    </SwrFallback>
  );
}
