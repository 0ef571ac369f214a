'use client';
import { useServices } from '@/lib/hooks/use-changes';
import { Card } from '@/components/ui/card';
import { Badge } from '@/components/ui/badge';
import { ProblemMessage } from '@/components/ui/problem';

/** `snap services NAME`: the snap's daemons (for MicroK8s: kubelite, containerd, k8s-dqlite…), shown only when it has some. */
export function ServicesCard({ snap }: { snap: string }) {
  const { data, error } = useServices(snap);
  if (error) return <ProblemMessage error={error} title={`Cannot read the services of ${snap}`} />;
  if (!data || data.services.length === 0) return null;
  const active = data.services.filter((s) => s.active).length;
  return (
    <Card>
      <h2 className="mb-1 font-semibold">Services</h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400" data-testid="services-summary">
        {active} of {data.services.length} active. The same as <code>snap services {snap}</code>.
      </p>
      <ul className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2" data-testid="services-list">
        {data.services.map((s) => (
          <li key={s.name} className="flex flex-wrap items-center gap-2" data-testid={`service-${s.name}`} data-active={s.active}>
            <span className="font-mono">{s.name}</span>
            {s.active ? <Badge tone="good">active</Badge> : <Badge tone={s.enabled ? 'bad' : 'neutral'}>inactive</Badge>}
            <span className="text-xs text-slate-600 dark:text-slate-400">{s.enabled ? 'starts at boot' : 'disabled'}</span>
            {s.notes.length ? <span className="text-xs text-slate-600 dark:text-slate-400">({s.notes.join(', ')})</span> : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}
