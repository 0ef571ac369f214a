import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Shield } from 'lucide-react';
import { currentSession } from '@/lib/auth/session';
import { LoginForm } from '@/components/auth/login-form';
import { DemoBanner } from '@/components/layout/demo-banner';
import { currentHost } from '@/lib/host';

export const metadata: Metadata = { title: 'Log in' };
// The CSP nonce needs a per-request render (currentSession() reads cookies too).
export const dynamic = 'force-dynamic';

/** Why a page sent the browser here (lib/hooks/fetcher.ts); fixed words, nothing from the URL is shown. */
const REASONS: Record<string, string> = {
  session: 'Your session has ended (logged out, expired, or replaced by a newer login). Log in again.',
  action: 'Your session ended; nothing was changed. Log in again and you will be back on the page you were on, to try it again.',
  key: 'This browser does not hold the key of its session any more (site data cleared, or the session was started elsewhere). Log in again.',
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const param = (await searchParams).reason;
  const reason = typeof param === 'string' ? (REASONS[param] ?? null) : null;
  // With a reason, stay even if the cookie is valid: this tab cannot use it, and going back would loop (review F3).
  if (!reason && (await currentSession())) redirect('/');
  return (
    <>
    {currentHost().capabilities.simulated ? <DemoBanner /> : null}
    <main className="flex min-h-[calc(100vh-2rem)] items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center gap-3 text-center">
          <span className="flex h-12 w-12 items-center justify-center rounded-xl bg-indigo-600 text-white shadow-sm dark:bg-indigo-500">
            <Shield aria-hidden className="h-6 w-6" />
          </span>
          <h1 className="text-xl font-semibold tracking-tight">Confinement Dashboard</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">Log in to manage this host’s snap connections.</p>
        </div>
        {reason ? (
          <p role="status" data-testid="login-reason" className="mb-4 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/60 dark:text-amber-100">
            {reason}
          </p>
        ) : null}
        <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <LoginForm />
        </div>
        <p className="mt-6 text-center text-xs text-slate-500 dark:text-slate-400">
          Sessions end after 30 minutes without activity, and 12 hours after login.
        </p>
      </div>
    </main>
    </>
  );
}
