'use client';
import { Suspense } from 'react';
import { useFleet } from '@/lib/hooks/use-fleet';
import { PageHeader } from '@/components/ui/page-header';
import { ProblemMessage } from '@/components/ui/problem';
import { FleetTable, type HostRef } from './fleet-table';
import { ComparePanel } from './compare-panel';
import { ProfilesPanel } from './profiles-panel';
import { HostsPanel } from './hosts-panel';

/** Every host at a glance, compared, and brought to one profile. */
export function FleetView({ hosts, ownHostId, simulated }: { hosts: HostRef[]; ownHostId: string; simulated: boolean }) {
  const { data, error, mutate } = useFleet();
  return (
    <div className="space-y-6">
      <PageHeader
        title="Fleet"
        description={`${hosts.length} host${hosts.length === 1 ? '' : 's'}: reachable or not, snapd, MicroK8s and its required interfaces, recent denials. The ones that need attention come first.`}
      />
      {error ? <ProblemMessage error={error} onRetry={() => void mutate()} /> : null}
      <FleetTable hosts={hosts} rows={data?.rows} ownHostId={ownHostId} />
      {data ? <p className="text-xs text-slate-500">Read {new Date(data.generatedAt).toLocaleTimeString()}</p> : null}
      {hosts.length > 1 ? <ComparePanel hosts={hosts} /> : null}
      <Suspense fallback={null}>
        <ProfilesPanel hosts={hosts} />
      </Suspense>
      <HostsPanel simulated={simulated} />
    </div>
  );
}
