'use client';
import { Lock } from 'lucide-react';
import { usePrivilege } from '@/lib/hooks/use-system';
import { CopyCommand } from '@/components/connections/copy-command';

/**
 * On every page of a host the dashboard cannot change: says so before any
 * button is pressed, with the one sudoers line and what to do after adding it.
 * Root and sudo mode show nothing here (the Overview names them).
 */
export function PrivilegeBanner() {
  const info = usePrivilege();
  if (!info || info.privilege !== 'read-only') return null;
  return (
    <div role="note" data-testid="privilege-banner" data-privilege={info.privilege} className="border-b border-sky-300 bg-sky-50 px-4 py-2 text-sm text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-3 gap-y-1">
        <Lock aria-hidden className="h-4 w-4 shrink-0" />
        <p className="font-semibold">Read-only: Connect and Disconnect are turned off.</p>
        <p className="min-w-0">{info.reason}</p>
        {info.sudoersLine ? (
          <p className="flex min-w-0 flex-wrap items-center gap-1">
            To allow them, the sudoers line: <CopyCommand command={info.sudoersLine} testId="privilege-sudoers-line" />
          </p>
        ) : null}
        {info.restartCommand ? (
          <p className="flex min-w-0 flex-wrap items-center gap-1">
            then: <CopyCommand command={info.restartCommand} testId="privilege-restart" />
          </p>
        ) : null}
      </div>
    </div>
  );
}
