'use client';
import { createContext, useContext, type ReactNode } from 'react';

/**
 * The host the pages below are about: null for the dashboard's own host (the
 * short URLs), else the id from `/hosts/{id}/…`. Hooks build their API keys
 * with it and links stay on the same host.
 */
const HostContext = createContext<string | null>(null);

export function HostProvider({ hostId, children }: { hostId: string | null; children: ReactNode }) {
  return <HostContext.Provider value={hostId}>{children}</HostContext.Provider>;
}

export function useHostId(): string | null {
  return useContext(HostContext);
}
