'use client';
import { useId } from 'react';
import { Link2, Loader2, Unlink } from 'lucide-react';
import type { InterfaceAction } from '@/lib/contracts/connections';
import { manualCommand } from '@/lib/contracts/privilege';
import { usePrivilege } from '@/lib/hooks/use-system';
import { CopyCommand } from './copy-command';

/**
 * The one Connect / Disconnect button: its label says what it will do, and it
 * shows the request in flight. On a read-only host it is disabled, says why,
 * and offers the exact `sudo snap …` command to run by hand instead.
 */
export function ConnectionButton({
  action,
  request,
  pending,
  label,
  onClick,
  disabled = false,
  text,
  size = 'md',
}: {
  action: InterfaceAction;
  /** What the button changes: the command shown when the host is read-only. */
  request: { plug: string; slot?: string };
  pending: boolean;
  /** The accessible name: exactly what will be connected or disconnected. */
  label: string;
  onClick: () => void;
  disabled?: boolean;
  /** Visible text when not pending (default: Connect / Disconnect). */
  text?: string;
  size?: 'sm' | 'md';
}) {
  const privilege = usePrivilege();
  const reasonId = useId();
  const readOnly = privilege?.privilege === 'read-only';
  const Icon = pending ? Loader2 : action === 'connect' ? Link2 : Unlink;
  const button = (
    <button
      type="button"
      onClick={onClick}
      disabled={pending || disabled || readOnly}
      aria-label={label}
      aria-busy={pending}
      aria-describedby={readOnly ? reasonId : undefined}
      title={readOnly ? privilege.reason : undefined}
      data-read-only={readOnly || undefined}
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
  if (!readOnly) return button;
  return (
    <span className="inline-flex flex-col items-end gap-1">
      {button}
      <span id={reasonId} className="text-xs text-slate-500 dark:text-slate-400">
        <span className="sr-only">{privilege.reason} </span>
        Read-only here; by hand: <CopyCommand command={manualCommand(action, request.plug, request.slot)} testId="manual-command" />
      </span>
    </span>
  );
}
