import type { Metadata } from 'next';
import { InterfacesPage } from '../../_views/interfaces';

export const metadata: Metadata = { title: 'Interfaces' };

export default function Page() {
  return <InterfacesPage hostId={null} />;
}
