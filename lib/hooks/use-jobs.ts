'use client';
import { useCallback } from 'react';
import { useSWRConfig } from 'swr';
import { useApi } from './use-api';
import { useHostId } from './host-context';
import { sendJson } from './fetcher';
import { hostApi } from '../contracts/hosts';
import { JOBS_KEY, jobKey, jobsKey, type Job, type JobsResponse, type StartJobBody, type StartJobResponse } from '../contracts/jobs';

/** This host's jobs (newest first): a page finds the one still running after a reload, or in another tab. */
export function useHostJobs(refreshInterval = 3_000) {
  return useApi<JobsResponse>(jobsKey(useHostId()), { refreshInterval });
}

/** Every host's jobs (Activity). */
export function useAllJobs() {
  return useApi<JobsResponse>(JOBS_KEY, { refreshInterval: 5_000 });
}

/** Starts and cancels jobs on this host; every cached answer is revalidated after. */
export function useJobActions(csrf: string) {
  const host = useHostId();
  const { mutate } = useSWRConfig();
  const start = useCallback(async (body: StartJobBody) => {
    const job = await sendJson<StartJobResponse>('POST', hostApi(host, '/jobs'), body, csrf);
    void mutate(jobsKey(host));
    return job;
  }, [host, csrf, mutate]);
  const cancel = useCallback(async (id: string) => {
    const job = await sendJson<Job>('POST', `${jobKey(id)}/cancel`, {}, csrf);
    void mutate(jobKey(id), job, { revalidate: true });
    return job;
  }, [csrf, mutate]);
  return { start, cancel };
}
