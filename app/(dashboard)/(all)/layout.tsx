import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { HostFrame } from '../frame';

export const metadata: Metadata = { title: { template: '%s · all hosts · Confinement Dashboard', default: 'All hosts · Confinement Dashboard' } };

/** Pages about every host at once: the fleet, the audit trail. */
export default function AllHostsLayout({ children }: { children: ReactNode }) {
  return (
    <HostFrame hostId={null} allHostsPage>
      {children}
    </HostFrame>
  );
}
