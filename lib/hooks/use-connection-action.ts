'use client';
import { useCallback, useState } from 'react';
import { useSWRConfig } from 'swr';
import { sendJson, ApiClientError } from './fetcher';
import { useHostId } from './host-context';
import { connectionsPath, type ConnectionChangeResponse, type InterfaceAction } from '../contracts/connections';

export interface ConnectionRequest {
  action: InterfaceAction;
  plug: string;
  slot?: string;
}

/**
 * Connect/disconnect through the API, one pending request per key; after
 * it every cached API answer is revalidated (counts on other pages change too).
 */
export function useConnectionAction(csrf: string) {
  const { mutate } = useSWRConfig();
  const host = useHostId();
  const [pending, setPending] = useState<Set<string>>(() => new Set());

  const run = useCallback(
    async (key: string, req: ConnectionRequest): Promise<{ ok: true; outcome: ConnectionChangeResponse } | { ok: false; error: ApiClientError }> => {
      setPending((p) => new Set(p).add(key));
      try {
        const outcome = await sendJson<ConnectionChangeResponse>(req.action === 'connect' ? 'POST' : 'DELETE', connectionsPath(host), { plug: req.plug, ...(req.slot ? { slot: req.slot } : {}) }, csrf);
        return { ok: true, outcome };
      } catch (e) {
        const error = e instanceof ApiClientError ? e : new ApiClientError(0, 'unknown', String(e));
        return { ok: false, error };
      } finally {
        // Every cached answer is read again in the background: the result is told as soon as
        // snapd answered, not after the slowest page read (a busy host takes seconds for those).
        void mutate((k) => typeof k === 'string' && k.startsWith('/api/'), undefined, { revalidate: true });
        setPending((p) => {
          const n = new Set(p);
          n.delete(key);
          return n;
        });
      }
    },
    [csrf, mutate, host],
  );

  return { run, isPending: (key: string) => pending.has(key), anyPending: pending.size > 0 };
}
