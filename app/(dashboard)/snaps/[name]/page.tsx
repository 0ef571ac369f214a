import type { Metadata } from 'next';
import { requirePageSession } from '@/lib/auth/page-guard';
import { fallbackFor } from '@/lib/server/fallback';
import { snapDetail } from '@/lib/snap/detail';
import { SwrFallback } from '@/components/ui/swr-fallback';
import { SnapDetailView } from '@/components/connections/snap-detail';

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }): Promise<Metadata> {
  const { name } = await params;
  return { title: name.slice(0, 40) };
}

export default async function SnapPage({ params }: { params: Promise<{ name: string }> }) {
  await requirePageSession();
  const { name } = await params;
  const fallback = await fallbackFor({ [`/api/snaps/${encodeURIComponent(name)}`]: () => snapDetail(name) });
  return (
    <SwrFallback fallback={fallback}>
      <SnapDetailView name={name} />
    </SwrFallback>
  );
}
