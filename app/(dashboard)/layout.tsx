import type { ReactNode } from 'react';
import { requirePageSession } from '@/lib/auth/page-guard';
import { SessionProvider } from '@/components/layout/session-context';
import { ToastProvider } from '@/components/ui/toasts';

export const dynamic = 'force-dynamic';

/** Every dashboard page: a session, and toasts. Each group below draws the frame for its host (or for all). */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const session = await requirePageSession();
  return (
    <SessionProvider csrf={session.csrf}>
      <ToastProvider>{children}</ToastProvider>
    </SessionProvider>
  );
}
