'use client';
import Link from 'next/link';
import type { ComponentProps } from 'react';
import { useHostId } from '@/lib/hooks/host-context';
import { hostPage } from '@/lib/contracts/hosts';

/** A link to a page of the host in sight: `/snaps/x` becomes `/hosts/node-2/snaps/x` on node-2's pages. */
export function HostLink({ href, ...rest }: Omit<ComponentProps<typeof Link>, 'href'> & { href: string }) {
  return <Link href={hostPage(useHostId(), href)} {...rest} />;
}
