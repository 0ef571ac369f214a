'use client';
import { useEffect, useRef, useState } from 'react';
import { CheckCircle2, Circle, Loader2, XCircle } from 'lucide-react';
import { CopyCommand } from '@/components/connections/copy-command';
import { usePrivilege } from '@/lib/hooks/use-system';
import { manualCommand } from '@/lib/contracts/privilege';
import { Card } from '@/components/ui/card';
import { useConfirm } from '@/components/ui/confirm-dialog';
import { JobProgress } from '@/components/fleet/job-progress';
import { connectAllConfirmation } from '@/components/connections/confirm-spec';
import { useCsrf } from '@/components/layout/session-context';
import { useHostJobs, useJobActions } from '@/lib/hooks/use-jobs';
import { useJob } from '@/lib/hooks/use-fleet';
import { ApiClientError } from '@/lib/hooks/fetcher';
import type { InterfaceInfo } from '@/lib/snap/interface-info';
import type { RequiredInterfaceState } from '@/lib/microk8s/required';

/**
 * Strict MicroK8s refuses to start its services until these plugs are
 * connected. "Connect all required" asks first (what each grants, grouped
 * by risk, and the commands), then runs as a job on the server: progress
 * survives a reload and shows in other tabs, and it can be cancelled between steps.
 */
export function RequiredInterfaces({ required, interfaces, onDone }: { required: RequiredInterfaceState[]; interfaces: Record<string, InterfaceInfo>; onDone: () => void }) {
  const ask = useConfirm();
  const jobs = useJobActions(useCsrf());
  const { data: hostJobs } = useHostJobs();
  const [started, setStarted] = useState<string | null>(null);
  const [error, setError] = useState<{ text: string; hint?: string } | null>(null);
  // The job to show: the one this tab started, else one still running on the host (a reload, another tab).
  const running = hostJobs?.jobs.find((j) => j.kind === 'connect-required' && !j.finishedAt);
  // Once found, the job stays shown until its own record says how it ended: the host's list
  // may drop it from "running" a poll before the job's own answer comes back.
  // (State adjusted while rendering, as React's docs do for values derived from earlier renders.)
  if (!started && running) setStarted(running.id);
  const jobId = started ?? running?.id ?? null;
  const { data: job } = useJob(jobId);
  const missing = required.filter((r) => !r.connected);
  const privilege = usePrivilege();
  const readOnly = privilege?.privilege === 'read-only';

  // When the job finishes, read MicroK8s again (once per job).
  const reported = useRef<string | null>(null);
  useEffect(() => {
    if (job?.finishedAt && reported.current !== job.id) {
      reported.current = job.id;
      onDone();
    }
  }, [job, onDone]);

  const connectAll = async () => {
    setError(null);
    const steps = missing.map((r) => ({ action: 'connect' as const, plug: `microk8s:${r.plug}`, ...(r.interface ? { slot: `:${r.interface}` } : {}) }));
    const byPlug = new Map(required.map((r) => [`microk8s:${r.plug}`, r.interface]));
    if (!(await ask(connectAllConfirmation(steps, (p) => byPlug.get(p) ?? null, interfaces)))) return;
    try {
      const j = await jobs.start({ kind: 'connect-required', snap: 'microk8s' });
      setStarted(j.id);
    } catch (e) {
      if (e instanceof ApiClientError && e.code === 'job-running' && e.jobId) setStarted(e.jobId);
      else setError({ text: e instanceof Error ? e.message : String(e), hint: e instanceof ApiClientError ? e.hint : undefined });
    }
  };

  const active = !!job && !job.finishedAt;
  const stepOf = (plug: string) => job?.steps.find((s) => 'plug' in s && s.plug === `microk8s:${plug}`);

  return (
    <Card id="required" className="scroll-mt-4">
      <div className="mb-3 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="font-semibold">Required interfaces</h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Strict MicroK8s starts its services only when these {required.length} plugs are connected; until then <code>snap list</code> shows it <strong>blocked</strong>.{' '}
            <span data-testid="required-summary">{required.length - missing.length} of {required.length} connected.</span>
          </p>
        </div>
        <button
          type="button"
          onClick={() => void connectAll()}
          disabled={active || missing.length === 0 || readOnly}
          title={readOnly ? privilege.reason : undefined}
          className="inline-flex items-center gap-1.5 rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-700 disabled:cursor-not-allowed disabled:opacity-60"
        >
          {active ? <Loader2 aria-hidden className="h-4 w-4 animate-spin" /> : null}
          {active ? 'Connecting…' : `Connect all required${missing.length ? ` (${missing.length})` : ''}`}
        </button>
      </div>
      {readOnly && missing.length ? (
        <div className="mb-3 text-sm" data-testid="required-manual">
          <p className="text-slate-600 dark:text-slate-400">Read-only here ({privilege.reason}). By hand:</p>
          <CopyCommand command={missing.map((r) => manualCommand('connect', `microk8s:${r.plug}`)).join(' && ')} />
        </div>
      ) : null}
      {error ? (
        <div role="alert" data-testid="connect-all-result" className="mb-3 rounded-md bg-rose-50 p-3 text-sm text-rose-900 dark:bg-rose-950 dark:text-rose-100">
          <p className="font-medium">{error.text}</p>
          {error.hint ? <p className="mt-1">{error.hint}</p> : null}
        </div>
      ) : null}
      {jobId ? (
        <div className="mb-3 rounded-md border border-slate-200 p-3 dark:border-slate-700" data-testid="connect-all-job">
          <JobProgress id={jobId} onCancel={() => void jobs.cancel(jobId).catch(() => undefined)} />
        </div>
      ) : null}
      <ul className="grid gap-x-6 gap-y-1 sm:grid-cols-2 lg:grid-cols-3" data-testid="required-list">
        {required.map((r) => {
          const step = stepOf(r.plug);
          // The job's own record wins over a read that may be a moment old.
          const state = r.connected || step?.state === 'done' ? 'connected' : step?.state === 'running' ? 'running' : step?.state === 'failed' ? 'failed' : 'missing';
          return (
            <li key={r.plug} data-testid={`required-${r.plug}`} data-state={state} className="flex items-center gap-2 text-sm">
              {state === 'connected' ? (
                <CheckCircle2 aria-hidden className="h-4 w-4 text-emerald-600" />
              ) : state === 'running' ? (
                <Loader2 aria-hidden className="h-4 w-4 animate-spin text-indigo-600" />
              ) : state === 'failed' ? (
                <XCircle aria-hidden className="h-4 w-4 text-rose-600" />
              ) : (
                <Circle aria-hidden className="h-4 w-4 text-slate-400" />
              )}
              <span className="font-mono">{r.plug}</span>
              {r.interface && r.interface !== r.plug ? <span className="text-xs text-slate-500">({r.interface})</span> : null}
              <span className="sr-only">{state === 'connected' ? 'connected' : state === 'failed' ? 'failed' : 'not connected'}</span>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
