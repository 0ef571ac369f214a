'use client';
import { useEffect, useState } from 'react';
import { useSWRConfig } from 'swr';
import { Link2, Loader2, Unlink } from 'lucide-react';
import { sendJson, type ApiClientError } from '@/lib/hooks/fetcher';
import { useHostId } from '@/lib/hooks/host-context';
import { useJob } from '@/lib/hooks/use-fleet';
import { usePrivilege } from '@/lib/hooks/use-system';
import { connectionsBatchPath, type InterfaceAction } from '@/lib/contracts/connections';
import { manualCommand } from '@/lib/contracts/privilege';
import type { Job } from '@/lib/contracts/jobs';
import { useCsrf } from '@/components/layout/session-context';
import { JobProgress } from '@/components/fleet/job-progress';
import { ProblemMessage } from '@/components/ui/problem';
import { CopyCommand } from './copy-command';

export interface BatchItem {
  plug: string;
  slot?: string;
}

/**
 * The selected plugs as one server job: the exact commands it will run are
 * listed before the click, the job's progress follows (a reload keeps it), and
 * the pages refresh when it ends. Read-only hosts get the commands to copy.
 */
export function BatchBar({ connect, disconnect, onFinished, testId }: { connect: BatchItem[]; disconnect: BatchItem[]; onFinished: () => void; testId: string }) {
  const host = useHostId();
  const csrf = useCsrf();
  const { mutate } = useSWRConfig();
  const privilege = usePrivilege();
  const readOnly = privilege?.privilege === 'read-only';
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<ApiClientError | null>(null);
  const [starting, setStarting] = useState(false);
  const { data: job } = useJob(jobId);
  const finished = Boolean(job?.finishedAt);

  useEffect(() => {
    if (!finished) return;
    void mutate((k) => typeof k === 'string' && k.startsWith('/api/') && !k.startsWith('/api/jobs/'), undefined, { revalidate: true });
    onFinished();
    // onFinished is the caller's "clear the selection"; once per job
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [finished, jobId]);

  const start = async (action: InterfaceAction, items: BatchItem[]) => {
    setError(null);
    setStarting(true);
    try {
      const started = await sendJson<Job>('POST', connectionsBatchPath(host), { action, items }, csrf);
      setJobId(started.id);
    } catch (e) {
      setError(e as ApiClientError);
    } finally {
      setStarting(false);
    }
  };
  const cancel = async () => {
    if (jobId) await sendJson('POST', `/api/jobs/${encodeURIComponent(jobId)}/cancel`, {}, csrf).catch(() => undefined);
  };

  const running = starting || (jobId !== null && !finished);
  const groups = [
    { action: 'connect' as const, items: connect, Icon: Link2 },
    { action: 'disconnect' as const, items: disconnect, Icon: Unlink },
  ].filter((g) => g.items.length > 0);
  if (groups.length === 0 && !jobId && !error) return null;

  return (
    <div className="mb-3 space-y-2 rounded-md border border-indigo-200 bg-indigo-50/60 p-3 text-sm dark:border-indigo-900 dark:bg-indigo-950/40" data-testid={testId}>
      {groups.map(({ action, items, Icon }) => {
        const commands = items.map((i) => manualCommand(action, i.plug, i.slot).replace(/^sudo /, ''));
        return (
          <div key={action} className="flex flex-wrap items-start gap-2">
            <button
              type="button"
              disabled={running || readOnly}
              title={readOnly ? privilege.reason : undefined}
              onClick={() => void start(action, items)}
              className={`inline-flex items-center gap-1.5 rounded-md px-3 py-1.5 font-medium shadow-sm disabled:cursor-not-allowed disabled:opacity-60 ${action === 'connect' ? 'bg-indigo-600 text-white hover:bg-indigo-700' : 'border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100'}`}
            >
              {starting ? <Loader2 aria-hidden className="h-4 w-4 animate-spin" /> : <Icon aria-hidden className="h-4 w-4" />}
              {action === 'connect' ? 'Connect' : 'Disconnect'} selected ({items.length})
            </button>
            <div className="min-w-0 flex-1">
              <p className="text-xs text-slate-600 dark:text-slate-400">{readOnly ? `Read-only here (${privilege.reason}). By hand:` : 'Runs, one by one, as one job:'}</p>
              {readOnly ? (
                <CopyCommand command={items.map((i) => manualCommand(action, i.plug, i.slot)).join(' && ')} testId={`batch-manual-${action}`} />
              ) : (
                <ul className="font-mono text-xs" data-testid={`batch-commands-${action}`}>
                  {commands.map((c) => (
                    <li key={c}>{c}</li>
                  ))}
                </ul>
              )}
            </div>
          </div>
        );
      })}
      {error ? <ProblemMessage error={error} title="The job did not start" /> : null}
      {jobId ? <JobProgress id={jobId} onCancel={() => void cancel()} /> : null}
    </div>
  );
}
