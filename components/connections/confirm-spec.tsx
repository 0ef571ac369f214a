import type { InterfaceInfo, InterfaceRisk } from '@/lib/snap/interface-info';
import type { ConfirmSpec } from '@/components/ui/confirm-dialog';
import { RiskBadge } from '@/components/ui/snap-badges';
import type { ConnectionRequest } from './use-connect';

/** The exact command a connect/disconnect runs, as an admin would type it. */
export function commandFor(req: ConnectionRequest): string {
  return `sudo snap ${req.action} ${req.plug}${req.slot ? ` ${req.slot}` : ''}`;
}

/** Connecting an interface this risky asks first; so does one whose risk is unknown (nothing says it is safe). */
export function needsConnectConfirm(info: InterfaceInfo | undefined): boolean {
  return !!info && (info.risk === 'high' || info.risk === 'critical' || info.risk === 'unknown' || info.superPrivileged);
}

function Grants({ iface, info }: { iface: string; info: InterfaceInfo }) {
  return (
    <p>
      <span className="font-mono font-medium">{iface}</span> <RiskBadge risk={info.risk} title={info.riskReason} />
      {info.superPrivileged ? <span className="ml-1 text-xs font-medium text-fuchsia-800 dark:text-fuchsia-300">super-privileged</span> : null}
      <br />
      <span className="font-medium">{info.title}.</span> {info.grants} <span className="text-slate-600 dark:text-slate-400">{info.riskReason}</span>
    </p>
  );
}

/** The confirmation for one connect of a high/critical, unknown-risk or super-privileged interface, else null. */
export function connectConfirmation(req: ConnectionRequest, iface: string, info: InterfaceInfo | undefined): ConfirmSpec | null {
  if (!info || !needsConnectConfirm(info)) return null;
  return {
    title: `Connect ${req.plug}?`,
    tone: info.risk === 'critical' || info.superPrivileged ? 'danger' : 'warn',
    body: <Grants iface={iface} info={info} />,
    commands: [commandFor(req)],
    confirmLabel: `Connect ${req.plug}`,
  };
}

/** Disconnecting a plug strict MicroK8s requires stops it; any other disconnect needs no question. */
export function disconnectConfirmation(req: ConnectionRequest, requiredByMicrok8s: boolean): ConfirmSpec | null {
  if (!requiredByMicrok8s) return null;
  return {
    title: `Disconnect ${req.plug}?`,
    tone: 'danger',
    body: (
      <>
        <p className="font-semibold text-rose-800 dark:text-rose-300">MicroK8s will stop: blocked.</p>
        <p>
          Strict MicroK8s requires <span className="font-mono">{req.plug}</span>. Without it the snap sets its health to <strong>blocked</strong> (&ldquo;You must connect … before proceeding&rdquo;) and its services do not start: the
          Kubernetes node goes down with its workloads.
        </p>
      </>
    ),
    commands: [commandFor(req)],
    confirmLabel: `Disconnect and block MicroK8s`,
  };
}

// 'unknown' (an interface the dashboard has no explanation for, or none at all) could be anything: it comes right after the known high risks
const RISK_ORDER: InterfaceRisk[] = ['critical', 'high', 'unknown', 'medium', 'low'];

/** Connect all required: every connect it will run, grouped by risk, with what each grants. */
export function connectAllConfirmation(steps: ConnectionRequest[], interfaceOf: (plug: string) => string | null, infos: Record<string, InterfaceInfo>): ConfirmSpec {
  const rows = steps.map((req) => {
    const iface = interfaceOf(req.plug) ?? '';
    return { req, iface, info: infos[iface] };
  });
  const groups = RISK_ORDER.map((risk) => ({ risk, rows: rows.filter((r) => (r.info?.risk ?? 'unknown') === risk) })).filter((g) => g.rows.length);
  return {
    title: `Connect ${steps.length} required interface${steps.length === 1 ? '' : 's'}?`,
    tone: groups.some((g) => g.risk === 'critical') ? 'danger' : 'warn',
    body: (
      <>
        <p>Strict MicroK8s needs all of these to start. Together they give it what a Kubernetes node has: read this before going on.</p>
        {groups.map((g) => (
          <section key={g.risk} aria-label={`${g.risk} risk`} data-testid={`confirm-group-${g.risk}`}>
            <h3 className="mt-2 flex items-center gap-2 font-semibold">
              <RiskBadge risk={g.risk} /> {g.rows.length} interface{g.rows.length === 1 ? '' : 's'}
            </h3>
            <ul className="ml-1 space-y-1">
              {g.rows.map(({ req, iface, info }) => (
                <li key={req.plug}>
                  <span className="font-mono">{req.plug}</span>
                  {iface && `${req.plug.split(':')[1]}` !== iface ? <span className="text-slate-600 dark:text-slate-400"> ({iface})</span> : null}
                  {info ? <span className="text-slate-700 dark:text-slate-300">: {info.title}{info.superPrivileged ? ' (super-privileged)' : ''}. {info.grants}</span> : null}
                </li>
              ))}
            </ul>
          </section>
        ))}
        <p className="text-slate-600 dark:text-slate-400">The server runs them one by one as a job: you can reload or leave this page, and cancel between steps.</p>
      </>
    ),
    commands: steps.map(commandFor),
    confirmLabel: `Connect all ${steps.length}`,
  };
}
