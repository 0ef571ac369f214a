import type { Metadata } from 'next';
import { requirePageSession } from '@/lib/auth/page-guard';
import { fallbackFor } from '@/lib/server/fallback';
import { snapSummaries } from '@/lib/snap/queries';
import { SwrFallback } from '@/components/ui/swr-fallback';
import { SnapsTable } from '@/components/connections/snaps-table';

export const metadata: Metadata = { title: 'Snaps' };

export default async function SnapsPage() {
  await requirePageSession();
  const fallback = await fallbackFor({ '/api/snaps': async () => ({ snaps: await snapSummaries() }) });
  return (
    <SwrFallback fallback={fallback}>
      <SnapsTable />
    </SwrFallback>
  );
}
