import type { Metadata } from 'next';
import { requirePageSession } from '@/lib/auth/page-guard';
import { fallbackFor } from '@/lib/http/fallback';
import { currentHost } from '@/lib/host';
import { microk8sOverview } from '@/lib/microk8s/queries';
import { MICROK8S_KEY } from '@/lib/contracts/microk8s';
import { SwrFallback } from '@/components/ui/swr-fallback';
import { AddonsView } from '@/components/addons/addons-view';

export const metadata: Metadata = { title: 'MicroK8s addons' };

export default async function Page() {
  await requirePageSession();
  const host = currentHost();
  const fallback = await fallbackFor({ [MICROK8S_KEY]: () => microk8sOverview(host) });
  return (
    <SwrFallback fallback={fallback}>
      <AddonsView />
    </SwrFallback>
  );
}
