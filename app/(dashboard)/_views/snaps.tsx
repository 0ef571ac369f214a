import { requirePageSession } from '@/lib/auth/page-guard';
import { fallbackFor } from '@/lib/http/fallback';
import { loadOrNotFound } from '@/lib/http/page-data';
import { snapSummaries } from '@/lib/snap/queries';
import { snapDetail } from '@/lib/snap/detail';
import { snapKey, snapsKey } from '@/lib/contracts/snaps';
import { SwrFallback } from '@/components/ui/swr-fallback';
import { SnapsTable } from '@/components/snaps/snaps-table';
import { SnapDetailView } from '@/components/snaps/snap-detail';
import { hostForPage } from './host';

export async function SnapsPage({ hostId }: { hostId: string | null }) {
  await requirePageSession();
  const host = hostForPage(hostId);
  const fallback = await fallbackFor({ [snapsKey(hostId)]: async () => ({ snaps: await snapSummaries(host) }) });
  return (
    <SwrFallback fallback={fallback}>
      <SnapsTable />
    </SwrFallback>
  );
}

export async function SnapPage({ hostId, name }: { hostId: string | null; name: string }) {
  await requirePageSession();
  const host = hostForPage(hostId);
  // An unknown snap (or a name snapd would refuse) is a 404 page, not a 200 with an error.
  const detail = await loadOrNotFound(() => snapDetail(host, name));
  const fallback = detail ? { [snapKey(hostId, name)]: detail } : {};
  return (
    <SwrFallback fallback={fallback}>
      <SnapDetailView name={name} />
    </SwrFallback>
  );
}
