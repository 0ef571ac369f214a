'use client';
import { useState } from 'react';
import { Check, Copy } from 'lucide-react';

/** A command to run by hand, with a copy button (the text is also selectable). */
export function CopyCommand({ command, testId, label = 'Copy' }: { command: string; testId?: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <span className="inline-flex max-w-full items-center gap-1" data-testid={testId}>
      <code className="select-all break-all rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800 dark:bg-slate-800 dark:text-slate-100">{command}</code>
      <button
        type="button"
        aria-label={`${label}: ${command}`}
        title={copied ? 'Copied' : 'Copy to the clipboard'}
        onClick={() => void navigator.clipboard?.writeText(command).then(() => setCopied(true))}
        className="rounded p-1 text-slate-500 hover:bg-slate-200 hover:text-slate-800 dark:hover:bg-slate-700 dark:hover:text-slate-100"
      >
        {copied ? <Check aria-hidden className="h-3.5 w-3.5" /> : <Copy aria-hidden className="h-3.5 w-3.5" />}
      </button>
    </span>
  );
}
