'use client';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { CheckCircle2, Clock, XCircle, X } from 'lucide-react';

export interface Toast {
  id: number;
  /** `info`: something still under way (a change snapd has not finished); stays until replaced or dismissed. */
  tone: 'success' | 'error' | 'info';
  title: string;
  detail?: string;
  hint?: string;
  /** A later toast with the same key replaces this one (a pending change's outcome replaces its notice). */
  key?: string;
}

const TONE_CLASS: Record<Toast['tone'], string> = {
  success: 'border-emerald-300 bg-emerald-50 text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-50',
  error: 'border-rose-300 bg-rose-50 text-rose-950 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-50',
  info: 'border-sky-300 bg-sky-50 text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-50',
};
const TONE_ICON = { success: CheckCircle2, error: XCircle, info: Clock } as const;

const ToastContext = createContext<{ push: (t: Omit<Toast, 'id'>) => void } | null>(null);

let nextId = 1;

/** Results of actions, announced to screen readers; errors stay until dismissed. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);
  const push = useCallback(
    (t: Omit<Toast, 'id'>) => {
      const id = nextId++;
      setToasts((ts) => [...ts.filter((o) => t.key === undefined || o.key !== t.key).slice(-3), { ...t, id }]);
      if (t.tone === 'success') setTimeout(() => dismiss(id), 6000);
    },
    [dismiss],
  );
  const value = useMemo(() => ({ push }), [push]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div aria-live="polite" className="pointer-events-none fixed bottom-4 right-4 z-50 flex w-[min(28rem,calc(100vw-2rem))] flex-col gap-2">
        {toasts.map((t) => {
          const Icon = TONE_ICON[t.tone];
          return (
          <div
            key={t.id}
            role={t.tone === 'error' ? 'alert' : 'status'}
            data-testid={`toast-${t.tone}`}
            className={`pointer-events-auto flex items-start gap-3 rounded-lg border p-3 shadow-lg ${TONE_CLASS[t.tone]}`}
          >
            <Icon aria-hidden className="mt-0.5 h-5 w-5 shrink-0" />
            <div className="min-w-0 flex-1 text-sm">
              <p className="font-semibold">{t.title}</p>
              {t.detail ? <p className="break-words font-mono text-xs">{t.detail}</p> : null}
              {t.hint ? <p className="mt-1">{t.hint}</p> : null}
            </div>
            <button type="button" onClick={() => dismiss(t.id)} className="rounded p-0.5 hover:bg-black/10" aria-label="Dismiss message">
              <X aria-hidden className="h-4 w-4" />
            </button>
          </div>
          );
        })}
      </div>
    </ToastContext.Provider>
  );
}

export function useToasts() {
  const c = useContext(ToastContext);
  if (!c) throw new Error('useToasts outside ToastProvider');
  return c;
}
