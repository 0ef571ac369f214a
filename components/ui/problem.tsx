import { AlertTriangle } from 'lucide-react';
import type { ApiClientError } from '@/lib/hooks/fetcher';

/** An error as the admin should see it: what happened (snapd's words), and what to do. */
export function ProblemMessage({ error, title, onRetry, className = '' }: { error: Pick<ApiClientError, 'message' | 'hint' | 'code'>; title?: string; onRetry?: () => void; className?: string }) {
  const heading =
    title ??
    (error.code === 'snapd-unreachable'
      ? 'snapd is not reachable'
      : error.code === 'not-installed'
        ? // Only a missing `snap` means snapd is missing; `microk8s` not found is another matter.
          /^snap is not installed/.test(error.message)
          ? 'snapd is not installed'
          : 'Command not found'
        : error.code === 'access-denied'
          ? 'Access denied'
          : 'Something went wrong');
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
