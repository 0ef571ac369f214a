import { AlertTriangle } from 'lucide-react';
import type { ApiClientError } from '@/lib/hooks/fetcher';

/** The heading of an error without a title of its own: only a missing `snap` means snapd is missing. */
export function problemHeading(error: Pick<ApiClientError, 'message' | 'code'>): string {
  if (error.code === 'snapd-unreachable') return 'snapd is not reachable';
  // "snap is not installed (not found on PATH)" (lib/host/process.ts); `microk8s` not found is another matter.
  if (error.code === 'not-installed') return /^snap is not installed/.test(error.message) ? 'snapd is not installed' : 'Command not found';
  if (error.code === 'access-denied') return 'Access denied';
  if (error.code === 'read-only') return 'Read-only: nothing was run';
  return 'Something went wrong';
}

/** An error as the admin should see it: what happened (snapd's words), and what to do. */
export function ProblemMessage({ error, title, onRetry, className = '' }: { error: Pick<ApiClientError, 'message' | 'hint' | 'code'>; title?: string; onRetry?: () => void; className?: string }) {
  const heading = title ?? problemHeading(error);
  return (
    <div role="alert" className={`rounded-lg border border-rose-300 bg-rose-50 p-4 text-rose-900 dark:border-rose-800 dark:bg-rose-950/60 dark:text-rose-100 ${className}`}>
      <div className="flex items-start gap-3">
        <AlertTriangle aria-hidden className="mt-0.5 h-5 w-5 shrink-0" />
        <div className="min-w-0 space-y-1">
          <p className="font-semibold">{heading}</p>
          <p className="break-words font-mono text-sm">{error.message}</p>
          {error.hint ? <p className="text-sm">{error.hint}</p> : null}
          {onRetry ? (
            <button type="button" onClick={onRetry} className="mt-2 rounded-md bg-rose-700 px-3 py-1 text-sm font-medium text-white hover:bg-rose-800">
              Try again
            </button>
          ) : null}
        </div>
      </div>
    </div>
  );
}
