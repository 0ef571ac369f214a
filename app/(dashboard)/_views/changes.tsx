import { requirePageSession } from '@/lib/auth/page-guard';
import { fallbackFor } from '@/lib/http/fallback';
import { listChanges } from '@/lib/snap/changes';
import { changesKey } from '@/lib/contracts/changes';
import { SwrFallback } from '@/components/ui/swr-fallback';
import { ChangesView } from '@/components/changes/changes-view';
import { hostForPage } from './host';

export async function ChangesPage({ hostId }: { hostId: string | null }) {
  await requirePageSession();
  const host = hostForPage(hostId);
  const fallback = await fallbackFor({ [changesKey(hostId)]: async () => ({ changes: (await listChanges(host)).reverse() }) });
  return (
    <SwrFallback fallback={fallback}>
      <ChangesView />
    </SwrFallback>
  );
}
