import type { Metadata } from 'next';
import { InterfacesPage } from '../../../_views/interfaces';

export const metadata: Metadata = { title: 'Interfaces' };

export default async function Page({ params }: { params: Promise<{ host: string }> }) {
  return <InterfacesPage hostId={(await params).host} />;
}
