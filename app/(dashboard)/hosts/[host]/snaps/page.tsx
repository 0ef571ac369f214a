import type { Metadata } from 'next';
import { SnapsPage } from '../../../_views/snaps';

export const metadata: Metadata = { title: 'Snaps' };

export default async function Page({ params }: { params: Promise<{ host: string }> }) {
  return <SnapsPage hostId={(await params).host} />;
}
