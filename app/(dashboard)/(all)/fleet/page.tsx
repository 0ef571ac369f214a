import type { Metadata } from 'next';
import { requirePageSession } from '@/lib/auth/page-guard';
import { allHosts, currentHost } from '@/lib/host';
import { FleetView } from '@/components/fleet/fleet-view';

export const metadata: Metadata = { title: 'Fleet' };

// The hosts are listed at once (no host is asked to draw the page); their rows fill in as they answer.
export default async function FleetPage() {
  await requirePageSession();
  return <FleetView hosts={allHosts().map((h) => ({ id: h.id, name: h.name }))} ownHostId={currentHost().id} simulated={currentHost().capabilities.simulated} />;
}
