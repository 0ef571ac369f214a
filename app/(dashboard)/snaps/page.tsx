import type { Metadata } from 'next';
import { requirePageSession } from '@/lib/auth/page-guard';
import { fallbackFor } from '@/lib/http/fallback';
import { currentHost } from '@/lib/host';
import { snapSummaries } from '@/lib/snap/queries';
import { SNAPS_KEY } from '@/lib/contracts/snaps';
import { SwrFallback } from '@/components/ui/swr-fallback';
import { SnapsTable } from '@/components/snaps/snaps-table';

export const metadata: Metadata = { title: 'Snaps' };

export default async function SnapsPage() {
  await requirePageSession();
  const host = currentHost();
  const fallback = await fallbackFor({ [SNAPS_KEY]: async () => ({ snaps: await snapSummaries(host) }) });
  return (
    <SwrFallback fallback={fallback}>
      <SnapsTable />
    </SwrFallback>
  );
}
