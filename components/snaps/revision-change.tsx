'use client';
import { RefreshCw } from 'lucide-react';
import type { RevisionChangeView } from '@/lib/contracts/refreshes';
import { HostLink } from '@/components/layout/host-link';
import { BatchBar } from '@/components/connections/batch-bar';

const KIND_WORD = { refresh: 'Refreshed', revert: 'Reverted', 'install-file': 'New revision installed from a file', 'auto-refresh': 'Auto-refreshed' } as const;

function when(iso: string | null): string {
  if (!iso) return 'still running';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC').replace(/Z$/, ' UTC');
}

/**
 * What a snap's current revision changed against the previous one: plugs and
 * slots added or removed, the new plugs left unconnected (with one action that
 * connects them all as a job), and the snapd change that installed it.
 */
export function RevisionChange({ view, link = false }: { view: RevisionChangeView; link?: boolean }) {
  const c = view.change;
  const changed = view.plugsAdded.length + view.plugsRemoved.length + view.slotsAdded.length + view.slotsRemoved.length;
  return (
    <div data-testid={`revision-change-${view.snap}`} data-unconnected={view.unconnectedNew.join(' ')} className={`rounded-lg border p-4 text-sm ${view.unconnectedNew.length ? 'border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950/40' : 'border-slate-200 dark:border-slate-700'}`}>
      <p className="flex flex-wrap items-center gap-2 font-medium">
        <RefreshCw aria-hidden className="h-4 w-4" />
        {link ? <HostLink href={`/snaps/${view.snap}`} className="font-mono text-indigo-700 hover:underline dark:text-indigo-300">{view.snap}</HostLink> : <span className="font-mono">{view.snap}</span>}
        <span data-testid="revision-summary">
          {c ? KIND_WORD[c.kind] : 'Revision changed'}: revision {view.previous.revision} ({view.previous.version}) → {view.current.revision} ({view.current.version})
          {c ? <> · snapd change <span className="font-mono">{c.id}</span>, {when(c.ready ?? c.spawn)}</> : ' · snapd no longer remembers the change'}
        </span>
      </p>
      {c ? <p className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">“{c.summary}”</p> : null}
      {view.error ? <p className="mt-2 text-rose-800 dark:text-rose-300">{view.error}</p> : null}
      {!view.error && changed === 0 ? <p className="mt-2 text-slate-600 dark:text-slate-400">Same plugs and slots as before.</p> : null}
      <ul className="mt-2 space-y-0.5">
        {view.plugsAdded.map((p) => (
          <li key={`pa-${p.name}`} data-testid={`new-plug-${p.name}`} data-connected={p.connected}>
            New plug <code>{p.name}</code> ({p.interface}) — {p.connected ? 'connected' : <strong>not connected</strong>}
          </li>
        ))}
        {view.plugsRemoved.map((p) => (
          <li key={`pr-${p.name}`}>
            Plug <code>{p.name}</code> ({p.interface}) removed — any connection it had is gone
          </li>
        ))}
        {view.slotsAdded.map((s) => (
          <li key={`sa-${s.name}`}>
            New slot <code>{s.name}</code> ({s.interface})
          </li>
        ))}
        {view.slotsRemoved.map((s) => (
          <li key={`sr-${s.name}`}>
            Slot <code>{s.name}</code> ({s.interface}) removed — snaps plugged into it lost that connection
          </li>
        ))}
      </ul>
      {view.plugsAdded.length ? (
        // Kept while its job is shown, after the plugs are connected.
        <div className="mt-3">
          <BatchBar connect={view.unconnectedNew.map((p) => ({ plug: `${view.snap}:${p}` }))} disconnect={[]} onFinished={() => undefined} testId={`connect-new-plugs-${view.snap}`} />
        </div>
      ) : null}
    </div>
  );
}
