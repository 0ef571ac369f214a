import 'server-only';
import type { Host } from '../host';
import { performConnectionChange, type Actor } from '../actions/connection-change';
import { describeFailure } from './hosts';
import { startJob } from '../jobs/jobs';
import { connections } from '../snap/queries';
import type { Job, JobStepInit } from '../contracts/jobs';
import type { Profile } from '../contracts/profiles';
import { planAll } from './profiles';

/**
 * Brings hosts to a profile as one server-side job: each host's plan is
 * worked out now, then its disconnects and connects run one by one through the
 * normal (validated, audited) path, host by host. A host that fails keeps its
 * error and the others go on; every host is read back at the end.
 */
export async function applyProfile(hosts: Host[], profile: Profile, actor: Actor): Promise<Job> {
  const plans = await planAll(hosts, profile);
  const byId = new Map(hosts.map((h) => [h.id, h]));
  const steps: JobStepInit[] = [];
  for (const plan of plans) {
    for (const d of plan.disconnect) steps.push({ host: plan.host, hostname: plan.hostname, action: 'disconnect', plug: `${profile.snap}:${d.plug}`, slot: d.slot });
    for (const c of plan.connect) steps.push({ host: plan.host, hostname: plan.hostname, action: 'connect', plug: `${profile.snap}:${c.plug}`, ...(c.slot ? { slot: c.slot } : {}) });
  }
  // Hosts whose plan could not be made: the job says so from the start.
  const hostErrors = Object.fromEntries(plans.filter((p) => p.error).map((p) => [p.host, p.error ?? '']));
  return startJob(
    { kind: 'profile-apply', title: `Apply profile ${profile.name} (${profile.snap}) to ${hosts.map((h) => h.name).join(', ')}`, hosts: hosts.map((h) => h.id), steps, hostErrors },
    {
      async step(step) {
        const host = byId.get(step.host);
        if (!host) return { ok: false, changeId: null, message: 'the host is gone' };
        if (step.action !== 'connect' && step.action !== 'disconnect') return { ok: false, changeId: null, message: `not a profile step: ${step.action}` };
        try {
          const outcome = await performConnectionChange(host, step.action, { plug: step.plug, ...(step.slot ? { slot: step.slot } : {}) }, actor);
          // Not finished in time: the change is followed and its outcome audited; the job says so, not "done".
          if (outcome.pending) return { ok: false, changeId: outcome.changeId, message: `pending: ${outcome.pending.note}; the outcome is recorded on the Activity page` };
          return { ok: true, changeId: outcome.changeId, message: outcome.message };
        } catch (e) {
          return { ok: false, changeId: null, message: describeFailure(e) };
        }
      },
      async afterHost(id) {
        const host = byId.get(id);
        if (!host) return;
        host.invalidateReads();
        await connections(host, profile.snap);
      },
    },
  );
}
