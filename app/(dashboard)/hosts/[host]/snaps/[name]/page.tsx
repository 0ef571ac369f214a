import type { Metadata } from 'next';
import { SnapPage } from '../../../../_views/snaps';

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }): Promise<Metadata> {
  return { title: (await params).name.slice(0, 40) };
}

export default async function Page({ params }: { params: Promise<{ host: string; name: string }> }) {
  const { host, name } = await params;
  return <SnapPage hostId={host} name={name} />;
}
