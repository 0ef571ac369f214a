import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { HostFrame } from '../frame';
import { hostTitle } from '../host-title';

// The template reaches the pages below; the Overview (this segment's own page) sets its title itself.
export async function generateMetadata(): Promise<Metadata> {
  return { title: { template: await hostTitle(null, '%s'), default: await hostTitle(null) } };
}

/** The dashboard's own host, at the short URLs. */
export default function OwnHostLayout({ children }: { children: ReactNode }) {
  return <HostFrame hostId={null}>{children}</HostFrame>;
}
