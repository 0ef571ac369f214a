import 'server-only';
import crypto from 'node:crypto';
import { STEP_OUTPUT_LIMIT, type Job, type JobKind, type JobStep, type JobStepInit } from '../contracts/jobs';
import type { Problem, ProblemSource } from '../errors/problem';

/**
 * Batches that outlive the request that started them: the server runs them
 * step by step, anyone can read their progress (a reload, another tab), and a
 * host runs one job at a time. Kept in memory (on globalThis: pages and routes
 * are bundled apart), the last few finished ones too.
 */

const KEEP_FINISHED = 50;

interface JobStore {
  jobs: Map<string, Job>;
  cancel: Set<string>;
}

const STORE_KEY = Symbol.for('confinement-dashboard.jobs');
function store(): JobStore {
  const holder = globalThis as { [STORE_KEY]?: JobStore };
  holder[STORE_KEY] ??= { jobs: new Map(), cancel: new Set() };
  return holder[STORE_KEY];
}

/** 409: a host is busy with another job (its id comes along so the page can follow it). */
export class HostBusy extends Error implements ProblemSource {
  constructor(
    readonly host: string,
    readonly jobId: string,
  ) {
    super(`Host ${host} is already running job ${jobId}.`);
    this.name = 'HostBusy';
  }
  problem(): Problem {
    return { status: 409, code: 'job-running', message: this.message, hint: `Follow it at /api/jobs/${this.jobId}, or cancel it first.`, jobId: this.jobId };
  }
}

const copy = (job: Job): Job => structuredClone(job);

export function getJob(id: string): Job | null {
  const job = store().jobs.get(id);
  return job ? copy(job) : null;
}

/** Every job, newest first; with `host`, only the jobs that act on it. */
export function listJobs(host?: string): Job[] {
  return [...store().jobs.values()]
    .filter((j) => host === undefined || j.hosts.includes(host))
    .reverse()
    .map(copy);
}

/** The job a host is busy with (queued or running), if any. */
export function runningOn(host: string): Job | undefined {
  for (const job of store().jobs.values()) if ((job.state === 'queued' || job.state === 'running') && job.hosts.includes(host)) return job;
  return undefined;
}

export interface JobRunner {
  /**
   * Runs one step; resolves with its outcome. Steps of a host run in order.
   * `output` records what a long command printed so far (its tail is kept).
   */
  step(step: JobStep, output: (text: string) => void): Promise<{ ok: boolean; changeId: string | null; message: string }>;
  /** After a host's steps: read its state back (errors are recorded, not thrown). */
  afterHost?(host: string): Promise<void>;
}

/**
 * Starts a job and returns it at once; its steps run in the background, host
 * by host. A failed step fails the rest of that host's steps (they are
 * skipped), never the other hosts'.
 */
export function startJob(
  init: { kind: JobKind; title: string; hosts: string[]; steps: JobStepInit[]; hostErrors?: Record<string, string> },
  runner: JobRunner,
): Job {
  for (const host of init.hosts) {
    const busy = runningOn(host);
    if (busy) throw new HostBusy(host, busy.id);
  }
  const job: Job = {
    id: crypto.randomBytes(9).toString('base64url'),
    kind: init.kind,
    title: init.title,
    state: 'queued',
    hosts: [...init.hosts],
    steps: init.steps.map((s) => ({ ...s, state: 'queued', changeId: null, message: null })),
    createdAt: new Date().toISOString(),
    finishedAt: null,
    hostErrors: { ...init.hostErrors },
  };
  const { jobs } = store();
  jobs.set(job.id, job);
  prune();
  // A background task: a failure ends the job as failed, never the server.
  void run(job, runner).catch((e: unknown) => {
    job.state = 'failed';
    job.finishedAt ??= new Date().toISOString();
    console.error(`[confinement-dashboard] job ${job.id} failed: ${e instanceof Error ? e.message : String(e)}`);
  });
  return copy(job);
}

/** Asks a job to stop before its next step (a step in flight finishes: snapd changes are not interrupted). */
export function cancelJob(id: string): Job | null {
  const job = store().jobs.get(id);
  if (!job) return null;
  if (job.state === 'queued' || job.state === 'running') store().cancel.add(id);
  return copy(job);
}

async function run(job: Job, runner: JobRunner): Promise<void> {
  job.state = 'running';
  const cancelled = () => store().cancel.has(job.id);
  for (const host of job.hosts) {
    let failed = false;
    for (const step of job.steps.filter((s) => s.host === host)) {
      if (cancelled() || failed) {
        step.state = 'skipped';
        step.message = cancelled() ? 'cancelled before it started' : 'skipped: an earlier step on this host failed';
        continue;
      }
      step.state = 'running';
      try {
        const r = await runner.step(step, (text) => {
          const all = (step.output ?? '') + text;
          step.output = all.length > STEP_OUTPUT_LIMIT ? all.slice(all.length - STEP_OUTPUT_LIMIT) : all;
        });
        step.state = r.ok ? 'done' : 'failed';
        step.changeId = r.changeId;
        step.message = r.message;
        failed = !r.ok;
      } catch (e) {
        step.state = 'failed';
        step.message = e instanceof Error ? e.message : String(e);
        failed = true;
      }
    }
    if (runner.afterHost) {
      try {
        await runner.afterHost(host);
      } catch (e) {
        job.hostErrors[host] = e instanceof Error ? e.message : String(e);
      }
    }
  }
  job.state = cancelled() ? 'cancelled' : job.steps.some((s) => s.state === 'failed') ? 'failed' : 'done';
  job.finishedAt = new Date().toISOString();
  store().cancel.delete(job.id);
}

function prune(): void {
  const { jobs } = store();
  const finished = [...jobs.values()].filter((j) => j.finishedAt);
  for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) jobs.delete(j.id);
}
