import type { Metadata } from 'next';
import { AddonsPage } from '../../../_views/addons';

export const metadata: Metadata = { title: 'MicroK8s addons' };

export default async function Page({ params }: { params: Promise<{ host: string }> }) {
  return <AddonsPage hostId={(await params).host} />;
}
