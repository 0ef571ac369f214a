import type { Metadata } from 'next';
import { requirePageSession } from '@/lib/auth/page-guard';
import { fallbackFor } from '@/lib/http/fallback';
import { currentHost } from '@/lib/host';
import { interfaceDetail } from '@/lib/snap/queries';
import { isValidPlugOrSlotName } from '@/lib/validation/names';
import { interfaceKey } from '@/lib/contracts/interfaces';
import { SwrFallback } from '@/components/ui/swr-fallback';
import { InterfaceDetailPanel } from '@/components/interfaces/interface-detail';

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }): Promise<Metadata> {
  const { name } = await params;
  return { title: `${name.slice(0, 60)} interface` };
}

export default async function InterfacePage({ params }: { params: Promise<{ name: string }> }) {
  await requirePageSession();
  const { name } = await params;
  const host = currentHost();
  const fallback = isValidPlugOrSlotName(name) ? await fallbackFor({ [interfaceKey(name)]: () => interfaceDetail(host, name) }) : {};
  return (
    <SwrFallback fallback={fallback}>
      <InterfaceDetailPanel name={name} />
    </SwrFallback>
  );
}
