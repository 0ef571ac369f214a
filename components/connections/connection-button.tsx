'use client';
import { Link2, Loader2, Unlink } from 'lucide-react';
import type { InterfaceAction } from '@/lib/contracts/connections';

/** The one Connect / Disconnect button: its label says what it will do, and it shows the request in flight. */
export function ConnectionButton({
  action,
  pending,
  label,
  onClick,
  disabled = false,
  text,
  size = 'md',
}: {
  action: InterfaceAction;
  pending: boolean;
  /** The accessible name: exactly what will be connected or disconnected. */
  label: string;
  onClick: () => void;
  disabled?: boolean;
  /** Visible text when not pending (default: Connect / Disconnect). */
  text?: string;
  size?: 'sm' | 'md';
}) {
  const Icon = pending ? Loader2 : action === 'connect' ? Link2 : Unlink;
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={pending || disabled}
      aria-label={label}
      aria-busy={pending}
      className={`inline-flex items-center gap-1.5 rounded-md ${size === 'sm' ? 'px-3 py-1' : 'px-3 py-1.5'} text-sm font-medium shadow-sm disabled:cursor-not-allowed disabled:opacity-60 aria-busy:cursor-wait ${
        action === 'connect'
          ? 'bg-indigo-600 text-white hover:bg-indigo-700'
          : 'border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700'
      }`}
    >
      <Icon aria-hidden className={`h-4 w-4 ${pending ? 'animate-spin' : ''}`} />
      {pending ? (action === 'connect' ? 'Connecting…' : 'Disconnecting…') : (text ?? (action === 'connect' ? 'Connect' : 'Disconnect'))}
    </button>
  );
}
