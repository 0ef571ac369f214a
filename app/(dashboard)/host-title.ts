import 'server-only';
import { currentHost, hostFor } from '@/lib/host';

/** A host's own name, or null when it cannot be read (pages say so rather than guess). */
export async function hostnameOf(hostId: string | null): Promise<string | null> {
  const host = hostId === null ? currentHost() : hostFor(hostId);
  return host ? host.hostname().catch(() => null) : null;
}

/** `Page · node-1 · Confinement Dashboard`: with several nodes in several tabs, each tab says which. */
export async function hostTitle(hostId: string | null, page?: string): Promise<string> {
  const name = (await hostnameOf(hostId)) ?? (hostId ?? 'unknown host');
  return [page, name, 'Confinement Dashboard'].filter(Boolean).join(' · ');
}
