import { HostLink } from '@/components/layout/host-link';
import type { InterfaceInfo } from '@/lib/snap/interface-info';
import { Badge } from '@/components/ui/badge';
import { RiskBadge } from '@/components/ui/snap-badges';

/** What connecting an interface grants and how risky it is (explained on the server). */
export function InterfaceExplanation({ iface, info }: { iface: string; info: InterfaceInfo | undefined }) {
  return (
    <div className="min-w-0">
      <p className="flex flex-wrap items-center gap-2">
        <HostLink href={`/interfaces/${iface}`} className="font-mono text-sm text-indigo-700 hover:underline dark:text-indigo-300">{iface}</HostLink>
        {info ? <RiskBadge risk={info.risk} title={info.riskReason} /> : null}
        {info?.superPrivileged ? <Badge tone="critical" title="snapd's base declaration reserves this interface for snaps the store trusts">super-privileged</Badge> : null}
      </p>
      {info ? (
        <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
          <span className="font-medium">{info.title}.</span> {info.grants}
        </p>
      ) : null}
    </div>
  );
}
