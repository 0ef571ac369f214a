import 'server-only';
import type { Host } from '../host';
import type { ProblemSource, Problem } from '../errors/problem';
import { InvalidInput } from '../errors/problem';
import { startJob } from '../jobs/jobs';
import { connections } from '../snap/queries';
import { requiredInterfaceStates } from '../microk8s/required';
import { describeFailure } from '../fleet/hosts';
import { performConnectionChange, type Actor } from './connection-change';
import { ReadOnlyHost, hostPrivilege, manualCommand } from '../snap/privilege';
import type { Job, JobStepInit } from '../contracts/jobs';

/** 409: every plug strict MicroK8s requires is connected already. */
export class NothingToDo extends Error implements ProblemSource {
  problem(): Problem {
    return { status: 409, code: 'nothing-to-do', message: this.message };
  }
}

/**
 * The required plugs not connected yet, each with the slot it goes to: the
 * system slot named after its interface (`microk8s:k8s-kubelet :kubernetes-support`),
 * which is the slot snapd picks itself for these plugs; a plug whose interface
 * is unknown is left to snapd (`snap connect microk8s:plug`).
 */
export async function requiredSteps(host: Host, snap: string): Promise<JobStepInit[]> {
  const hostname = await host.hostname().catch(() => null);
  const states = requiredInterfaceStates(await connections(host, snap), snap);
  return states
    .filter((s) => !s.connected)
    .map((s) => ({ host: host.id, hostname, action: 'connect' as const, plug: `${snap}:${s.plug}`, ...(s.interface ? { slot: `:${s.interface}` } : {}) }));
}

/**
 * "Connect all required" as a server-side job: each missing plug is connected
 * through the normal (validated, audited) connect path, one by one; a refusal
 * stops the rest. Returns at once; progress is read with GET /api/jobs/{id}.
 */
export async function startConnectRequired(host: Host, snap: string, actor: Actor): Promise<Job> {
  if (snap !== 'microk8s') throw new InvalidInput('unknown-required', `Only strict MicroK8s has a known list of required plugs (asked for "${snap}").`);
  const steps = await requiredSteps(host, snap);
  if (steps.length === 0) throw new NothingToDo(`Every plug strict MicroK8s requires is already connected on ${host.name}.`);
  // A read-only host is refused before anything runs (403 with the commands to run by hand).
  const privilege = await hostPrivilege(host);
  if (privilege.privilege === 'read-only') {
    throw new ReadOnlyHost(privilege, steps.map((s) => ('plug' in s ? manualCommand('connect', s.plug, s.slot) : '')).filter(Boolean).join(' && '));
  }
  return startJob(
    { kind: 'connect-required', title: `Connect the ${steps.length} missing required interfaces of ${snap} on ${host.name}`, hosts: [host.id], steps },
    {
      async step(step) {
        if (!('plug' in step)) return { ok: false, changeId: null, message: 'not a connect step' };
        try {
          const outcome = await performConnectionChange(host, 'connect', { plug: step.plug, ...(step.slot ? { slot: step.slot } : {}) }, actor);
          // snapd has not finished (hung or busy): going on would only queue more behind it.
          if (outcome.pending) return { ok: false, changeId: outcome.changeId, message: `pending: ${outcome.pending.note}; the outcome is recorded on the Activity page` };
          return { ok: true, changeId: outcome.changeId, message: outcome.message };
        } catch (e) {
          return { ok: false, changeId: e instanceof Error && 'changeId' in e && typeof e.changeId === 'string' ? e.changeId : null, message: describeFailure(e) };
        }
      },
      async afterHost() {
        host.invalidateReads();
        await connections(host, snap);
      },
    },
  );
}
