/**
 * Runs ONE operation through the app's real host layer and prints the outcome
 * as a single JSON line. The access tests start it as the unprivileged user
 * `cdlab` (runuser), so that `snap` runs with that user's uid exactly as the
 * dashboard's server process would:
 *
 *   node --conditions=react-server --import tsx test/snapd/support/host-action.ts connect microk8s:network-observe [SLOT]
 *   ... disconnect PLUG [SLOT]
 *   ... connections [SNAP]
 *   ... privilege                 (lib/snap/privilege.ts: root, sudo or read-only, and why)
 *   ... microk8s ARG...           (host.run('microk8s', …): found in /snap/bin even when PATH lacks it)
 *
 * Settings come from the environment as in production (CONFINEMENT_DASHBOARD_HOST_MODE=local,
 * CONFINEMENT_DASHBOARD_SUDO=1 for sudo mode). `--conditions=react-server` makes `server-only`
 * resolve to its empty module, as it does inside Next's server bundle.
 */
import { ActionFailed, changeConnection } from '../../../lib/snap/actions';
import { connections } from '../../../lib/snap/queries';
import { isHostError } from '../../../lib/host/errors';
import { currentHost } from '../../../lib/host';
import { parseEndpointRef } from '../../../lib/validation/names';
import { hostPrivilege } from '../../../lib/snap/privilege';

export type HostActionResult =
  | { ok: true; uid: number; value: unknown }
  | {
      ok: false;
      uid: number;
      error: { type: string; message: string; code?: string; status?: number; hint?: string; changeId?: string | null; toolMessage?: string | null; stderr?: string };
    };

async function main(): Promise<HostActionResult> {
  const host = currentHost();
  const uid = process.getuid?.() ?? -1;
  const [op, a, b] = process.argv.slice(2);
  try {
    if (op === 'connect' || op === 'disconnect') {
      const plug = parseEndpointRef(a ?? '', { allowSnapOnly: false, kind: 'plug' });
      const slot = b === undefined ? null : parseEndpointRef(b, { allowSnapOnly: op === 'connect', kind: 'slot' });
      return { ok: true, uid, value: await changeConnection(host, op, plug, slot) };
    }
    if (op === 'connections') return { ok: true, uid, value: await connections(host, a) };
    if (op === 'privilege') return { ok: true, uid, value: await hostPrivilege(host) };
    if (op === 'microk8s') {
      const r = await host.run('microk8s', process.argv.slice(3), { okExitCodes: [1, 2, 126, 127] });
      return { ok: true, uid, value: { exitCode: r.exitCode, stdout: r.stdout.slice(0, 2000), stderr: r.stderr.slice(0, 2000) } };
    }
    throw new Error(`unknown operation ${String(op)}`);
  } catch (e) {
    if (e instanceof ActionFailed) {
      return { ok: false, uid, error: { type: 'ActionFailed', ...e.problem(), changeId: e.changeId } };
    }
    if (isHostError(e)) {
      return { ok: false, uid, error: { type: 'HostError', message: e.message, code: e.code, toolMessage: e.toolMessage, stderr: e.stderr } };
    }
    return { ok: false, uid, error: { type: e instanceof Error ? e.name : typeof e, message: e instanceof Error ? e.message : String(e) } };
  }
}

// (no top-level await: without "type": "module" tsx loads this file as CommonJS)
void main().then((r) => process.stdout.write(JSON.stringify(r) + '\n'));
