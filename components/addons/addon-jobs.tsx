'use client';
import { createContext, useContext, useState, type ReactNode } from 'react';
import { JobProgress } from '@/components/fleet/job-progress';
import { useCsrf } from '@/components/layout/session-context';
import { useToasts } from '@/components/ui/toasts';
import { sendJson, ApiClientError } from '@/lib/hooks/fetcher';
import { useHostId } from '@/lib/hooks/host-context';
import { useHostJobs, useJobActions } from '@/lib/hooks/use-jobs';
import { addonActionPath, type AddonAction } from '@/lib/contracts/microk8s';
import type { StartJobResponse } from '@/lib/contracts/jobs';

const Ctx = createContext<{ start: (name: string, action: AddonAction) => void; busy: boolean } | null>(null);

/**
 * `microk8s enable|disable` as server jobs: the one running on this host (also
 * after a reload, or started in another tab) is shown with its output as it arrives.
 */
export function AddonJobs({ children, onDone }: { children: ReactNode; onDone: () => void }) {
  const host = useHostId();
  const csrf = useCsrf();
  const toasts = useToasts();
  const jobs = useJobActions(csrf);
  const { data, mutate } = useHostJobs(2_000);
  const [started, setStarted] = useState<string | null>(null);
  const [finished, setFinished] = useState<string | null>(null);
  const running = data?.jobs.find((j) => j.kind === 'addon' && !j.finishedAt);
  const shown = started ?? running?.id ?? null;

  const start = (name: string, action: AddonAction) => {
    void (async () => {
      try {
        const job = await sendJson<StartJobResponse>('POST', addonActionPath(host, name, action), {}, csrf);
        setStarted(job.id);
        void mutate();
      } catch (e) {
        if (e instanceof ApiClientError && e.code === 'job-running' && e.jobId) setStarted(e.jobId);
        else toasts.push({ tone: 'error', title: `Could not ${action} ${name}`, detail: e instanceof Error ? e.message : String(e), hint: e instanceof ApiClientError ? e.hint : undefined });
      }
    })();
  };

  return (
    <Ctx.Provider value={{ start, busy: !!running }}>
      {shown ? (
        <div className="mb-4 rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-700 dark:bg-slate-900" data-testid="addon-job">
          <JobProgress
            id={shown}
            onCancel={() => void jobs.cancel(shown).catch(() => undefined)}
            onFinished={() => {
              if (finished !== shown) {
                setFinished(shown);
                onDone();
              }
            }}
          />
        </div>
      ) : null}
      {children}
    </Ctx.Provider>
  );
}

/** Enable / Disable for one addon row; disabled while another job runs on this host. */
export function AddonButton({ name, enabled }: { name: string; enabled: boolean }) {
  const ctx = useContext(Ctx);
  if (!ctx) return null;
  const action: AddonAction = enabled ? 'disable' : 'enable';
  return (
    <button
      type="button"
      disabled={ctx.busy}
      onClick={() => ctx.start(name, action)}
      aria-label={`${enabled ? 'Disable' : 'Enable'} ${name}`}
      className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-60 dark:border-slate-600 dark:hover:bg-slate-800"
    >
      {enabled ? 'Disable' : 'Enable'}
    </button>
  );
}
