import type { Metadata } from 'next';
import { requirePageSession } from '@/lib/auth/page-guard';
import { fallbackFor } from '@/lib/http/fallback';
import { currentHost } from '@/lib/host';
import { interfacesInUse } from '@/lib/snap/queries';
import { INTERFACES_KEY } from '@/lib/contracts/interfaces';
import { SwrFallback } from '@/components/ui/swr-fallback';
import { InterfacesTable } from '@/components/interfaces/interfaces-table';

export const metadata: Metadata = { title: 'Interfaces' };

export default async function InterfacesPage() {
  await requirePageSession();
  const host = currentHost();
  const fallback = await fallbackFor({ [INTERFACES_KEY]: async () => ({ interfaces: await interfacesInUse(host) }) });
  return (
    <SwrFallback fallback={fallback}>
      <InterfacesTable />
    </SwrFallback>
  );
}
