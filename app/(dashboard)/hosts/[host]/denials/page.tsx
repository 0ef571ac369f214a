import type { Metadata } from 'next';
import { DenialsPage } from '../../../_views/denials';

export const metadata: Metadata = { title: 'Denials' };

export default async function Page({ params }: { params: Promise<{ host: string }> }) {
  return <DenialsPage hostId={(await params).host} />;
}
