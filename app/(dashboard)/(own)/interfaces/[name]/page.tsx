import type { Metadata } from 'next';
import { InterfacePage } from '../../../_views/interfaces';

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }): Promise<Metadata> {
  return { title: `${(await params).name.slice(0, 60)} interface` };
}

export default async function Page({ params }: { params: Promise<{ name: string }> }) {
  return <InterfacePage hostId={null} name={(await params).name} />;
}
