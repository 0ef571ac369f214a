import type { Metadata } from 'next';
import { hostTitle } from '../../host-title';
import { OverviewPage } from '../../_views/overview';

export async function generateMetadata({ params }: { params: Promise<{ host: string }> }): Promise<Metadata> {
  return { title: { absolute: await hostTitle((await params).host, 'Overview') } };
}

export default async function Page({ params }: { params: Promise<{ host: string }> }) {
  return <OverviewPage hostId={(await params).host} />;
}
