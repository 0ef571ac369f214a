import { currentHost } from '@/lib/host';

/** The host's own name, or null when it cannot be read (pages say so rather than guess). */
export async function hostname(): Promise<string | null> {
  return currentHost().hostname().catch(() => null);
}

/** `Page · node-1 · Confinement Dashboard`: with several nodes in several tabs, each tab says which. */
export async function hostTitle(page?: string): Promise<string> {
  const name = (await hostname()) ?? 'unknown host';
  return [page, name, 'Confinement Dashboard'].filter(Boolean).join(' · ');
}
