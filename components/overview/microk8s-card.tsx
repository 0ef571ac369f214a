'use client';
import { Container } from 'lucide-react';
import { HostLink } from '@/components/layout/host-link';
import { Card } from '@/components/ui/card';
import { Badge } from '@/components/ui/badge';
import { useMicrok8s } from '@/lib/hooks/use-microk8s';

const LINK = 'font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300';

/** MicroK8s at a glance: running or not, its required interfaces, and the one-click way to fix a blocked one. */
export function Microk8sCard() {
  const { data, error } = useMicrok8s();
  const connected = data?.required.filter((r) => r.connected).length ?? 0;
  const total = data?.required.length ?? 0;
  const blocked = !!data?.strict && total > 0 && connected < total;
  return (
    <Card>
      <h2 className="mb-3 flex items-center gap-2 font-semibold">
        <Container aria-hidden className="h-5 w-5 text-indigo-600 dark:text-indigo-400" /> MicroK8s
      </h2>
      {!data ? (
        <p className="text-sm text-slate-500">{error ? 'Unknown: MicroK8s could not be read.' : 'Loading…'}</p>
      ) : !data.installed ? (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="overview-microk8s">Not installed on this host.</p>
      ) : (
        <div className="space-y-2 text-sm" data-testid="overview-microk8s">
          <p className="flex flex-wrap items-center gap-2">
            <span className="font-mono">{data.snap?.version}</span>
            {data.release ? <span className="text-slate-600 dark:text-slate-400">release {data.release}</span> : null}
            <Badge tone={data.strict ? 'good' : 'warn'}>{data.strict ? 'strict' : 'classic'}</Badge>
            {data.status ? (
              <Badge tone={data.status.running ? 'good' : 'bad'}>
                <span data-testid="overview-microk8s-running">{data.status.running ? 'running' : 'not running'}</span>
              </Badge>
            ) : null}
          </p>
          {!data.status && data.problem ? (
            <p className="text-slate-600 dark:text-slate-400" data-testid="overview-microk8s-problem">
              {data.problem.kind === 'not-in-snapshot' ? 'Status: not in the snapshot' : `Status unknown: ${data.problem.message}`}
            </p>
          ) : null}
          {data.strict ? (
            <p data-testid="overview-microk8s-required">
              <span className="font-semibold tabular-nums">{connected} of {total}</span> required interfaces connected
              {blocked ? '; strict MicroK8s does not start its services until all are.' : '.'}
            </p>
          ) : null}
          {blocked ? (
            <HostLink href="/addons#required" className="inline-flex rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700" data-testid="overview-fix-microk8s">
              Fix: connect the {total - connected} missing required interfaces
            </HostLink>
          ) : (
            <HostLink href="/addons" className={LINK}>Addons →</HostLink>
          )}
        </div>
      )}
    </Card>
  );
}
