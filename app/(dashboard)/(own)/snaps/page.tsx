import type { Metadata } from 'next';
import { SnapsPage } from '../../_views/snaps';

export const metadata: Metadata = { title: 'Snaps' };

export default function Page() {
  return <SnapsPage hostId={null} />;
}
