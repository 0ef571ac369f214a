import { requirePageSession } from '@/lib/auth/page-guard';
import { fallbackFor } from '@/lib/http/fallback';
import { loadOrNotFound } from '@/lib/http/page-data';
import { notFound } from 'next/navigation';
import { interfaceDetail, interfacesInUse } from '@/lib/snap/queries';
import { isValidPlugOrSlotName } from '@/lib/validation/names';
import { interfaceKey, interfacesKey } from '@/lib/contracts/interfaces';
import { SwrFallback } from '@/components/ui/swr-fallback';
import { InterfacesTable } from '@/components/interfaces/interfaces-table';
import { InterfaceDetailPanel } from '@/components/interfaces/interface-detail';
import { hostForPage } from './host';

export async function InterfacesPage({ hostId }: { hostId: string | null }) {
  await requirePageSession();
  const host = hostForPage(hostId);
  const fallback = await fallbackFor({ [interfacesKey(hostId)]: async () => ({ interfaces: await interfacesInUse(host) }) });
  return (
    <SwrFallback fallback={fallback}>
      <InterfacesTable />
    </SwrFallback>
  );
}

export async function InterfacePage({ hostId, name }: { hostId: string | null; name: string }) {
  await requirePageSession();
  const host = hostForPage(hostId);
  if (!isValidPlugOrSlotName(name)) notFound();
  const detail = await loadOrNotFound(() => interfaceDetail(host, name));
  const fallback = detail ? { [interfaceKey(hostId, name)]: detail } : {};
  return (
    <SwrFallback fallback={fallback}>
      <InterfaceDetailPanel name={name} />
    </SwrFallback>
  );
}
