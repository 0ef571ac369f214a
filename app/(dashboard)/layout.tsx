import type { ReactNode } from 'react';
import { requirePageSession } from '@/lib/auth/page-guard';
import { settings } from '@/lib/config';
import { AppShell } from '@/components/layout/app-shell';
import { SessionProvider } from '@/components/layout/session-context';
import { ToastProvider } from '@/components/ui/toasts';

export const dynamic = 'force-dynamic';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const session = await requirePageSession();
  return (
    <SessionProvider csrf={session.csrf}>
      <ToastProvider>
        <AppShell mode={settings().hostMode}>{children}</AppShell>
      </ToastProvider>
    </SessionProvider>
  );
}
