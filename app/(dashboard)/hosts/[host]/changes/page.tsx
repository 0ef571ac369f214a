import type { Metadata } from 'next';
import { ChangesPage } from '../../../_views/changes';

export const metadata: Metadata = { title: 'Changes' };

export default async function Page({ params }: { params: Promise<{ host: string }> }) {
  return <ChangesPage hostId={(await params).host} />;
}
