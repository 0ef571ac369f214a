'use client';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { CheckCircle2, CircleSlash, Loader2, XCircle } from 'lucide-react';
import { hostPage } from '@/lib/contracts/hosts';
import type { FleetRow } from '@/lib/contracts/fleet';
import { Badge } from '@/components/ui/badge';

export interface HostRef {
  id: string;
  name: string;
}

type SortKey = 'health' | 'name' | 'snapd' | 'microk8s' | 'required' | 'denials';

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'health', label: 'Host' },
  { key: 'snapd', label: 'snapd' },
  { key: 'microk8s', label: 'MicroK8s' },
  { key: 'required', label: 'Required interfaces' },
  { key: 'denials', label: 'Denials (1 h)' },
];

function compare(key: SortKey): (a: FleetRow, b: FleetRow) => number {
  const byName = (a: FleetRow, b: FleetRow) => a.name.localeCompare(b.name, undefined, { numeric: true });
  switch (key) {
    case 'health':
      return (a, b) => b.severity - a.severity || byName(a, b);
    case 'name':
      return byName;
    case 'snapd':
      return (a, b) => (a.snapdVersion ?? '').localeCompare(b.snapdVersion ?? '', undefined, { numeric: true }) || byName(a, b);
    case 'microk8s':
      return (a, b) => (a.microk8s?.channel ?? '').localeCompare(b.microk8s?.channel ?? '') || byName(a, b);
    case 'required':
      return (a, b) => (a.microk8s ? a.microk8s.requiredConnected - a.microk8s.requiredTotal : 1) - (b.microk8s ? b.microk8s.requiredConnected - b.microk8s.requiredTotal : 1) || byName(a, b);
    case 'denials':
      return (a, b) => (b.denialsLastHour ?? -1) - (a.denialsLastHour ?? -1) || byName(a, b);
  }
}

function HealthIcon({ row }: { row: FleetRow }) {
  if (!row.reachable) return <CircleSlash aria-label="not reachable" className="h-4 w-4 text-slate-500" />;
  if (row.severity >= 2) return <XCircle aria-label="needs attention" className="h-4 w-4 text-rose-600" />;
  if (row.severity === 1) return <XCircle aria-label="warning" className="h-4 w-4 text-amber-600" />;
  return <CheckCircle2 aria-label="healthy" className="h-4 w-4 text-emerald-600" />;
}

/** One row per host, the unhealthy first; hosts not read yet show as such, never as healthy. */
export function FleetTable({ hosts, rows, ownHostId }: { hosts: HostRef[]; rows: FleetRow[] | undefined; ownHostId: string }) {
  const [sort, setSort] = useState<SortKey>('health');
  const sorted = useMemo(() => (rows ? [...rows].sort(compare(sort)) : null), [rows, sort]);
  const link = (id: string, path: string) => hostPage(id === ownHostId ? null : id, path);
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <table className="w-full text-left text-sm" data-testid="fleet-table">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600 dark:border-slate-800 dark:bg-slate-800/60 dark:text-slate-300">
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} scope="col" className="px-4 py-2.5" aria-sort={sort === c.key ? (c.key === 'health' || c.key === 'denials' ? 'descending' : 'ascending') : 'none'}>
                <button type="button" onClick={() => setSort(c.key)} className="uppercase hover:text-slate-900 dark:hover:text-white">
                  {c.label}
                  {sort === c.key ? ' ▾' : ''}
                </button>
              </th>
            ))}
            <th scope="col" className="px-4 py-2.5">What needs attention</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {sorted
            ? sorted.map((r) => (
                <tr key={r.id} data-testid={`fleet-row-${r.id}`} data-severity={r.severity}>
                  <td className="px-4 py-2.5">
                    <div className="flex items-center gap-2">
                      <HealthIcon row={r} />
                      <Link href={link(r.id, '/')} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                        {r.name}
                      </Link>
                    </div>
                    <p className="ml-6 font-mono text-xs text-slate-500">{r.hostname ?? '—'}{r.transport === 'demo' ? ' · simulated' : r.transport === 'ssh' ? ' · ssh' : ''}</p>
                  </td>
                  <td className="px-4 py-2.5 font-mono text-xs">
                    {r.snapdVersion ?? '—'}
                    {r.confinement ? <div><Badge tone={r.confinement === 'strict' ? 'good' : 'warn'}>{r.confinement}</Badge></div> : null}
                  </td>
                  <td className="px-4 py-2.5 text-xs">
                    {r.microk8s ? (
                      <>
                        <span className="font-mono">{r.microk8s.version}</span> <span className="text-slate-500">{r.microk8s.channel}</span>
                        <div className="mt-0.5 flex gap-1">
                          <Badge tone={r.microk8s.strict ? 'info' : 'neutral'}>{r.microk8s.strict ? 'strict' : 'classic'}</Badge>
                          {r.microk8s.running === null ? null : <Badge tone={r.microk8s.running ? 'good' : 'bad'}>{r.microk8s.running ? 'running' : 'not running'}</Badge>}
                        </div>
                      </>
                    ) : r.reachable ? (
                      <span className="text-slate-500">not installed</span>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="px-4 py-2.5 tabular-nums">
                    {r.microk8s?.strict ? (
                      <Link href={link(r.id, '/addons')} className={r.microk8s.requiredConnected < r.microk8s.requiredTotal ? 'font-medium text-rose-700 hover:underline dark:text-rose-300' : 'hover:underline'}>
                        {r.microk8s.requiredConnected} / {r.microk8s.requiredTotal}
                      </Link>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="px-4 py-2.5 tabular-nums">
                    {r.denialsLastHour === null ? '—' : <Link href={link(r.id, '/denials')} className="hover:underline">{r.denialsLastHour}</Link>}
                  </td>
                  <td className="px-4 py-2.5 text-xs">
                    {r.issues.length ? (
                      <ul className="space-y-0.5">
                        {r.issues.map((i) => (
                          <li key={i} className="break-words">{i}</li>
                        ))}
                      </ul>
                    ) : (
                      <span className="text-emerald-700 dark:text-emerald-400">nothing</span>
                    )}
                  </td>
                </tr>
              ))
            : hosts.map((h) => (
                <tr key={h.id}>
                  <td className="px-4 py-2.5" colSpan={6}>
                    <span className="inline-flex items-center gap-2 text-slate-500">
                      <Loader2 aria-hidden className="h-4 w-4 animate-spin" /> {h.name}: asking the host…
                    </span>
                  </td>
                </tr>
              ))}
        </tbody>
      </table>
    </div>
  );
}
