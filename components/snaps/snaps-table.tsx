'use client';
import { HostLink } from '@/components/layout/host-link';
import { useDeferredValue, useMemo } from 'react';
import { useUrlFlag, useUrlState } from '@/lib/hooks/use-url-state';
import { useSnaps } from '@/lib/hooks/use-snaps';
import { PageHeader } from '@/components/ui/page-header';
import { StoreUpdates } from './store-updates';
import { ProblemMessage } from '@/components/ui/problem';
import { ConfinementBadge, HealthBadge } from '@/components/ui/snap-badges';
import { VirtualRows } from '@/components/ui/virtual-rows';
import { FilterSelect, SearchInput } from '@/components/ui/filters';
import { TableFrame } from '@/components/ui/table';
import type { Confinement } from '@/lib/snap/parse';
import type { SnapSummary } from '@/lib/snap/types';

type ConfinementFilter = 'all' | Confinement;
const CONFINEMENTS: readonly ConfinementFilter[] = ['all', 'strict', 'devmode', 'jailmode', 'classic'];
const SORT_KEYS = ['name', 'version', 'rev', 'tracking', 'confinement', 'publisher', 'plugs'] as const;
type SortKey = (typeof SORT_KEYS)[number];

function sortValue(s: SnapSummary, key: SortKey): string | number {
  switch (key) {
    case 'rev':
      return Number.parseInt(s.revision, 10) || 0;
    case 'plugs':
      return s.plugs.declared - s.plugs.connected;
    case 'tracking':
      return s.tracking ?? '';
    case 'publisher':
      return (s.publisher ?? '').toLowerCase();
    default:
      return String(s[key]);
  }
}

export function SnapsTable() {
  const { data, error, mutate } = useSnaps();
  const snaps = data?.snaps;
  // Filters and order live in the address: bookmarks, shared links and Back keep them.
  const [query, setQuery] = useUrlState<string>('q', '');
  const [confinement, setConfinement] = useUrlState<ConfinementFilter>('confinement', 'all', CONFINEMENTS);
  const [onlyUnconnected, setOnlyUnconnected] = useUrlFlag('unconnected');
  const [appsOnly, setAppsOnly] = useUrlFlag('apps');
  const [sortKey, setSortKey] = useUrlState<SortKey>('sort', 'name', SORT_KEYS);
  const [sortDir, setSortDir] = useUrlState<'asc' | 'desc'>('dir', 'asc', ['asc', 'desc']);
  const q = useDeferredValue(query.trim().toLowerCase());
  const column = (label: string, key: SortKey, right?: true) => ({
    label,
    ...(right ? { right } : {}),
    sort: {
      direction: sortKey === key ? (sortDir === 'asc' ? ('ascending' as const) : ('descending' as const)) : ('none' as const),
      onSort: () => {
        if (sortKey === key) setSortDir(sortDir === 'asc' ? 'desc' : 'asc');
        else {
          setSortKey(key);
          setSortDir('asc');
        }
      },
    },
  });

  const rows = useMemo(
    () =>
      (snaps ?? []).filter(
        (s) =>
          (!q || s.name.includes(q) || s.notes.some((n) => n.includes(q)) || (s.publisher ?? '').toLowerCase().includes(q)) &&
          (confinement === 'all' || s.confinement === confinement) &&
          (!onlyUnconnected || s.plugs.connected < s.plugs.declared) &&
          (!appsOnly || s.kind === 'app'),
      ).sort((a, b) => {
        const x = sortValue(a, sortKey);
        const y = sortValue(b, sortKey);
        const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
        return (sortDir === 'asc' ? c : -c) || a.name.localeCompare(b.name);
      }),
    [snaps, q, confinement, onlyUnconnected, appsOnly, sortKey, sortDir],
  );

  return (
    <div>
      <PageHeader title="Snaps" description="Every installed snap, its confinement, and how many of its plugs are connected." />
      <StoreUpdates />
      {error ? <ProblemMessage className="mb-4" error={error} onRetry={() => void mutate()} /> : null}
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <SearchInput label="Search snaps" value={query} onChange={setQuery} placeholder="Search by name, note or publisher" />
        <FilterSelect<ConfinementFilter>
          label="Confinement"
          value={confinement}
          onChange={setConfinement}
          options={CONFINEMENTS.map((c) => [c, c === 'all' ? 'All' : c])}
        />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={onlyUnconnected} onChange={(e) => setOnlyUnconnected(e.target.checked)} className="h-4 w-4" />
          With unconnected plugs
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={appsOnly} onChange={(e) => setAppsOnly(e.target.checked)} className="h-4 w-4" />
          Applications only
        </label>
      </div>
      <p className="mb-2 text-sm text-slate-600 dark:text-slate-400" aria-live="polite" data-testid="snaps-count">
        {snaps ? `${rows.length} of ${snaps.length} snaps` : 'Loading…'}
      </p>
      <TableFrame
        testId="snaps-table"
        columns={[column('Name', 'name'), column('Version', 'version'), column('Rev', 'rev'), column('Tracking', 'tracking'), column('Confinement', 'confinement'), 'Notes', column('Publisher', 'publisher'), column('Plugs connected', 'plugs', true)]}
        footer={snaps && rows.length === 0 ? <p className="p-6 text-center text-sm text-slate-500">No snap matches these filters.</p> : null}
      >
          <VirtualRows<SnapSummary>
            items={rows}
            rowHeight={44}
            columns={8}
            getKey={(s) => s.name}
            renderRow={(s) => (
              <>
                <td className="px-4 py-2">
                  <HostLink href={`/snaps/${s.name}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                    {s.name}
                  </HostLink>
                </td>
                <td className="max-w-40 truncate px-4 py-2 font-mono text-xs" title={s.version}>{s.version}</td>
                <td className="px-4 py-2 font-mono text-xs tabular-nums">{s.revision}</td>
                <td className="px-4 py-2 font-mono text-xs">{s.tracking ?? '—'}</td>
                <td className="px-4 py-2">
                  <span className="flex items-center gap-1">
                    <ConfinementBadge confinement={s.confinement} />
                    <HealthBadge health={s.health} />
                  </span>
                </td>
                <td className="px-4 py-2 text-slate-600 dark:text-slate-400">{s.notes.length ? s.notes.join(', ') : '—'}</td>
                <td className="px-4 py-2 text-slate-600 dark:text-slate-400">
                  {s.publisher ?? '—'}
                  {s.verified ? <span className="ml-1 text-emerald-700 dark:text-emerald-400" title="Verified publisher">✓</span> : null}
                </td>
                <td className="px-4 py-2 text-right tabular-nums">
                  {s.plugs.declared === 0 ? (
                    <span className="text-slate-400">—</span>
                  ) : (
                    <span className={s.plugs.connected < s.plugs.declared ? 'text-amber-700 dark:text-amber-400' : ''}>
                      {s.plugs.connected} / {s.plugs.declared}
                    </span>
                  )}
                </td>
              </>
            )}
          />
      </TableFrame>
    </div>
  );
}
