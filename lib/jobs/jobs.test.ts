import { describe, expect, it } from 'vitest';
import { HostBusy, cancelJob, getJob, startJob, type JobRunner } from './jobs';

const steps = (host: string, n: number) => Array.from({ length: n }, (_, i) => ({ host, hostname: host, action: 'connect' as const, plug: `s:p${i}` }));

async function finished(id: string) {
  for (let i = 0; i < 200; i++) {
    const job = getJob(id);
    if (job?.finishedAt) return job;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('job did not finish');
}

describe('server-side jobs', () => {
  it('runs steps host by host; a failed step skips the rest of its host only', async () => {
    const ran: string[] = [];
    const runner: JobRunner = {
      async step(s) {
        ran.push(`${s.host} ${'plug' in s ? s.plug : ''}`);
        return s.host === 'a' && 'plug' in s && s.plug === 's:p1' ? { ok: false, changeId: null, message: 'refused' } : { ok: true, changeId: '7', message: 'ok' };
      },
    };
    const job = startJob({ kind: 'connect-required', title: 't', hosts: ['a', 'b'], steps: [...steps('a', 3), ...steps('b', 2)] }, runner);
    expect(['queued', 'running']).toContain(job.state);
    const done = await finished(job.id);
    expect(done.state).toBe('failed');
    expect(ran).toEqual(['a s:p0', 'a s:p1', 'b s:p0', 'b s:p1']);
    expect(done.steps.map((s) => s.state)).toEqual(['done', 'failed', 'skipped', 'done', 'done']);
    expect(done.steps[0]?.changeId).toBe('7');
  });

  it('refuses a second job on a busy host with the running job’s id (409), and cancels between steps', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const runner: JobRunner = { step: async () => (await gate, { ok: true, changeId: null, message: 'ok' }) };
    const first = startJob({ kind: 'connect-required', title: 't', hosts: ['busy'], steps: steps('busy', 3) }, runner);
    let refused: unknown;
    try {
      startJob({ kind: 'connect-required', title: 't', hosts: ['other', 'busy'], steps: [] }, runner);
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(HostBusy);
    expect((refused as HostBusy).problem()).toMatchObject({ status: 409, code: 'job-running' });
    expect((refused as HostBusy).jobId).toBe(first.id);
    cancelJob(first.id);
    release();
    const done = await finished(first.id);
    expect(done.state).toBe('cancelled');
    expect(done.steps.map((s) => s.state)).toEqual(['done', 'skipped', 'skipped']);
  });

  it('records a host that could not be read back, without failing the job', async () => {
    const job = startJob({ kind: 'connect-required', title: 't', hosts: ['c'], steps: steps('c', 1) }, { step: async () => ({ ok: true, changeId: null, message: 'ok' }), afterHost: async () => { throw new Error('gone'); } });
    const done = await finished(job.id);
    expect(done).toMatchObject({ state: 'done', hostErrors: { c: 'gone' } });
  });
});
