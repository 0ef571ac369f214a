'use client';
import { useSearchParams } from 'next/navigation';
import { useChange, useChanges } from '@/lib/hooks/use-changes';
import { PageHeader } from '@/components/ui/page-header';
import { ProblemMessage } from '@/components/ui/problem';
import { Badge, type Tone } from '@/components/ui/badge';
import { TableFrame } from '@/components/ui/table';
import { HostLink } from '@/components/layout/host-link';
import { Card } from '@/components/ui/card';

/** snapd's statuses (overlord/state/task.go): Done is good, Error/Undone bad, the rest in progress. */
function tone(status: string): Tone {
  if (status === 'Done') return 'good';
  if (status === 'Error' || status === 'Undone' || status === 'Undo' || status === 'Undoing' || status === 'Abort') return 'bad';
  if (status === 'Hold') return 'warn';
  return 'info';
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

/** What snapd did on the host: every change it remembers (also those made outside the dashboard), and one change's tasks. */
export function ChangesView() {
  const selected = useSearchParams().get('id');
  const { data, error, mutate } = useChanges();
  const changes = data?.changes;
  return (
    <div>
      <PageHeader title="Changes" description={<>What snapd did on this host, newest first: installs, refreshes, connections (also those made with the snap command or at install), and failures with their error. snapd forgets finished changes after about a day. The same as <code>snap changes</code>.</>} />
      {error ? <ProblemMessage className="mb-4" error={error} onRetry={() => void mutate()} /> : null}
      {selected ? <ChangeTasks id={selected} /> : null}
      <TableFrame testId="changes-table" columns={['ID', 'Status', 'Spawn', 'Ready', 'Summary']} footer={changes && changes.length === 0 ? <p className="p-6 text-center text-sm text-slate-500">snapd has no changes to show.</p> : null}>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {(changes ?? []).map((c) => (
            <tr key={c.id} data-testid={`change-${c.id}`} aria-current={c.id === selected ? 'true' : undefined} className={c.id === selected ? 'bg-indigo-50 dark:bg-indigo-950/40' : undefined}>
              <td className="px-4 py-2 tabular-nums">
                <HostLink href={`/changes?id=${encodeURIComponent(c.id)}`} className="text-indigo-700 hover:underline dark:text-indigo-300" aria-label={`Tasks of change ${c.id}`}>
                  {c.id}
                </HostLink>
              </td>
              <td className="px-4 py-2"><Badge tone={tone(c.status)}>{c.status}</Badge></td>
              <td className="whitespace-nowrap px-4 py-2 font-mono text-xs">{when(c.spawn)}</td>
              <td className="whitespace-nowrap px-4 py-2 font-mono text-xs">{when(c.ready)}</td>
              <td className="px-4 py-2">{c.summary}</td>
            </tr>
          ))}
        </tbody>
      </TableFrame>
    </div>
  );
}

function ChangeTasks({ id }: { id: string }) {
  const { data, error } = useChange(id);
  return (
    <Card>
      <div className="mb-4" data-testid="change-tasks">
        <h2 className="font-semibold">
          Change {id}
          {data?.change ? <>: {data.change.summary} <Badge tone={tone(data.change.status)}>{data.change.status}</Badge></> : null}
        </h2>
        {error ? <ProblemMessage className="mt-2" error={error} /> : null}
        {data ? (
          <ol className="mt-2 space-y-1 text-sm">
            {data.tasks.map((t, i) => (
              <li key={i} className="flex flex-wrap items-center gap-2">
                <Badge tone={tone(t.status)}>{t.status}</Badge>
                <span>{t.summary}</span>
                <span className="font-mono text-xs text-slate-600 dark:text-slate-400">{when(t.ready ?? t.spawn)}</span>
              </li>
            ))}
          </ol>
        ) : !error ? <p className="text-sm text-slate-500">Reading change {id}…</p> : null}
        <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
          The same as <code>snap tasks {id}</code>. <HostLink href="/changes" className="text-indigo-700 underline dark:text-indigo-300">Close</HostLink>
        </p>
      </div>
    </Card>
  );
}
