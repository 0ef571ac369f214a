/** GET /api/jobs/{id}: a batch the server runs step by step (a profile applied to several hosts, say). */

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
export type StepState = 'queued' | 'running' | 'done' | 'failed' | 'skipped';

export interface JobStep {
  /** The host's id, and its name at the time. */
  host: string;
  hostname: string | null;
  action: 'connect' | 'disconnect';
  plug: string;
  slot?: string;
  state: StepState;
  /** snapd's change id, when the step started one. */
  changeId: string | null;
  message: string | null;
}

export interface Job {
  id: string;
  kind: string;
  /** What the admin asked for, in words. */
  title: string;
  state: JobState;
  /** The hosts the job acts on; none of them runs another job meanwhile. */
  hosts: string[];
  steps: JobStep[];
  createdAt: string;
  finishedAt: string | null;
  /** Per host: what went wrong when the host could not be reached or read back. */
  hostErrors: Record<string, string>;
}

export function jobKey(id: string): string {
  return `/api/jobs/${encodeURIComponent(id)}`;
}
export const JOBS_KEY = '/api/jobs';
export interface JobsResponse {
  jobs: Job[];
}
