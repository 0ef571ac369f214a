import 'server-only';
import { notFound } from 'next/navigation';
import { currentHost, hostFor, type Host } from '@/lib/host';

/** The host a page is about: its own host without an id; an unknown id is the 404 page. */
export function hostForPage(hostId: string | null): Host {
  if (hostId === null) return currentHost();
  return hostFor(hostId) ?? notFound();
}
