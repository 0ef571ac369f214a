'use client';
import { createContext, useContext, type ReactNode } from 'react';

/** The CSRF token of the current session, for state-changing requests. */
const SessionContext = createContext<{ csrf: string } | null>(null);

export function SessionProvider({ csrf, children }: { csrf: string; children: ReactNode }) {
  return <SessionContext.Provider value={{ csrf }}>{children}</SessionContext.Provider>;
}

export function useCsrf(): string {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useCsrf outside SessionProvider');
  return s.csrf;
}
