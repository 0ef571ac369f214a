'use client';
import { ShieldX } from 'lucide-react';
import { HostLink } from '@/components/layout/host-link';
import { Card } from '@/components/ui/card';
import { useDenials } from '@/lib/hooks/use-denials';
import { UNKNOWN_SNAP } from '@/lib/contracts/denials';

const QUERY = { snap: null, kind: null, range: '24h', limit: 1 } as const;
const NOISIEST = 3;

/** The last day's denials: how many, from which snaps, and where to read them. */
export function DenialsCard() {
  const { data, error } = useDenials(QUERY);
  const snaps = data?.snaps ?? [];
  return (
    <Card>
      <h2 className="mb-3 flex items-center gap-2 font-semibold">
        <ShieldX aria-hidden className="h-5 w-5 text-rose-600" /> Denials, last 24 hours
      </h2>
      {!data ? (
        <p className="text-sm text-slate-500">{error ? 'Unknown: the kernel log could not be read.' : 'Reading the kernel log…'}</p>
      ) : !data.attempts.some((a) => a.ok) ? (
        // no source read: "0 denials" would be a claim about a log nobody read (review problem 9)
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="overview-denials-unread">
          {data.attempts.some((a) => a.notInSnapshot) ? 'Not in the snapshot: it holds no kernel log.' : 'Unknown: no kernel log source could be read.'}{' '}
          <HostLink href="/denials" className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">Details →</HostLink>
        </p>
      ) : (
        <div className="space-y-2 text-sm" data-testid="overview-denials">
          <p>
            <span className="text-2xl font-semibold tabular-nums" data-testid="overview-denials-total">{data.total}</span> denials from {snaps.length} snap{snaps.length === 1 ? '' : 's'}
            {data.dropped ? <span className="text-amber-700 dark:text-amber-400"> ({data.dropped} more dropped by the kernel)</span> : null}
          </p>
          {snaps.length ? (
            <ul className="space-y-1">
              {snaps.slice(0, NOISIEST).map((s) => (
                <li key={s.snap} className="flex justify-between gap-4">
                  {s.snap === UNKNOWN_SNAP ? <span>{s.snap}</span> : <HostLink href={`/denials?snap=${encodeURIComponent(s.snap)}`} className="text-indigo-700 hover:underline dark:text-indigo-300">{s.snap}</HostLink>}
                  <span className="tabular-nums text-slate-600 dark:text-slate-400">{s.count}</span>
                </li>
              ))}
              {snaps.length > NOISIEST ? <li className="text-slate-600 dark:text-slate-400">and {snaps.length - NOISIEST} more snaps</li> : null}
            </ul>
          ) : null}
          <HostLink href="/denials" className="font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300">All denials, explained →</HostLink>
        </div>
      )}
    </Card>
  );
}
