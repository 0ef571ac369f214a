import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { requirePageSession } from '@/lib/auth/page-guard';
import { currentHost } from '@/lib/host';
import { AppShell } from '@/components/layout/app-shell';
import { SessionProvider } from '@/components/layout/session-context';
import { ToastProvider } from '@/components/ui/toasts';

export const dynamic = 'force-dynamic';

/** The host's own name, or null when it cannot be read (the page says so rather than guess). */
async function hostname(): Promise<string | null> {
  return currentHost().hostname().catch(() => null);
}

// With several nodes open in several tabs, the tab title says which node each one is.
export async function generateMetadata(): Promise<Metadata> {
  const name = (await hostname()) ?? 'unknown host';
  return { title: { template: `%s · ${name} · Confinement Dashboard`, default: `${name} · Confinement Dashboard` } };
}

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const session = await requirePageSession();
  const host = currentHost();
  return (
    <SessionProvider csrf={session.csrf}>
      <ToastProvider>
        <AppShell simulated={host.capabilities.simulated} hostname={await hostname()}>
          {children}
        </AppShell>
      </ToastProvider>
    </SessionProvider>
  );
}
