import type { ReactNode } from 'react';
import { requirePageSession } from '@/lib/auth/page-guard';
import { ToastProvider } from '@/components/ui/toasts';
import { PendingChangesProvider } from '@/components/connections/pending-watch';
import { ConfirmProvider } from '@/components/ui/confirm-dialog';

export const dynamic = 'force-dynamic';

/**
 * Every dashboard page: a live session (the request key stays in the browser, never in the
 * page), toasts, confirmations, and the follow-up of changes snapd had not finished when answered. Each group below draws the frame for its host, or for all of them.
 */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  await requirePageSession();
  return (
    <ToastProvider>
      <PendingChangesProvider>
        <ConfirmProvider>{children}</ConfirmProvider>
      </PendingChangesProvider>
    </ToastProvider>
  );
}
