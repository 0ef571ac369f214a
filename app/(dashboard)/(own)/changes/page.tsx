import type { Metadata } from 'next';
import { ChangesPage } from '../../_views/changes';

export const metadata: Metadata = { title: 'Changes' };

export default function Page() {
  return <ChangesPage hostId={null} />;
}
