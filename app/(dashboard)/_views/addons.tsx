import { requirePageSession } from '@/lib/auth/page-guard';
import { fallbackFor } from '@/lib/http/fallback';
import { microk8sOverview } from '@/lib/microk8s/queries';
import { microk8sKey } from '@/lib/contracts/microk8s';
import { SwrFallback } from '@/components/ui/swr-fallback';
import { AddonsView } from '@/components/addons/addons-view';
import { hostForPage } from './host';

export async function AddonsPage({ hostId }: { hostId: string | null }) {
  await requirePageSession();
  const host = hostForPage(hostId);
  const fallback = await fallbackFor({ [microk8sKey(hostId)]: () => microk8sOverview(host) });
  return (
    <SwrFallback fallback={fallback}>
      <AddonsView />
    </SwrFallback>
  );
}
