import 'server-only';
import type { Host } from '../host';
import type { Problem, ProblemSource } from '../errors/problem';
import { NotFound } from '../errors/problem';
import { appendAudit } from '../audit/log';
import { isHostError } from '../host/errors';
import { startJob } from '../jobs/jobs';
import { microk8sOverview } from '../microk8s/queries';
import { classicReasonText } from '../microk8s/classic-advice';
import type { Job } from '../contracts/jobs';
import type { AddonAction } from '../contracts/microk8s';
import type { Actor } from './connection-change';

/** `microk8s enable dns` runs for minutes (it waits for the cluster): a long limit, not the 2 minutes of a connect. */
export const ADDON_TIMEOUT_MS = 20 * 60_000;

/** 409: the addon cannot be acted on here, and why (classic-only on strict, MicroK8s not running, nothing to do). */
export class AddonRefused extends Error implements ProblemSource {
  constructor(
    readonly code: 'addon-not-available' | 'microk8s-not-running' | 'nothing-to-do',
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'AddonRefused';
  }
  problem(): Problem {
    return { status: 409, code: this.code, message: this.message, ...(this.hint ? { hint: this.hint } : {}) };
  }
}

/** An addon name as microk8s takes it (`dns`, `core/dns`): checked before it can reach a command line. */
const ADDON_NAME = /^(?:(core|community)\/)?([a-z0-9][a-z0-9-]{0,62})$/;
export function isValidAddonName(s: string): boolean {
  return ADDON_NAME.test(s);
}

/**
 * `microk8s enable|disable REPO/ADDON` as a job: refused up front (409, with
 * the reason) for an addon this MicroK8s cannot run (classic-only on strict),
 * when MicroK8s is not running, or when it is already in that state. The
 * command's output is recorded as it arrives; the attempt is audited.
 */
export async function startAddonChange(host: Host, action: AddonAction, name: string, actor: Actor): Promise<Job> {
  const m = ADDON_NAME.exec(name);
  if (!m) throw new NotFound(`"${name.slice(0, 80)}" is not an addon name.`);
  const [, repo, bare] = m;
  const overview = await microk8sOverview(host);
  if (!overview.installed) throw new AddonRefused('microk8s-not-running', 'MicroK8s is not installed on this host.');
  const matches = overview.addons.filter((a) => a.name === bare && (!repo || a.repository === repo));
  const addon = matches[0];
  if (!addon) throw new NotFound(`MicroK8s ${overview.release ?? ''} has no addon "${name}".`.replace('  ', ' '));
  if (matches.length > 1) throw new NotFound(`"${bare}" is in more than one repository: name it as ${matches.map((a) => `${a.repository}/${a.name}`).join(' or ')}.`);
  const qualified = `${addon.repository}/${addon.name}`;
  if (!addon.available) {
    const why = addon.classicOnlyReason ? classicReasonText(addon.classicOnlyReason) : 'it is classic-only';
    throw new AddonRefused('addon-not-available', `${qualified} cannot run under strict confinement: ${why}`, overview.strict ? 'It needs the classic MicroK8s snap; see the Addons page for the steps to move.' : undefined);
  }
  if (overview.problem || !overview.status?.running) {
    throw new AddonRefused('microk8s-not-running', `MicroK8s is not running here, so addons cannot be ${action}d: ${overview.problem?.message ?? 'not running'}`, overview.problem?.hint);
  }
  if (addon.enabled === (action === 'enable')) throw new AddonRefused('nothing-to-do', `${qualified} is already ${action}d.`);

  const hostname = await host.hostname().catch(() => null);
  return startJob(
    { kind: 'addon', title: `microk8s ${action} ${qualified} on ${host.name}`, hosts: [host.id], steps: [{ host: host.id, hostname, action, addon: qualified }] },
    {
      async step(_step, output) {
        const audit = (result: 'ok' | 'error', error: string | null) =>
          appendAudit({ host: hostname ?? undefined, action: `addon.${action}`, target: `microk8s ${qualified}`, sessionId: actor.sessionId, clientAddress: actor.clientAddress, result, changeId: null, error, details: { addon: qualified } });
        try {
          await host.mutate((run) => run('microk8s', [action, qualified], { sudo: host.capabilities.sudo, timeoutMs: ADDON_TIMEOUT_MS, onOutput: output }));
          await audit('ok', null);
          return { ok: true, changeId: null, message: `${qualified} ${action}d` };
        } catch (e) {
          const message = isHostError(e) ? (e.toolMessage ?? e.message) : e instanceof Error ? e.message : String(e);
          await audit('error', message);
          return { ok: false, changeId: null, message };
        }
      },
      async afterHost() {
        host.invalidateReads();
      },
    },
  );
}
