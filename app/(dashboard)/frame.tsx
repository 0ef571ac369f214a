import 'server-only';
import type { ReactNode } from 'react';
import { allHosts, currentHost } from '@/lib/host';
import { HostProvider } from '@/lib/hooks/host-context';
import { AppShell } from '@/components/layout/app-shell';
import { hostnameOf } from './host-title';

/**
 * The frame of a page: header, navigation, host switcher, and the name of the
 * host the page acts on (null: a page about all hosts). Listing the hosts costs
 * nothing: no host is asked anything to draw the switcher.
 */
export async function HostFrame({ hostId, allHostsPage = false, children }: { hostId: string | null; allHostsPage?: boolean; children: ReactNode }) {
  const own = currentHost();
  const hosts = allHosts().map((h) => ({ id: h.id, name: h.name }));
  const hostname = allHostsPage ? null : await hostnameOf(hostId);
  return (
    <HostProvider hostId={hostId}>
      <AppShell simulated={own.capabilities.simulated} hostId={hostId} ownHostId={own.id} hostname={hostname} allHostsPage={allHostsPage} hosts={hosts}>
        {children}
      </AppShell>
    </HostProvider>
  );
}
