'use client';
import { useState } from 'react';
import { CheckCircle2, Circle, Loader2, XCircle } from 'lucide-react';
import { useConnect } from '@/components/connections/use-connect';
import { CopyCommand } from '@/components/connections/copy-command';
import { usePrivilege } from '@/lib/hooks/use-system';
import { manualCommand } from '@/lib/contracts/privilege';
import { Card } from '@/components/ui/card';
import type { RequiredInterfaceState } from '@/lib/microk8s/required';

type Progress = Record<string, { state: 'pending' | 'running' | 'done' | 'failed'; message?: string }>;

/**
 * Strict MicroK8s refuses to start its services until these plugs are
 * connected. "Connect all required" connects the missing ones one by one
 * through the normal connect path (each one audited), and stops at the
 * first refusal.
 */
export function RequiredInterfaces({ required, onDone }: { required: RequiredInterfaceState[]; onDone: () => void }) {
  const connection = useConnect();
  const [progress, setProgress] = useState<Progress>({});
  const [running, setRunning] = useState(false);
  const [summary, setSummary] = useState<{ tone: 'ok' | 'error'; text: string; hint?: string } | null>(null);
  const missing = required.filter((r) => !r.connected);
  const privilege = usePrivilege();
  const readOnly = privilege?.privilege === 'read-only';

  const connectAll = async () => {
    setRunning(true);
    setSummary(null);
    const todo = missing.map((r) => r.plug);
    setProgress(Object.fromEntries(todo.map((p) => [p, { state: 'pending' as const }])));
    let connected = 0;
    for (const plug of todo) {
      setProgress((p) => ({ ...p, [plug]: { state: 'running' } }));
      const r = await connection.run({ action: 'connect', plug: `microk8s:${plug}` }, { quiet: true });
      if (!r.ok) {
        setProgress((p) => ({ ...p, [plug]: { state: 'failed', message: r.error.message } }));
        setSummary({ tone: 'error', text: `Stopped at microk8s:${plug} after connecting ${connected}: ${r.error.message}`, hint: r.error.hint });
        setRunning(false);
        onDone();
        return;
      }
      if (r.outcome.pending) {
        // snapd has not finished (hung or busy): going on would only queue more behind it.
        setProgress((p) => ({ ...p, [plug]: { state: 'failed', message: r.outcome.pending?.note } }));
        setSummary({ tone: 'error', text: `Stopped at microk8s:${plug} after connecting ${connected}: snapd has not finished it yet.`, hint: 'The dashboard follows that change and shows how it ends; run Connect all required again afterwards.' });
        setRunning(false);
        onDone();
        return;
      }
      connected++;
      setProgress((p) => ({ ...p, [plug]: { state: 'done' } }));
    }
    setSummary({ tone: 'ok', text: `Connected ${connected} required interface${connected === 1 ? '' : 's'}.` });
    setRunning(false);
    onDone();
  };

  return (
    <Card>
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
          disabled={running || missing.length === 0 || readOnly}
          title={readOnly ? privilege.reason : undefined}
          className="inline-flex items-center gap-1.5 rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-700 disabled:cursor-not-allowed disabled:opacity-60"
        >
          {running ? <Loader2 aria-hidden className="h-4 w-4 animate-spin" /> : null}
          {running ? 'Connecting…' : `Connect all required${missing.length ? ` (${missing.length})` : ''}`}
        </button>
      </div>
      {readOnly && missing.length ? (
        <div className="mb-3 text-sm" data-testid="required-manual">
          <p className="text-slate-600 dark:text-slate-400">Read-only here ({privilege.reason}). By hand:</p>
          <CopyCommand command={missing.map((r) => manualCommand('connect', `microk8s:${r.plug}`)).join(' && ')} />
        </div>
      ) : null}
      {summary ? (
        <div role={summary.tone === 'error' ? 'alert' : 'status'} data-testid="connect-all-result" className={`mb-3 rounded-md p-3 text-sm ${summary.tone === 'ok' ? 'bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100' : 'bg-rose-50 text-rose-900 dark:bg-rose-950 dark:text-rose-100'}`}>
          <p className="font-medium">{summary.text}</p>
          {summary.hint ? <p className="mt-1">{summary.hint}</p> : null}
        </div>
      ) : null}
      <ul className="grid gap-x-6 gap-y-1 sm:grid-cols-2 lg:grid-cols-3" data-testid="required-list">
        {required.map((r) => {
          const p = progress[r.plug];
          const state = r.connected ? 'connected' : p?.state === 'running' ? 'running' : p?.state === 'failed' ? 'failed' : 'missing';
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
