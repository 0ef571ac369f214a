import { z } from 'zod';
import { isValidSnapName } from '../validation/names';
/** GET /api/jobs/{id}: a batch the server runs step by step (a profile applied to several hosts, Connect all required, an addon). */

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
export type StepState = 'queued' | 'running' | 'done' | 'failed' | 'skipped';

/** What a step does: a snap connect/disconnect, or `microk8s enable|disable ADDON`. */
export type JobStepAction =
  | { action: 'connect' | 'disconnect'; plug: string; slot?: string }
  | { action: 'enable' | 'disable'; addon: string };

export type JobStep = JobStepAction & {
  /** The host's id, and its name at the time. */
  host: string;
  hostname: string | null;
  state: StepState;
  /** snapd's change id, when the step started one. */
  changeId: string | null;
  message: string | null;
  /** A long-running command's output so far (microk8s enable), its tail when long. */
  output?: string;
};

/** A step as the job is started with (no state yet). */
export type JobStepInit = JobStepAction & { host: string; hostname: string | null };

export type JobKind = 'profile-apply' | 'connect-required' | 'addon' | 'connections-batch';

export interface Job {
  id: string;
  kind: JobKind;
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

/** The step in the admin's words, as the command it runs (without sudo). */
export function stepCommand(step: JobStepAction): string {
  if ('addon' in step) return `microk8s ${step.action} ${step.addon}`;
  return `snap ${step.action} ${step.plug}${step.slot ? ` ${step.slot}` : ''}`;
}

export function jobKey(id: string): string {
  return `/api/jobs/${encodeURIComponent(id)}`;
}
export const JOBS_KEY = '/api/jobs';
/**
 * GET /api/jobs lists every host's jobs (Activity); `?scope=host` and
 * /api/hosts/{host}/jobs only the jobs acting on that host (a page looking
 * for a running job), newest first.
 */
export function jobsKey(host: string | null): string {
  return host ? `/api/hosts/${encodeURIComponent(host)}/jobs` : `${JOBS_KEY}?scope=host`;
}
export const jobsQuerySchema = z.object({ scope: z.enum(['host', 'all']).optional() }).strict();
export interface JobsResponse {
  jobs: Job[];
}

/** POST /api/jobs: the jobs a page can start by kind (the fleet's profile apply has its own route). */
export const JOB_KINDS_STARTABLE = ['connect-required'] as const;
export const startJobSchema = z
  .object({ kind: z.enum(JOB_KINDS_STARTABLE), snap: z.string().refine(isValidSnapName, 'invalid snap name') })
  .strict();
export type StartJobBody = z.infer<typeof startJobSchema>;
/** 202: the job as it starts; follow `jobKey(id)`. */
export type StartJobResponse = Job;
/** How much of a command's output a step keeps (the tail). */
export const STEP_OUTPUT_LIMIT = 64 * 1024;
