import { requirePageSession } from '@/lib/auth/page-guard';
import { fallbackFor } from '@/lib/http/fallback';
import { recentDenials } from '@/lib/denials/service';
import { DEFAULT_DENIAL_RANGE, DENIAL_GROUP_LIMIT, denialsKey, sinceOf } from '@/lib/contracts/denials';
import { SwrFallback } from '@/components/ui/swr-fallback';
import { DenialsView } from '@/components/denials/denials-view';
import { hostForPage } from './host';

export async function DenialsPage({ hostId }: { hostId: string | null }) {
  await requirePageSession();
  const host = hostForPage(hostId);
  // The key the view's first request uses: the contract builds both.
  const first = { range: DEFAULT_DENIAL_RANGE, limit: DENIAL_GROUP_LIMIT };
  const fallback = await fallbackFor({ [denialsKey(hostId, first)]: () => recentDenials(host, { since: sinceOf(first.range), limit: first.limit }) });
  return (
    <SwrFallback fallback={fallback}>
      <DenialsView />
    </SwrFallback>
  );
}
