'use client';
import useSWR, { type SWRConfiguration } from 'swr';
import { fetchJson, type ApiClientError } from './fetcher';

/** One SWR call shape for every resource: `{ data, error, loading, mutate }`. */
export function useApi<T>(key: string | null, config?: SWRConfiguration<T, ApiClientError>) {
  const { data, error, isLoading, isValidating, mutate } = useSWR<T, ApiClientError>(key, fetchJson, {
    keepPreviousData: true,
    // Host state changes underneath us (other admins, snapd itself): refresh quietly.
    refreshInterval: 10_000,
    // Retry soon when snapd is down, so pages recover by themselves.
    errorRetryInterval: 3_000,
    ...config,
  });
  return { data, error, loading: isLoading, validating: isValidating, mutate };
}
