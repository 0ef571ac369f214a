import type { Metadata } from 'next';
import { requirePageSession } from '@/lib/auth/page-guard';
import { fallbackFor } from '@/lib/server/fallback';
import { interfacesInUse } from '@/lib/snap/queries';
import { SwrFallback } from '@/components/ui/swr-fallback';
import { InterfacesTable } from '@/components/connections/interfaces-table';

export const metadata: Metadata = { title: 'Interfaces' };

export default async function InterfacesPage() {
  await requirePageSession();
  const fallback = await fallbackFor({ '/api/interfaces': async () => ({ interfaces: await interfacesInUse() }) });
  return (
    <SwrFallback fallback={fallback}>
      <InterfacesTable />
    </SwrFallback>
  );
}
