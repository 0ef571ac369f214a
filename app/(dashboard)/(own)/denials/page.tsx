import type { Metadata } from 'next';
import { DenialsPage } from '../../_views/denials';

export const metadata: Metadata = { title: 'Denials' };

export default function Page() {
  return <DenialsPage hostId={null} />;
}
