'use client';
import { HostLink } from '@/components/layout/host-link';
import { ArrowLeft } from 'lucide-react';
import { useInterface } from '@/lib/hooks/use-interfaces';
import { PageHeader } from '@/components/ui/page-header';
import { Card } from '@/components/ui/card';
import { ProblemMessage } from '@/components/ui/problem';
import { Badge } from '@/components/ui/badge';
import { RiskBadge } from '@/components/ui/snap-badges';
import type { Endpoint } from '@/lib/snap/parse';

function EndpointList({ items, empty }: { items: Endpoint[]; empty: string }) {
  if (items.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <ul className="flex flex-wrap gap-2">
      {items.map((e) => (
        <li key={`${e.snap}:${e.name}`}>
          <HostLink href={`/snaps/${e.snap === 'system' ? 'snapd' : e.snap}`} className="inline-block rounded-md bg-slate-100 px-2 py-1 font-mono text-xs hover:bg-slate-200 dark:bg-slate-800 dark:hover:bg-slate-700">
            {e.snap}:{e.name}
          </HostLink>
        </li>
      ))}
    </ul>
  );
}

export function InterfaceDetailPanel({ name }: { name: string }) {
  const { data, error, mutate } = useInterface(name);
  return (
    <div className="space-y-6">
      <HostLink href="/interfaces" className="inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white">
        <ArrowLeft aria-hidden className="h-4 w-4" /> All interfaces
      </HostLink>
      {error ? <ProblemMessage error={error} onRetry={() => void mutate()} /> : null}
      {data ? (
        <>
          <PageHeader
            title={<span className="flex flex-wrap items-center gap-3 font-mono">{data.name} <RiskBadge risk={data.info.risk} title={data.info.riskReason} />{data.info.superPrivileged ? <Badge tone="critical">super-privileged</Badge> : null}</span>}
            description={<>snapd: “{data.summary}”</>}
          />
          <Card>
            <h2 className="mb-2 font-semibold">{data.info.title}</h2>
            <p className="text-sm text-slate-700 dark:text-slate-300">{data.info.grants}</p>
            <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">Why {data.info.risk} risk: {data.info.riskReason}</p>
            <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{data.info.autoConnect ? 'snapd connects it automatically when a snap is installed.' : 'snapd does not connect it automatically: an admin connects it.'}</p>
            {data.documentation ? (
              <p className="mt-2 text-sm">
                <a href={data.documentation} rel="noreferrer noopener" target="_blank" className="text-indigo-700 underline dark:text-indigo-300">snapd documentation</a>
              </p>
            ) : null}
          </Card>
          <div className="grid gap-4 md:grid-cols-2">
            <Card>
              <h2 className="mb-3 font-semibold">Plugged by</h2>
              <EndpointList items={data.plugs} empty="No snap plugs this interface." />
            </Card>
            <Card>
              <h2 className="mb-3 font-semibold">Offered by</h2>
              <EndpointList items={data.slots} empty="No slot offers this interface." />
            </Card>
          </div>
        </>
      ) : !error ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : null}
    </div>
  );
}
