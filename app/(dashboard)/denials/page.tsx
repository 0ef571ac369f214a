import type { Metadata } from 'next';
import { requirePageSession } from '@/lib/auth/page-guard';
import { fallbackFor } from '@/lib/server/fallback';
import { recentDenials } from '@/lib/denials/service';
import { sinceOf } from '@/lib/denials/filter';
import { SwrFallback } from '@/components/ui/swr-fallback';
import { DenialsPage, DENIAL_GROUP_LIMIT } from '@/components/denials/denials-page';

export const metadata: Metadata = { title: 'Denials' };

export default async function Page() {
  await requirePageSession();
  const fallback = await fallbackFor({ [`/api/denials?range=24h&limit=${DENIAL_GROUP_LIMIT}`]: () => recentDenials({ since: sinceOf('24h'), limit: DENIAL_GROUP_LIMIT }) });
  return (
    <SwrFallback fallback={fallback}>
      <DenialsPage />
    </SwrFallback>
  );
}
