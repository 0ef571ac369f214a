'use client';
import { useDeferredValue } from 'react';
import { useUrlState } from '@/lib/hooks/use-url-state';
import { useAudit } from '@/lib/hooks/use-audit';
import { PageHeader } from '@/components/ui/page-header';
import { ProblemMessage } from '@/components/ui/problem';
import { Badge } from '@/components/ui/badge';
import { TableFrame } from '@/components/ui/table';
import { FilterSelect } from '@/components/ui/filters';
import { JobsList } from './jobs-list';
import Link from 'next/link';

const RESULT_TONE = { ok: 'good', error: 'bad', unchanged: 'neutral' } as const;

export function ActivityLog() {
  // Filters live in the address (bookmarks, shared links, Back).
  const [result, setResult] = useUrlState<string>('result', '', ['', 'ok', 'error', 'unchanged']);
  const [target, setTarget] = useUrlState<string>('target', '');
  const t = useDeferredValue(target.trim());
  const { data, error, mutate } = useAudit({
    result: result === 'ok' || result === 'error' || result === 'unchanged' ? result : undefined,
    target: t || undefined,
  });
  const entries = data?.entries;

  return (
    <div>
      <PageHeader title="Activity" description="Every change made through the dashboard, and every refused attempt, newest first. Written to the audit log before each answer." />
      {error ? <ProblemMessage className="mb-4" error={error} onRetry={() => void mutate()} /> : null}
      <JobsList />
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <label className="flex flex-1 basis-64 items-center gap-2 text-sm">
          <span className="whitespace-nowrap">Target contains</span>
          <input type="search" value={target} onChange={(e) => setTarget(e.target.value)} placeholder="e.g. microk8s" className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900" />
        </label>
        <FilterSelect label="Result" value={result} onChange={setResult} options={[['', 'All'], ['ok', 'ok'], ['error', 'error'], ['unchanged', 'unchanged']]} />
      </div>
      <TableFrame testId="activity-table" columns={['Time', 'Host', 'Action', 'Target', 'Result', 'Change', 'Client / session']} footer={entries && entries.length === 0 ? <p className="p-6 text-center text-sm text-slate-500">Nothing recorded yet{result || t ? ' for these filters' : ''}.</p> : null}>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {(entries ?? []).map((e, i) => (
              <tr key={`${e.time}-${i}`}>
                <td className="whitespace-nowrap px-4 py-2 font-mono text-xs">{new Date(e.time).toLocaleString()}</td>
                <td className="px-4 py-2 font-mono text-xs">{e.host ?? '—'}</td>
                <td className="px-4 py-2">{e.action}</td>
                <td className="px-4 py-2 font-mono text-xs">{e.target}</td>
                <td className="px-4 py-2">
                  <Badge tone={RESULT_TONE[e.result] ?? 'neutral'}>{e.result}</Badge>
                  {e.error ? <p className="mt-1 max-w-md break-words text-xs text-rose-800 dark:text-rose-300">{e.error}</p> : null}
                </td>
                <td className="px-4 py-2 tabular-nums">
                  {e.changeId ? (
                    <Link href={`/changes?id=${encodeURIComponent(e.changeId)}`} className="text-indigo-700 hover:underline dark:text-indigo-300" aria-label={`snapd change ${e.changeId}`}>
                      {e.changeId}
                    </Link>
                  ) : '—'}
                </td>
                <td className="px-4 py-2 text-xs text-slate-600 dark:text-slate-400">
                  {e.clientAddress} · {e.sessionId.slice(0, 8)}
                </td>
              </tr>
            ))}
          </tbody>
      </TableFrame>
    </div>
  );
}
