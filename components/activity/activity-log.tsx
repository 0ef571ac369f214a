'use client';
import { useDeferredValue, useState } from 'react';
import { Download, FileBraces } from 'lucide-react';
import { useUrlState } from '@/lib/hooks/use-url-state';
import { useAudit } from '@/lib/hooks/use-audit';
import { downloadFile, type ApiClientError } from '@/lib/hooks/fetcher';
import { auditExportPath, type AuditQuery } from '@/lib/contracts/audit';
import { PageHeader } from '@/components/ui/page-header';
import { ProblemMessage } from '@/components/ui/problem';
import { Badge } from '@/components/ui/badge';
import { TableFrame } from '@/components/ui/table';
import { FilterSelect } from '@/components/ui/filters';
import type { Tone } from '@/components/ui/badge';
import { AUDIT_RESULTS, type AuditEntry, type AuditResult } from '@/lib/contracts/audit';
import { JobsList } from './jobs-list';
import Link from 'next/link';

const RESULT_TONE: Record<AuditResult, Tone> = { ok: 'good', error: 'bad', unchanged: 'neutral', pending: 'info', 'done-late': 'good', 'failed-late': 'bad', unknown: 'warn' };

/** `details.request` links a `pending` line to the line that says how it ended. */
function requestOf(e: AuditEntry): string | null {
  const r = e.details?.request;
  return typeof r === 'string' ? r : null;
}

/** The latest outcome line of each followed request (entries are newest first). */
function laterOutcomes(entries: AuditEntry[]): Map<string, AuditEntry> {
  const out = new Map<string, AuditEntry>();
  for (const e of entries) {
    const id = requestOf(e);
    if (id && e.result !== 'pending' && !out.has(id)) out.set(id, e);
  }
  return out;
}

/** A change is still followed (a recent `pending` line without its outcome): poll faster. */
function followed(d: { entries: AuditEntry[] } | undefined): boolean {
  const entries = d?.entries ?? [];
  const outcomes = laterOutcomes(entries);
  const recent = Date.now() - FOLLOWED_FOR_MS;
  return entries.some((e) => e.result === 'pending' && Date.parse(e.time) > recent && !outcomes.has(requestOf(e) ?? ''));
}

// The server's follow limit (10 min, lib/actions/follow-change.ts) and a margin.
const FOLLOWED_FOR_MS = 12 * 60_000;

export function ActivityLog() {
  // Filters live in the address (bookmarks, shared links, Back).
  const [result, setResult] = useUrlState<string>('result', '', ['', ...AUDIT_RESULTS]);
  const [target, setTarget] = useUrlState<string>('target', '');
  const t = useDeferredValue(target.trim());
  const query: AuditQuery = { result: AUDIT_RESULTS.find((r) => r === result), target: t || undefined };
  const { data, error, mutate } = useAudit(query, followed);
  const entries = data?.entries;
  const outcomes = laterOutcomes(entries ?? []);
  const [exportError, setExportError] = useState<ApiClientError | null>(null);
  // A button, not <a download>: the API wants the session's request key, which a link cannot send.
  const download = (format: 'csv' | 'json') => {
    setExportError(null);
    downloadFile(auditExportPath(query, format), `audit.${format}`).catch((e: ApiClientError) => setExportError(e));
  };
  const exportButton = 'inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-800 dark:hover:bg-slate-700';

  return (
    <div>
      <PageHeader
        title="Activity"
        description="Every change made through the dashboard, and every refused attempt, newest first. Written to the audit log before each answer."
        actions={
          <div className="flex flex-wrap gap-2">
            <button type="button" onClick={() => download('csv')} className={exportButton} title="The entries matching the filters (up to 1,000) as CSV for a spreadsheet; cells that a spreadsheet would run as formulas are neutralised">
              <Download aria-hidden className="h-4 w-4" /> Export CSV
            </button>
            <button type="button" onClick={() => download('json')} className={exportButton} title="The entries matching the filters (up to 1,000) as JSON">
              <FileBraces aria-hidden className="h-4 w-4" /> Export JSON
            </button>
          </div>
        }
      />
      {error ? <ProblemMessage className="mb-4" error={error} onRetry={() => void mutate()} /> : null}
      {exportError ? <ProblemMessage className="mb-4" error={exportError} title="The export failed" /> : null}
      <JobsList />
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <label className="flex flex-1 basis-64 items-center gap-2 text-sm">
          <span className="whitespace-nowrap">Target contains</span>
          <input type="search" value={target} onChange={(e) => setTarget(e.target.value)} placeholder="e.g. microk8s" className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900" />
        </label>
        <FilterSelect label="Result" value={result} onChange={setResult} options={[['', 'All'], ...AUDIT_RESULTS.map((r): [string, string] => [r, r])]} />
      </div>
      <TableFrame testId="activity-table" columns={['Time', 'Host', 'Action', 'Target', 'Result', 'Change', 'Client / session']} footer={entries && entries.length === 0 ? <p className="p-6 text-center text-sm text-slate-500">Nothing recorded yet{result || t ? ' for these filters' : ''}.</p> : null}>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {(entries ?? []).map((e, i) => {
              const later = e.result === 'pending' ? outcomes.get(requestOf(e) ?? '') : undefined;
              return (
              <tr key={`${e.time}-${i}`} data-testid="activity-row" data-result={e.result} data-request={requestOf(e) ?? undefined} data-settled={later ? later.result : undefined}>
                <td className="whitespace-nowrap px-4 py-2 font-mono text-xs">{new Date(e.time).toLocaleString(undefined, { timeZoneName: 'short' })}</td>
                <td className="px-4 py-2 font-mono text-xs">{e.host ?? '—'}</td>
                <td className="px-4 py-2">{e.action}</td>
                <td className="px-4 py-2 font-mono text-xs">{e.target}</td>
                <td className="px-4 py-2">
                  <Badge tone={RESULT_TONE[e.result] ?? 'neutral'}>{e.result}</Badge>
                  {later ? (
                    <span className="ml-1 text-xs">
                      → <Badge tone={RESULT_TONE[later.result] ?? 'neutral'}>{later.result}</Badge>
                    </span>
                  ) : e.result === 'pending' ? (
                    <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">snapd had not finished; followed, the outcome is added here</p>
                  ) : null}
                  {e.error ? <p className="mt-1 max-w-md break-words text-xs text-rose-800 dark:text-rose-300">{e.error}</p> : null}
                </td>
                <td className="px-4 py-2 tabular-nums">
                  {(e.changeId ?? later?.changeId) ? (
                    <Link href={`/changes?id=${encodeURIComponent(e.changeId ?? later?.changeId ?? '')}`} className="text-indigo-700 hover:underline dark:text-indigo-300" aria-label={`snapd change ${e.changeId ?? later?.changeId}`}>
                      {e.changeId ?? later?.changeId}
                    </Link>
                  ) : '—'}
                </td>
                <td className="px-4 py-2 text-xs text-slate-600 dark:text-slate-400">
                  {e.clientAddress} · {e.sessionId.slice(0, 8)}
                </td>
              </tr>
              );
            })}
          </tbody>
      </TableFrame>
    </div>
  );
}
