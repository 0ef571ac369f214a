import type { Metadata } from 'next';
import { AddonsPage } from '../../_views/addons';

export const metadata: Metadata = { title: 'MicroK8s addons' };

export default function Page() {
  return <AddonsPage hostId={null} />;
}
