'use client';
import { AlertOctagon, PlugZap } from 'lucide-react';
import { HostLink } from '@/components/layout/host-link';
import { Card } from '@/components/ui/card';
import { HealthBadge } from '@/components/ui/snap-badges';
import { useMicrok8s } from '@/lib/hooks/use-microk8s';
import { HEALTH_SEVERITY } from '@/lib/snap/parse';
import type { SnapSummary } from '@/lib/snap/types';

const LINK = 'text-indigo-700 hover:underline dark:text-indigo-300';
const SHOWN = 6;

function severity(s: SnapSummary): number {
  const i = (HEALTH_SEVERITY as readonly string[]).indexOf(s.health);
  return i < 0 ? HEALTH_SEVERITY.length : i;
}

/** Snaps that are not healthy, the worst first (a blocked MicroK8s before deliberately disabled snaps). */
export function AttentionCard({ snaps }: { snaps: SnapSummary[] | undefined }) {
  const microk8s = useMicrok8s();
  const required = microk8s.data?.strict ? microk8s.data.required : [];
  const missingRequired = required.filter((r) => !r.connected).length;
  const unhealthy = (snaps ?? []).filter((s) => s.health !== 'ok').sort((a, b) => severity(a) - severity(b) || a.name.localeCompare(b.name));
  return (
    <Card>
      <h2 className="mb-3 flex items-center gap-2 font-semibold">
        <AlertOctagon aria-hidden className="h-5 w-5 text-rose-600" /> Snaps that need attention
      </h2>
      {!snaps ? (
        <p className="text-sm text-slate-500">Unknown until snapd answers.</p>
      ) : unhealthy.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Every snap reports healthy.</p>
      ) : (
        <ul data-testid="unhealthy-list" className="divide-y divide-slate-100 dark:divide-slate-800">
          {unhealthy.map((s) => (
            <li key={s.name} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid={`unhealthy-${s.name}`}>
              <span className="flex items-center gap-2">
                <HostLink href={`/snaps/${s.name}`} className={`font-medium ${LINK}`}>{s.name}</HostLink>
                <HealthBadge health={s.health} />
              </span>
              <span className="text-sm text-slate-600 dark:text-slate-400">
                {s.health === 'blocked' && s.name === 'microk8s' && required.length ? (
                  <>
                    {missingRequired} of {required.length} required interfaces not connected{' '}
                    <HostLink href="/addons#required" className={`ml-1 font-medium ${LINK}`} data-testid="attention-fix-microk8s">Fix →</HostLink>
                  </>
                ) : s.health === 'blocked' ? (
                  'blocked by its own health check; its page shows the message it set'
                ) : s.health === 'broken' ? (
                  'broken: snapd cannot mount or run it'
                ) : s.health === 'disabled' ? (
                  'disabled: its apps and services do not run'
                ) : (
                  `health: ${s.health}`
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** Declared plugs left unconnected: the total, the snaps with most, and how many more (never a silent cut). */
export function UnconnectedPlugsCard({ snaps }: { snaps: SnapSummary[] | undefined }) {
  const withUnconnected = (snaps ?? [])
    .map((s) => ({ name: s.name, declared: s.plugs.declared, unconnected: s.plugs.declared - s.plugs.connected }))
    .filter((s) => s.unconnected > 0)
    .sort((a, b) => b.unconnected - a.unconnected || a.name.localeCompare(b.name));
  const total = withUnconnected.reduce((n, s) => n + s.unconnected, 0);
  const rest = withUnconnected.slice(SHOWN);
  const restPlugs = rest.reduce((n, s) => n + s.unconnected, 0);
  return (
    <Card>
      <h2 className="mb-3 flex items-center gap-2 font-semibold">
        <PlugZap aria-hidden className="h-5 w-5 text-amber-600" /> Plugs not connected
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        <span data-testid="count-unconnected-plugs" className="text-2xl font-semibold text-slate-900 tabular-nums dark:text-white">{snaps ? total : '—'}</span>{' '}
        declared plugs of {snaps ? withUnconnected.length : '—'} snaps are not connected. A strict snap cannot use what they grant until they are; many are optional.
      </p>
      <ul className="mt-3 space-y-1 text-sm" data-testid="unconnected-list">
        {withUnconnected.slice(0, SHOWN).map((s) => (
          <li key={s.name} className="flex justify-between gap-4">
            <HostLink href={`/snaps/${s.name}`} className={LINK}>{s.name}</HostLink>
            <span className="tabular-nums text-slate-600 dark:text-slate-400">{s.unconnected} of {s.declared} unconnected</span>
          </li>
        ))}
        {rest.length ? (
          <li data-testid="unconnected-more">
            <HostLink href="/snaps?unconnected=1" className={LINK}>
              and {rest.length} more snap{rest.length === 1 ? '' : 's'} with {restPlugs} unconnected plug{restPlugs === 1 ? '' : 's'} →
            </HostLink>
          </li>
        ) : null}
      </ul>
    </Card>
  );
}
