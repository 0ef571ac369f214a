import type { Metadata } from 'next';
import { requirePageSession } from '@/lib/auth/page-guard';
import { fallbackFor } from '@/lib/http/fallback';
import { currentHost } from '@/lib/host';
import { snapDetail } from '@/lib/snap/detail';
import { snapKey } from '@/lib/contracts/snaps';
import { SwrFallback } from '@/components/ui/swr-fallback';
import { SnapDetailView } from '@/components/snaps/snap-detail';

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }): Promise<Metadata> {
  const { name } = await params;
  return { title: name.slice(0, 40) };
}

export default async function SnapPage({ params }: { params: Promise<{ name: string }> }) {
  await requirePageSession();
  const { name } = await params;
  const host = currentHost();
  const fallback = await fallbackFor({ [snapKey(name)]: () => snapDetail(host, name) });
  return (
    <SwrFallback fallback={fallback}>
      <SnapDetailView name={name} />
    </SwrFallback>
  );
}
