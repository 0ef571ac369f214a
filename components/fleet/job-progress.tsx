'use client';
import { useEffect, type ReactNode } from 'react';
import { CheckCircle2, Circle, Loader2, MinusCircle, XCircle } from 'lucide-react';
import { useJob } from '@/lib/hooks/use-fleet';
import { Badge } from '@/components/ui/badge';
import { stepCommand, type JobStep } from '@/lib/contracts/jobs';

const ICON: Record<JobStep['state'], ReactNode> = {
  queued: <Circle aria-hidden className="h-4 w-4 text-slate-400" />,
  running: <Loader2 aria-hidden className="h-4 w-4 animate-spin text-indigo-600" />,
  done: <CheckCircle2 aria-hidden className="h-4 w-4 text-emerald-600" />,
  failed: <XCircle aria-hidden className="h-4 w-4 text-rose-600" />,
  skipped: <MinusCircle aria-hidden className="h-4 w-4 text-slate-400" />,
};

/** A server-side job as it runs: read from the server, so a reload or another tab shows the same. */
export function JobProgress({ id, onCancel, onFinished }: { id: string; onCancel: () => void; onFinished?: () => void }) {
  const { data: job, error } = useJob(id);
  const finished = !!job?.finishedAt;
  useEffect(() => {
    if (finished) onFinished?.();
  }, [finished, onFinished]);
  if (error) return <p className="text-sm text-rose-700">Cannot read job {id}: {error.message}</p>;
  if (!job) return <p className="text-sm text-slate-500">Reading job {id}…</p>;
  const done = job.steps.filter((s) => s.state === 'done').length;
  return (
    <div className="space-y-2" data-testid="job" data-state={job.state}>
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium">{job.title}</span>
        <Badge tone={job.state === 'done' ? 'good' : job.state === 'failed' ? 'bad' : job.state === 'cancelled' ? 'warn' : 'info'}>{job.state}</Badge>
        <span className="text-slate-600 dark:text-slate-400" aria-live="polite">{done} of {job.steps.length} steps done</span>
        {!job.finishedAt ? (
          <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800">
            Cancel after this step
          </button>
        ) : null}
      </p>
      {Object.entries(job.hostErrors).map(([host, error]) => (
        <p key={host} className="text-sm text-rose-800 dark:text-rose-300" data-testid={`job-host-error-${host}`}>
          <strong>{host}</strong>: {error}
        </p>
      ))}
      {/* Scrolls when long: focusable, so a keyboard can scroll it (axe scrollable-region-focusable). */}
      <ol tabIndex={0} aria-label="Steps" className="max-h-72 space-y-0.5 overflow-y-auto text-xs outline-none focus-visible:ring-2 focus-visible:ring-indigo-500">
        {job.steps.map((s, i) => (
          <li key={i} className="flex flex-wrap items-start gap-2" data-state={s.state}>
            {ICON[s.state]}
            <span className="font-mono">
              {s.hostname ?? s.host}: {stepCommand(s)}
            </span>
            {s.changeId ? <span className="text-slate-500">change {s.changeId}</span> : null}
            {s.state === 'failed' || s.state === 'skipped' ? <span className="text-rose-700 dark:text-rose-300">{s.message}</span> : null}
            {s.output ? (
              <pre tabIndex={0} data-testid="job-output" className="mt-1 max-h-64 w-full overflow-auto whitespace-pre-wrap rounded bg-slate-900 p-2 text-slate-100">
                {s.output}
              </pre>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
