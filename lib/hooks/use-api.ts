'use client';
import useSWR, { type SWRConfiguration } from 'swr';
import { fetchJson, type ApiClientError } from './fetcher';

/** One SWR call shape for every resource: `{ data, error, loading, mutate }`. */
export function useApi<T>(key: string | null, config?: SWRConfiguration<T, ApiClientError>) {
  const { data, error, isLoading, isValidating, mutate } = useSWR<T, ApiClientError>(key, fetchJson, {
    keepPreviousData: true,
    // Host state changes underneath us (other admins, snapd itself): refresh quietly.
    refreshInterval: 10_000,
    // When snapd is down, keep asking every few seconds (no exponential back-off) so
    // pages recover by themselves soon after it is back. Answers that retrying cannot
    // change (bad request, not found, logged out) are not retried.
    onErrorRetry: (error, _key, _config, revalidate, { retryCount }) => {
      if ([400, 401, 403, 404].includes(error.status)) return;
      setTimeout(() => void revalidate({ retryCount }), 3_000);
    },
    ...config,
  });
  return { data, error, loading: isLoading, validating: isValidating, mutate };
}
