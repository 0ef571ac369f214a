import type { Metadata } from 'next';
import { hostTitle } from '../host-title';
import { OverviewPage } from '../_views/overview';

export async function generateMetadata(): Promise<Metadata> {
  return { title: { absolute: await hostTitle(null, 'Overview') } };
}

export default function Page() {
  return <OverviewPage hostId={null} />;
}
