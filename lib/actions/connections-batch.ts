import 'server-only';
import type { Host } from '../host';
import { performConnectionChange, type Actor } from './connection-change';
import { startJob } from '../jobs/jobs';
import { hasProblem } from '../errors/problem';
import { endpointArg, parseEndpointRef } from '../validation/names';
import { ReadOnlyHost, hostPrivilege, manualCommand } from '../snap/privilege';
import type { ConnectionsBatchBody } from '../contracts/connections';
import type { Job } from '../contracts/jobs';

export const BATCH_JOB_KIND = 'connections-batch' as const;

function failure(e: unknown): string {
  if (hasProblem(e)) {
    const p = e.problem();
    return p.hint ? `${p.message} — ${p.hint}` : p.message;
  }
  return e instanceof Error ? e.message : String(e);
}

/**
 * Several connects (or disconnects) on one host as one server job: every name
 * is checked before the job starts (one bad item refuses the whole request), a
 * read-only host is refused before anything runs, and each step goes through
 * the ordinary connect/disconnect use case (validated again, audited, one
 * mutation at a time). The first failure stops the rest (jobs.ts skips them).
 */
export async function startConnectionsBatch(host: Host, body: ConnectionsBatchBody, actor: Actor): Promise<Job> {
  const steps = body.items.map((item) => {
    const plug = endpointArg(parseEndpointRef(item.plug, { allowSnapOnly: false, kind: 'plug' }));
    const slot = item.slot === undefined ? undefined : endpointArg(parseEndpointRef(item.slot, { allowSnapOnly: body.action === 'connect', kind: 'slot' }));
    return { plug, ...(slot ? { slot } : {}) };
  });
  const privilege = await hostPrivilege(host);
  if (privilege.privilege === 'read-only') {
    throw new ReadOnlyHost(privilege, steps.map((s) => manualCommand(body.action, s.plug, s.slot)).join(' && '));
  }
  const hostname = await host.hostname().catch(() => null);
  const verb = body.action === 'connect' ? 'Connect' : 'Disconnect';
  return startJob(
    {
      kind: BATCH_JOB_KIND,
      title: `${verb} ${steps.length} plug${steps.length === 1 ? '' : 's'} on ${hostname ?? host.name}`,
      hosts: [host.id],
      steps: steps.map((s) => ({ host: host.id, hostname, action: body.action, ...s })),
    },
    {
      async step(step) {
        if (!('plug' in step)) return { ok: false, changeId: null, message: 'not a connection step' };
        try {
          const outcome = await performConnectionChange(host, step.action, { plug: step.plug, ...(step.slot ? { slot: step.slot } : {}) }, actor);
          // snapd has not finished (hung or busy): going on would only queue more behind it.
          if (outcome.pending) return { ok: false, changeId: outcome.changeId, message: `pending: ${outcome.pending.note}; the outcome is recorded on the Activity page` };
          return { ok: true, changeId: outcome.changeId, message: outcome.message };
        } catch (e) {
          return { ok: false, changeId: null, message: failure(e) };
        }
      },
      async afterHost() {
        host.invalidateReads();
      },
    },
  );
}
