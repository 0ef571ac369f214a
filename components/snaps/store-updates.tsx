'use client';
import { HostLink } from '@/components/layout/host-link';
import { useAvailableRefreshes } from '@/lib/hooks/use-refreshes';

/**
 * What the store would refresh on this host and which snaps hold their refreshes, in one line each.
 * A store that could not be asked is said plainly, with snapd's words: never "up to date".
 */
export function StoreUpdates() {
  const { data, error } = useAvailableRefreshes();
  if (error) return null; // the page's own read already shows a snapd problem
  return (
    <section aria-label="Refreshes from the store" className="mb-4 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm dark:border-slate-800 dark:bg-slate-900" data-testid="store-updates">
      {!data ? (
        <p className="text-slate-500">Asking the store for refreshes (snap refresh --list)…</p>
      ) : data.updates === null ? (
        <p data-testid="store-problem">
          <span className="font-medium">Refreshes unknown:</span> snapd could not ask the store: <span className="font-mono text-xs">{data.storeProblem}</span>
        </p>
      ) : data.updates.length === 0 ? (
        <p data-testid="store-up-to-date">The store has no refreshes for this host’s snaps (snap refresh --list: all snaps up to date).</p>
      ) : (
        <div>
          <p className="font-medium">{data.updates.length} refresh{data.updates.length === 1 ? '' : 'es'} available from the store:</p>
          <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1" data-testid="store-update-list">
            {data.updates.map((u) => (
              <li key={u.name} data-testid={`store-update-${u.name}`}>
                <HostLink href={`/snaps/${u.name}`} className="font-mono text-indigo-700 hover:underline dark:text-indigo-300">{u.name}</HostLink>{' '}
                <span className="font-mono text-xs">{u.version} (rev {u.revision}, {u.size})</span>
                {u.tracking ? <span className="text-xs text-slate-500"> from {u.tracking}</span> : null}
                {u.held ? <span className="text-xs font-medium text-amber-700 dark:text-amber-300"> · held</span> : null}
              </li>
            ))}
          </ul>
        </div>
      )}
      {data && data.held.length ? (
        <p className="mt-1" data-testid="store-held">
          Refreshes held for: <span className="font-mono">{data.held.join(', ')}</span> (snap refresh --hold; release with snap refresh --unhold NAME).
        </p>
      ) : null}
    </section>
  );
}
