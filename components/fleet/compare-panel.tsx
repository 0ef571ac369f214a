'use client';
import { useState } from 'react';
import { useFleetCompare } from '@/lib/hooks/use-fleet';
import { Card } from '@/components/ui/card';
import { ProblemMessage } from '@/components/ui/problem';
import type { HostRef } from './fleet-table';

/** One snap's connections on several hosts, side by side: the rows where they differ first, marked. */
export function ComparePanel({ hosts }: { hosts: HostRef[] }) {
  const [snap, setSnap] = useState('microk8s');
  const [chosen, setChosen] = useState<string[]>(() => hosts.slice(0, 3).map((h) => h.id));
  const [onlyDiff, setOnlyDiff] = useState(true);
  const { data, error, loading } = useFleetCompare(snap.trim() || null, chosen);
  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));
  const shown = data ? data.plugs.filter((p) => !onlyDiff || p.differs) : [];
  return (
    <Card>
      <h2 className="mb-1 font-semibold">Compare hosts</h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">A snap&apos;s plugs on each host, and what each is connected to.</p>
      <div className="mb-3 flex flex-wrap items-center gap-3 text-sm">
        <label className="flex items-center gap-2">
          Snap
          <input value={snap} onChange={(e) => setSnap(e.target.value)} className="w-40 rounded-md border border-slate-300 bg-white px-2 py-1 font-mono dark:border-slate-600 dark:bg-slate-900" data-testid="compare-snap" />
        </label>
        <fieldset className="flex flex-wrap items-center gap-2">
          <legend className="sr-only">Hosts to compare</legend>
          {hosts.map((h) => (
            <label key={h.id} className="inline-flex items-center gap-1">
              <input type="checkbox" checked={chosen.includes(h.id)} onChange={() => toggle(h.id)} data-testid={`compare-host-${h.id}`} />
              {h.name}
            </label>
          ))}
        </fieldset>
        <label className="inline-flex items-center gap-1">
          <input type="checkbox" checked={onlyDiff} onChange={(e) => setOnlyDiff(e.target.checked)} /> only differences
        </label>
      </div>
      {chosen.length < 2 ? <p className="text-sm text-slate-500">Choose at least two hosts.</p> : null}
      {error ? <ProblemMessage error={error} /> : null}
      {loading && !data ? <p className="text-sm text-slate-500">Reading the hosts…</p> : null}
      {data ? (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="compare-table">
            <thead className="text-xs uppercase text-slate-600 dark:text-slate-300">
              <tr>
                <th scope="col" className="px-2 py-1.5">Plug</th>
                {data.hosts.map((h) => (
                  <th key={h.id} scope="col" className="px-2 py-1.5">
                    {h.name}
                    <div className="font-mono normal-case text-slate-500">{h.error ? h.error : `${h.version ?? ''} (${h.revision ?? '?'})`}</div>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {shown.map((p) => (
                <tr key={p.plug} data-testid={`compare-row-${p.plug}`} data-differs={p.differs} className={p.differs ? 'bg-amber-50 dark:bg-amber-950/40' : undefined}>
                  <th scope="row" className="px-2 py-1.5 font-mono text-xs font-medium">
                    {p.plug}
                    {p.differs ? <span className="ml-1 text-amber-700 dark:text-amber-400">≠</span> : null}
                    <div className="font-normal text-slate-500">{p.interface}</div>
                  </th>
                  {data.hosts.map((h) => {
                    const cell = p.hosts[h.id];
                    return (
                      <td key={h.id} className="px-2 py-1.5 font-mono text-xs">
                        {!cell ? '—' : !cell.present ? <span className="text-slate-500">no such plug</span> : cell.slots.length ? cell.slots.join(', ') : <span className="text-rose-700 dark:text-rose-300">not connected</span>}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length === 0 ? <p className="p-2 text-sm text-slate-600 dark:text-slate-400">{data.plugs.length ? 'The hosts agree on every plug.' : 'No plugs to compare.'}</p> : null}
        </div>
      ) : null}
    </Card>
  );
}
