'use client';
import { HostLink } from '@/components/layout/host-link';
import { useDeferredValue, useMemo, useState } from 'react';
import { useInterfaces } from '@/lib/hooks/use-interfaces';
import { PageHeader } from '@/components/ui/page-header';
import { ProblemMessage } from '@/components/ui/problem';
import { RiskBadge } from '@/components/ui/snap-badges';
import { VirtualRows } from '@/components/ui/virtual-rows';
import { TableFrame } from '@/components/ui/table';
import { FilterSelect, SearchInput } from '@/components/ui/filters';
import type { InterfaceRisk } from '@/lib/snap/interface-info';
import type { InterfaceUsage } from '@/lib/snap/types';

function endpoints(list: { snap: string; name: string; connected: boolean }[]) {
  const shown = list.slice(0, 4);
  return (
    <span className="text-xs">
      {shown.map((e, i) => (
        <span key={`${e.snap}:${e.name}`}>
          {i > 0 ? ', ' : ''}
          <span className={e.connected ? 'text-slate-800 dark:text-slate-200' : 'text-slate-500'}>
            {e.snap === 'system' ? 'system' : e.snap}:{e.name}
          </span>
        </span>
      ))}
      {list.length > shown.length ? <span className="text-slate-500"> +{list.length - shown.length} more</span> : null}
    </span>
  );
}

export function InterfacesTable() {
  const { data, error, mutate } = useInterfaces();
  const interfaces = data?.interfaces;
  const [query, setQuery] = useState('');
  const [risk, setRisk] = useState<'all' | InterfaceRisk>('all');
  const q = useDeferredValue(query.trim().toLowerCase());
  const rows = useMemo(
    () => (interfaces ?? []).filter((i) => (!q || i.name.includes(q) || (i.summary ?? '').toLowerCase().includes(q) || i.plugs.some((p) => p.snap.includes(q))) && (risk === 'all' || i.info.risk === risk)),
    [interfaces, q, risk],
  );
  return (
    <div>
      <PageHeader title="Interfaces" description="Every interface some snap plugs or offers, with snapd's summary, who asks for it and who provides it." />
      {error ? <ProblemMessage className="mb-4" error={error} onRetry={() => void mutate()} /> : null}
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <SearchInput label="Search interfaces" value={query} onChange={setQuery} placeholder="Search by interface, summary or snap" />
        <FilterSelect<'all' | InterfaceRisk>
          label="Risk"
          value={risk}
          onChange={setRisk}
          options={[['all', 'All'], ['critical', 'critical'], ['high', 'high'], ['medium', 'medium'], ['low', 'low'], ['unknown', 'unknown']]}
        />
      </div>
      <p className="mb-2 text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
        {interfaces ? `${rows.length} of ${interfaces.length} interfaces in use` : 'Loading…'}
      </p>
      <TableFrame testId="interfaces-table" columns={['Interface', 'Summary', 'Risk', 'Plugged by', 'Offered by', { label: 'Connections', right: true }]}>
          <VirtualRows<InterfaceUsage>
            items={rows}
            rowHeight={52}
            columns={6}
            getKey={(i) => i.name}
            renderRow={(i) => (
              <>
                <td className="px-4 py-2">
                  <HostLink href={`/interfaces/${i.name}`} className="font-mono font-medium text-indigo-700 hover:underline dark:text-indigo-300">{i.name}</HostLink>
                </td>
                <td className="max-w-72 px-4 py-2 text-slate-700 dark:text-slate-300">{i.summary ?? i.info.title}</td>
                <td className="px-4 py-2"><RiskBadge risk={i.info.risk} title={i.info.riskReason} /></td>
                <td className="max-w-64 px-4 py-2">{i.plugs.length ? endpoints(i.plugs) : <span className="text-slate-400">—</span>}</td>
                <td className="max-w-64 px-4 py-2">{i.slots.length ? endpoints(i.slots) : <span className="text-xs text-slate-500">the system (not connected yet)</span>}</td>
                <td className="px-4 py-2 text-right tabular-nums">{i.connections}</td>
              </>
            )}
          />
      </TableFrame>
    </div>
  );
}
