'use client';
import { useCallback, useMemo, useState } from 'react';
import { useCsrf } from '@/components/layout/session-context';
import { useHostId } from '@/lib/hooks/host-context';
import { useDenialMutes } from '@/lib/hooks/use-denials';
import { sendJson, type ApiClientError } from '@/lib/hooks/fetcher';
import { denialMutesKey, type DenialMute } from '@/lib/contracts/denials';
import { withQuery } from '@/lib/contracts/query';

/** The muted group keys of this host, and muting or unmuting one (the server audits both). */
export function useMutes() {
  const host = useHostId();
  const csrf = useCsrf();
  const { data, mutate } = useDenialMutes();
  const [error, setError] = useState<ApiClientError | null>(null);
  const muted = useMemo(() => new Set((data?.mutes ?? []).map((m) => m.key)), [data]);
  const toggle = useCallback(
    async (key: string) => {
      setError(null);
      try {
        if (muted.has(key)) await sendJson<DenialMute>('DELETE', withQuery(denialMutesKey(host), { key }), undefined, csrf);
        else await sendJson<DenialMute>('POST', denialMutesKey(host), { key }, csrf);
      } catch (e) {
        setError(e as ApiClientError);
      }
      await mutate();
    },
    [muted, host, csrf, mutate],
  );
  return { muted, toggle, error };
}
