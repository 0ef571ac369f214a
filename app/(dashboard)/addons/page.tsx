import type { Metadata } from 'next';
import { requirePageSession } from '@/lib/auth/page-guard';
import { fallbackFor } from '@/lib/server/fallback';
import { microk8sOverview } from '@/lib/microk8s/queries';
import { SwrFallback } from '@/components/ui/swr-fallback';
import { AddonsPage } from '@/components/addons/addons-page';

export const metadata: Metadata = { title: 'MicroK8s addons' };

export default async function Page() {
  await requirePageSession();
  const fallback = await fallbackFor({ '/api/microk8s': microk8sOverview });
  return (
    <SwrFallback fallback={fallback}>
      <AddonsPage />
    </SwrFallback>
  );
}
