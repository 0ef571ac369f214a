'use client';
import { returnPath } from '@/lib/hooks/return-path';
import { useCallback, useEffect, useId, useRef, useState, useSyncExternalStore, type FormEvent } from 'react';
import { Eye, EyeOff, KeyRound, LoaderCircle } from 'lucide-react';
import { storeRequestKey } from '@/lib/hooks/request-key';

type Status = { kind: 'idle' } | { kind: 'submitting' } | { kind: 'error'; message: string } | { kind: 'throttled'; until: number };

interface ErrorBody {
  error?: { code?: string; message?: string; retryAfter?: number };
}

interface LoginBody {
  /** The session's request key: given this once, kept in this origin's storage (lib/hooks/request-key.ts). */
  csrf?: string;
}

function messageFor(status: number, body: ErrorBody): string {
  switch (status) {
    case 401:
      return 'That token is not correct. Check that you copied all of it.';
    case 400:
      return body.error?.message ?? 'Enter the admin token.';
    case 403:
    case 421:
      return 'The server refused this request because of where it came from. Open the dashboard at the address the server printed at start-up.';
    default:
      return 'Login failed because of a problem on the server. Try again, or look at the server’s console.';
  }
}

/**
 * Exchanges the admin token for a session cookie and the session's request
 * key. A `?token=` in the address (the URL an interactive demo prints at
 * start-up) is taken out of the address bar and history at once, then sent in
 * a POST body like a typed one.
 */
const noSubscription = () => () => undefined;

export function LoginForm() {
  const [reveal, setReveal] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [now, setNow] = useState(() => Date.now());
  const inputRef = useRef<HTMLInputElement>(null);
  const autoSubmitted = useRef(false);
  // Before hydration a native submit would be a GET of the page: nothing to submit until the script runs
  // (and the input has no name, so a token never ends up in an address or a server log).
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const inputId = useId();
  const helpId = useId();
  const errorId = useId();

  const submit = useCallback(async (value: string) => {
    setStatus({ kind: 'submitting' });
    try {
      const res = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: value.trim() }),
        credentials: 'same-origin',
        cache: 'no-store',
      });
      if (res.ok) {
        const { csrf } = (await res.json()) as LoginBody;
        if (csrf) storeRequestKey(csrf);
        window.location.replace(returnPath(new URLSearchParams(window.location.search).get('next')));
        return;
      }
      const body = (await res.json().catch(() => ({}))) as ErrorBody;
      if (res.status === 429) {
        const seconds = Math.max(1, Math.ceil(body.error?.retryAfter ?? Number(res.headers.get('retry-after') ?? 1)));
        setNow(Date.now());
        setStatus({ kind: 'throttled', until: Date.now() + seconds * 1000 });
      } else {
        setStatus({ kind: 'error', message: messageFor(res.status, body) });
      }
    } catch {
      setStatus({ kind: 'error', message: 'Cannot reach the dashboard server. Is it still running?' });
    }
    inputRef.current?.focus();
  }, []);

  // The one-time login URL: move the token out of the address bar and history, then submit it.
  useEffect(() => {
    if (autoSubmitted.current) return;
    autoSubmitted.current = true;
    const params = new URLSearchParams(window.location.search);
    const fromUrl = params.get('token');
    if (fromUrl === null) return;
    window.history.replaceState(null, '', '/login');
    // Submitted from a microtask: the effect itself only syncs with the URL, it does not set state.
    if (fromUrl) queueMicrotask(() => void submit(fromUrl));
  }, [submit]);

  const throttledUntil = status.kind === 'throttled' ? status.until : 0;
  useEffect(() => {
    if (!throttledUntil) return;
    const timer = window.setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (t >= throttledUntil) {
        window.clearInterval(timer);
        setStatus({ kind: 'idle' });
      }
    }, 250);
    return () => window.clearInterval(timer);
  }, [throttledUntil]);

  const waitSeconds = throttledUntil ? Math.max(0, Math.ceil((throttledUntil - now) / 1000)) : 0;
  const busy = status.kind === 'submitting';
  const blocked = status.kind === 'throttled' && waitSeconds > 0;
  const error =
    status.kind === 'error' ? status.message : blocked ? `Too many attempts. Try again in ${waitSeconds} s.` : null;

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy || blocked) return;
    // Read from the field itself (it is uncontrolled): text typed or pasted before the page's script
    // ran is kept, where a controlled field would be emptied by hydration.
    const token = inputRef.current?.value ?? '';
    if (!token.trim()) {
      setStatus({ kind: 'error', message: 'Enter the admin token.' });
      inputRef.current?.focus();
      return;
    }
    void submit(token);
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-busy={busy}>
      <div className="space-y-1.5">
        <label htmlFor={inputId} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
          Admin token
        </label>
        <div className="relative">
          <KeyRound aria-hidden className="pointer-events-none absolute left-3 top-1/2 h-4 w-4 -translate-y-1/2 text-slate-400" />
          <input
            ref={inputRef}
            id={inputId}
            type={reveal ? 'text' : 'password'}
            autoComplete="off"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            autoFocus
            required
            defaultValue=""
            aria-invalid={status.kind === 'error' ? true : undefined}
            aria-describedby={error ? `${errorId} ${helpId}` : helpId}
            className="block w-full rounded-lg border border-slate-300 bg-white py-2.5 pl-9 pr-11 font-mono text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid=true]:border-red-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
            placeholder="Paste the token"
          />
          <button
            type="button"
            onClick={() => setReveal((r) => !r)}
            aria-label={reveal ? 'Hide token' : 'Show token'}
            aria-pressed={reveal}
            className="absolute right-1.5 top-1/2 -translate-y-1/2 rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-700 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-200"
          >
            {reveal ? <EyeOff aria-hidden className="h-4 w-4" /> : <Eye aria-hidden className="h-4 w-4" />}
          </button>
        </div>
        <p id={helpId} className="text-xs leading-relaxed text-slate-500 dark:text-slate-400">
          The token is in the file{' '}
          <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.7rem] text-slate-700 dark:bg-slate-800 dark:text-slate-300">admin-token</code>{' '}
          in the server’s state directory (its start-up message names it), unless it was set with <code className="font-mono text-[0.7rem]">CONFINEMENT_DASHBOARD_TOKEN</code>.
        </p>
      </div>

      <div role="alert" aria-live="assertive" id={errorId} className="min-h-0">
        {error ? (
          <p className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/60 dark:text-red-200">
            {error}
          </p>
        ) : null}
      </div>

      <button
        type="submit"
        disabled={!hydrated || busy || blocked}
        className="flex w-full items-center justify-center gap-2 rounded-lg bg-indigo-600 px-4 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:cursor-not-allowed disabled:opacity-60 dark:bg-indigo-500 dark:hover:bg-indigo-400"
      >
        {busy ? <LoaderCircle aria-hidden className="h-4 w-4 animate-spin" /> : null}
        {busy ? 'Logging in…' : blocked ? `Wait ${waitSeconds} s` : 'Log in'}
      </button>
    </form>
  );
}

