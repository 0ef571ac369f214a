import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { hostFor } from '@/lib/host';
import { HostFrame } from '../../frame';
import { hostTitle } from '../../host-title';

export async function generateMetadata({ params }: { params: Promise<{ host: string }> }): Promise<Metadata> {
  const { host } = await params;
  return { title: { template: await hostTitle(host, '%s'), default: await hostTitle(host) } };
}

/** Another host of the fleet: the same pages, under /hosts/{id}/…. */
export default async function OtherHostLayout({ params, children }: { params: Promise<{ host: string }>; children: ReactNode }) {
  const { host } = await params;
  if (!hostFor(host)) notFound();
  return <HostFrame hostId={host}>{children}</HostFrame>;
}
