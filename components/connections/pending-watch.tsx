'use client';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useSWRConfig } from 'swr';
import { usePendingChanges } from '@/lib/hooks/use-pending-changes';
import type { PendingChange } from '@/lib/contracts/pending-changes';
import { useToasts } from '@/components/ui/toasts';

/**
 * The changes this page asked for that snapd had not finished (HTTP 202): the
 * server follows them; this polls the host's pending-changes list until each
 * has an outcome, then replaces its notice with the result and refreshes every
 * API answer (the plug shows its new state without a reload).
 */

type Watched = { host: string | null; id: string };
const WatchContext = createContext<{ watch: (host: string | null, change: PendingChange) => void } | null>(null);

export function pendingToastKey(id: string): string {
  return `pending-${id}`;
}

function outcomeToast(c: PendingChange): { tone: 'success' | 'error' | 'info'; title: string; detail: string } {
  const what = `${c.action} ${c.target}`;
  // The note names the change when snapd's status was read; else say which change it was.
  const detail = c.changeId === null ? `${c.note} (no snapd change id known)` : c.note.includes(`change ${c.changeId}`) ? c.note : `snapd change ${c.changeId}: ${c.note}`;
  if (c.outcome === 'done-late') return { tone: 'success', title: `${c.action === 'connect' ? 'Connected' : 'Disconnected'} ${c.target} (snapd finished late)`, detail };
  if (c.outcome === 'failed-late') return { tone: 'error', title: `Could not ${what}`, detail };
  return { tone: 'info', title: `Outcome of ${what} unknown`, detail };
}

function HostWatcher({ host, ids, done }: { host: string | null; ids: string[]; done: (id: string) => void }) {
  const { data } = usePendingChanges(host, ids.length > 0);
  const toasts = useToasts();
  const { mutate } = useSWRConfig();
  useEffect(() => {
    for (const c of data?.changes ?? []) {
      if (!ids.includes(c.id)) continue;
      if (c.outcome === null) continue;
      toasts.push({ key: pendingToastKey(c.id), ...outcomeToast(c) });
      done(c.id);
      void mutate((k) => typeof k === 'string' && k.startsWith('/api/'), undefined, { revalidate: true });
    }
  }, [data, ids, toasts, done, mutate]);
  return null;
}

export function PendingChangesProvider({ children }: { children: ReactNode }) {
  const [watched, setWatched] = useState<Watched[]>([]);
  const watch = useCallback((host: string | null, change: PendingChange) => setWatched((w) => (w.some((x) => x.id === change.id) ? w : [...w, { host, id: change.id }])), []);
  const done = useCallback((id: string) => setWatched((w) => w.filter((x) => x.id !== id)), []);
  const value = useMemo(() => ({ watch }), [watch]);
  const byHost = new Map<string, { host: string | null; ids: string[] }>();
  for (const w of watched) {
    const k = w.host ?? '';
    const entry = byHost.get(k) ?? { host: w.host, ids: [] };
    entry.ids.push(w.id);
    byHost.set(k, entry);
  }
  return (
    <WatchContext.Provider value={value}>
      {children}
      {[...byHost.entries()].map(([k, { host, ids }]) => (
        <HostWatcher key={k} host={host} ids={ids} done={done} />
      ))}
    </WatchContext.Provider>
  );
}

export function usePendingWatch() {
  const c = useContext(WatchContext);
  if (!c) throw new Error('usePendingWatch outside PendingChangesProvider');
  return c;
}
