'use client';
import { HostLink } from '@/components/layout/host-link';
import { SearchInput } from '@/components/ui/filters';
import { ServicesCard } from './services-card';
import { useState } from 'react';
import { ArrowLeft } from 'lucide-react';
import { useSnap } from '@/lib/hooks/use-snaps';
import { PageHeader } from '@/components/ui/page-header';
import { Card } from '@/components/ui/card';
import { ProblemMessage } from '@/components/ui/problem';
import { ConfinementBadge, HealthBadge } from '@/components/ui/snap-badges';
import { DenialList } from '@/components/denials/denials-view';
import { PlugList, type PlugFilter } from './plug-list';
import { SlotList } from './slot-list';
import { RevisionChange } from './revision-change';
import { useRefreshes } from '@/lib/hooks/use-refreshes';

/** A snap with more slots than this (snapd has 142) gets a filter above them. */
const SLOT_FILTER_FROM = 10;

export function SnapDetailView({ name }: { name: string }) {
  const { data, error, mutate } = useSnap(name);
  const [show, setShow] = useState<PlugFilter>('all');
  const refreshes = useRefreshes(name);
  const [slotQuery, setSlotQuery] = useState('');

  if (!data) {
    return (
      <div>
        <BackLink />
        {error ? <ProblemMessage error={error} onRetry={() => void mutate()} /> : <p className="text-sm text-slate-500">Loading…</p>}
      </div>
    );
  }

  const s = data.snap;
  const unconnected = data.plugs.filter((p) => p.slots.length === 0).length;

  return (
    <div className="space-y-6">
      <BackLink />
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {s.name}
            <ConfinementBadge confinement={s.confinement} />
            <HealthBadge health={s.health} />
          </span>
        }
        description={
          <>
            <span className="font-mono">{s.version}</span> · revision {s.revision}
            {s.tracking ? <> · tracking <span className="font-mono">{s.tracking}</span></> : null}
            {s.publisher ? <> · by {s.publisher}{s.verified ? ' ✓' : ''}</> : null}
            {s.notes.length ? <> · notes: {s.notes.join(', ')}</> : null}
          </>
        }
      />
      {error ? <ProblemMessage error={error} onRetry={() => void mutate()} /> : null}
      {(refreshes.data?.revisions ?? []).map((v) => (
        <RevisionChange key={v.snap} view={v} />
      ))}
      {s.confinement === 'classic' ? (
        <p className="rounded-lg border border-rose-200 bg-rose-50 p-3 text-sm text-rose-900 dark:border-rose-800 dark:bg-rose-950/50 dark:text-rose-100">
          This snap uses <strong>classic</strong> confinement: it is not sandboxed and can reach the whole host, whatever its interfaces say.
        </p>
      ) : null}
      {s.confinement === 'devmode' ? (
        <p className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100">
          This snap runs in <strong>devmode</strong>: its confinement only logs violations (as ALLOWED), it does not block them.
        </p>
      ) : null}
      {s.health === 'blocked' || s.health === 'error' || s.health === 'waiting' ? (
        <div className="rounded-lg border border-rose-200 bg-rose-50 p-3 text-sm text-rose-900 dark:border-rose-800 dark:bg-rose-950/50 dark:text-rose-100" data-testid="snap-health">
          {data.health?.message ? (
            <p>
              The snap reports itself <strong>{s.health}</strong>: <q className="font-mono text-xs" data-testid="snap-health-message">{data.health.message}</q>
              {data.health.code ? <span className="text-xs"> (code {data.health.code})</span> : null}
            </p>
          ) : (
            <p>The snap reports itself <strong>{s.health}</strong>; its message could not be read from snapd.</p>
          )}
          {s.health === 'blocked' && !data.health?.message ? <p className="mt-1 text-xs">Snaps such as strict MicroK8s do this until the interfaces they need are connected: {unconnected} of its plugs are not connected.</p> : null}
        </div>
      ) : null}

      <ServicesCard snap={name} />

      <Card>
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 className="mb-1 font-semibold">Plugs</h2>
            <p className="text-sm text-slate-600 dark:text-slate-400">What this snap asks to use. A plug does nothing until it is connected to a slot.</p>
          </div>
          <div role="group" aria-label="Show plugs" className="inline-flex overflow-hidden rounded-md border border-slate-300 text-sm dark:border-slate-600">
            {(['all', 'unconnected', 'connected'] as const).map((v) => (
              <button
                key={v}
                type="button"
                aria-pressed={show === v}
                onClick={() => setShow(v)}
                className={`px-3 py-1.5 ${show === v ? 'bg-indigo-600 text-white' : 'bg-white hover:bg-slate-50 dark:bg-slate-800 dark:hover:bg-slate-700'}`}
              >
                {v === 'all' ? `All (${data.plugs.length})` : v === 'unconnected' ? `Not connected (${unconnected})` : `Connected (${data.plugs.length - unconnected})`}
              </button>
            ))}
          </div>
        </div>
        {s.name === 'microk8s' && s.health === 'blocked' ? (
          <p className="mb-3 text-sm">
            <HostLink href="/addons" className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">Connect all interfaces strict MicroK8s requires on the Addons page →</HostLink>
          </p>
        ) : null}
        {data.attrsSource === null ? (
          <p className="mb-3 text-xs text-slate-500" data-testid="attrs-note">Plug attributes (paths, flavours, content tags) could not be read from snapd.</p>
        ) : data.attrsSource.source === 'snap-interface' && data.attrsSource.snapYaml ? (
          <p className="mb-3 text-xs text-slate-500" data-testid="attrs-note">
            This snapd is older than 2.64: `snap interface --attrs` prints only simple attributes. Lists such as personal-files paths were read from the snap&apos;s meta/snap.yaml, the file snapd reads them from (marked <em>from snap.yaml</em>).
            {data.attrsSource.complete ? null : ' Some could not be read and are not shown.'}
          </p>
        ) : !data.attrsSource.complete ? (
          <p className="mb-3 text-xs text-slate-500" data-testid="attrs-note">This snapd is older than 2.64: `snap interface --attrs` shows only simple attributes, so lists such as personal-files paths are not shown.</p>
        ) : null}
        {data.plugs.length === 0 ? (
          <p className="text-sm text-slate-500">This snap declares no plugs.</p>
        ) : (
          <PlugList detail={data} show={show} />
        )}
      </Card>

      <Card>
        <h2 className="mb-1 font-semibold">Slots</h2>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">What this snap offers to other snaps.</p>
        {data.slots.length > SLOT_FILTER_FROM ? (
          <div className="mb-3 flex flex-wrap items-center gap-3">
            <SearchInput label="Filter slots" value={slotQuery} onChange={setSlotQuery} placeholder={`Filter ${data.slots.length} slots by name or interface`} />
          </div>
        ) : null}
        {data.slots.length === 0 ? (
          <p className="text-sm text-slate-500">This snap offers no slots.</p>
        ) : (
          <SlotList detail={data} filter={slotQuery} />
        )}
      </Card>

      <section aria-labelledby="snap-denials">
        <h2 id="snap-denials" className="mb-3 font-semibold">Recent denials of {name}</h2>
        <DenialList snap={name} />
      </section>
    </div>
  );
}

function BackLink() {
  return (
    <HostLink href="/snaps" className="mb-2 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white">
      <ArrowLeft aria-hidden className="h-4 w-4" /> All snaps
    </HostLink>
  );
}
