'use client';
import { useAllJobs } from '@/lib/hooks/use-jobs';
import { Badge } from '@/components/ui/badge';
import { stepCommand, type Job } from '@/lib/contracts/jobs';

const STATE_TONE = { queued: 'info', running: 'info', done: 'good', failed: 'bad', cancelled: 'warn' } as const;

/** Jobs the server ran or runs (Connect all required, profile applies, addons), newest first. */
export function JobsList() {
  const { data } = useAllJobs();
  const jobs = data?.jobs ?? [];
  if (jobs.length === 0) return null;
  return (
    <section className="mb-6" aria-labelledby="jobs-heading">
      <h2 id="jobs-heading" className="mb-2 font-semibold">Jobs</h2>
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900" data-testid="jobs-list">
        {jobs.map((j) => (
          <JobRow key={j.id} job={j} />
        ))}
      </ul>
    </section>
  );
}

function JobRow({ job }: { job: Job }) {
  const done = job.steps.filter((s) => s.state === 'done').length;
  const failed = job.steps.find((s) => s.state === 'failed');
  return (
    <li className="px-4 py-2" data-testid={`job-${job.id}`} data-state={job.state}>
      <details>
        <summary className="cursor-pointer">
          <span className="font-medium">{job.title}</span> <Badge tone={STATE_TONE[job.state]}>{job.state}</Badge>{' '}
          <span className="text-slate-600 dark:text-slate-400">
            {done} of {job.steps.length} steps · started {new Date(job.createdAt).toLocaleString(undefined, { timeZoneName: 'short' })}
            {job.finishedAt ? ` · finished ${new Date(job.finishedAt).toLocaleTimeString()}` : ''}
          </span>
          {failed ? <span className="ml-2 text-rose-800 dark:text-rose-300">{stepCommand(failed)}: {failed.message}</span> : null}
        </summary>
        <ol className="mt-2 space-y-0.5 font-mono text-xs">
          {job.steps.map((s, i) => (
            <li key={i}>
              {s.state} · {s.hostname ?? s.host}: {stepCommand(s)}
              {s.changeId ? ` · change ${s.changeId}` : ''}
            </li>
          ))}
        </ol>
      </details>
    </li>
  );
}
