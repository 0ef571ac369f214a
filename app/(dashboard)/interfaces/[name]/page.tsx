import type { Metadata } from 'next';
import { requirePageSession } from '@/lib/auth/page-guard';
import { fallbackFor } from '@/lib/server/fallback';
import { interfaceDetail } from '@/lib/snap/queries';
import { isValidPlugOrSlotName } from '@/lib/validation/names';
import { SwrFallback } from '@/components/ui/swr-fallback';
import { InterfaceDetailPanel } from '@/components/connections/interface-detail';

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }): Promise<Metadata> {
  const { name } = await params;
  return { title: `${name.slice(0, 60)} interface` };
}

export default async function InterfacePage({ params }: { params: Promise<{ name: string }> }) {
  await requirePageSession();
  const { name } = await params;
  const fallback = isValidPlugOrSlotName(name) ? await fallbackFor({ [`/api/interfaces/${encodeURIComponent(name)}`]: () => interfaceDetail(name) }) : {};
  return (
    <SwrFallback fallback={fallback}>
      <InterfaceDetailPanel name={name} />
    </SwrFallback>
  );
}
