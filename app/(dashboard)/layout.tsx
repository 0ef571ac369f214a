import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { requirePageSession } from '@/lib/auth/page-guard';
import { currentHost } from '@/lib/host';
import { hostTitle, hostname } from './host-title';
import { AppShell } from '@/components/layout/app-shell';
import { ToastProvider } from '@/components/ui/toasts';

export const dynamic = 'force-dynamic';

// The template applies to the pages below this segment; the Overview page (this segment's own) sets its title itself.
export async function generateMetadata(): Promise<Metadata> {
  return { title: { template: await hostTitle('%s'), default: await hostTitle() } };
}

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  await requirePageSession();
  const host = currentHost();
  return (
    <ToastProvider>
      <AppShell simulated={host.capabilities.simulated} hostname={await hostname()}>
        {children}
      </AppShell>
    </ToastProvider>
  );
}
