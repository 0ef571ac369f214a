'use client';
import { useCallback } from 'react';
import { useConnectionAction, type ConnectionRequest } from '@/lib/hooks/use-connection-action';
import type { ConnectionChangeResponse } from '@/lib/contracts/connections';
import type { ApiClientError } from '@/lib/hooks/fetcher';
import { useCsrf } from '@/components/layout/session-context';
import { useToasts } from '@/components/ui/toasts';
import { useHostId } from '@/lib/hooks/host-context';
import { pendingToastKey, usePendingWatch } from './pending-watch';
import { useConfirm, type ConfirmSpec } from '@/components/ui/confirm-dialog';

export type { ConnectionRequest };

/** The pending key of a request: a plug connects once at a time whatever the slot; a disconnect is per connection. */
export function connectionKey(req: ConnectionRequest): string {
  return req.action === 'connect' ? `connect ${req.plug}` : `disconnect ${req.plug} ${req.slot ?? ''}`.trim();
}

export interface ConnectOptions {
  /** The toast's title on success (default: the server's message). */
  successTitle?: (outcome: ConnectionChangeResponse) => string;
  /** Where focus goes when the button that had it is gone after the change (the row's id). */
  focusAfter?: string;
  /** No toast: the caller reports the result itself (a batch's summary). */
  quiet?: boolean;
  /** Ask first (a risky connect, a disconnect that stops MicroK8s); nothing is sent unless confirmed. */
  confirm?: ConfirmSpec | null;
}

export type ConnectResult = { ok: true; outcome: ConnectionChangeResponse } | { ok: false; error: ApiClientError };

/**
 * Every connect and disconnect of the dashboard: the request, its pending
 * state, a toast with the result, and focus kept on the row (the button the
 * admin pressed is usually replaced by its opposite).
 */
export function useConnect() {
  const actions = useConnectionAction(useCsrf());
  const toasts = useToasts();
  const pendingWatch = usePendingWatch();
  const host = useHostId();
  const ask = useConfirm();

  const run = useCallback(
    /** null: the admin said no to the confirmation, nothing was sent. */
    async (req: ConnectionRequest, options: ConnectOptions = {}): Promise<ConnectResult | null> => {
      if (options.confirm && !(await ask(options.confirm))) return null;
      const what = `${req.action} ${req.plug}${req.slot ? ` ${req.slot}` : ''}`;
      const r = await actions.run(connectionKey(req), req);
      if (r.ok && r.outcome.pending) {
        // HTTP 202: snapd has not finished. The server follows the change; the outcome replaces this notice.
        const p = r.outcome.pending;
        pendingWatch.watch(host, p);
        toasts.push({ key: pendingToastKey(p.id), tone: 'info', title: `Waiting for snapd: ${what}`, detail: p.changeId ? `snapd change ${p.changeId}: ${p.note}` : p.note, hint: 'The dashboard follows the change and shows here how it ends (also on the Activity page).' });
      } else if (options.quiet) {
        // the caller tells the result
      } else if (r.ok) {
        const title = options.successTitle?.(r.outcome) ?? r.outcome.message;
        toasts.push({ tone: 'success', title, detail: r.outcome.changeId ? `snapd change ${r.outcome.changeId}` : undefined });
      } else {
        toasts.push({ tone: 'error', title: `Could not ${what}`, detail: r.error.message, hint: r.error.hint });
      }
      if (options.focusAfter) {
        const rowId = options.focusAfter;
        // After React has swapped the button: only when focus fell back to the page.
        requestAnimationFrame(() => {
          const active = document.activeElement;
          if (!active || active === document.body) document.getElementById(rowId)?.focus();
        });
      }
      return r;
    },
    [actions, toasts, pendingWatch, host, ask],
  );

  return { run, isPending: (req: ConnectionRequest) => actions.isPending(connectionKey(req)), anyPending: actions.anyPending };
}
