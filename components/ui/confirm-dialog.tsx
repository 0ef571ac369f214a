'use client';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Check, Copy, TriangleAlert } from 'lucide-react';

export interface ConfirmSpec {
  title: string;
  /** What will happen, in the admin's words (what the interfaces grant, what stops). */
  body: ReactNode;
  /** The exact equivalent command lines, one per line (`sudo snap connect microk8s:home :home`). */
  commands: string[];
  confirmLabel: string;
  tone?: 'danger' | 'warn';
}

type Ask = (spec: ConfirmSpec) => Promise<boolean>;
const ConfirmContext = createContext<Ask | null>(null);

/** The command lines with a copy button (the clipboard, or the text selected when the browser refuses). */
export function CommandBlock({ commands }: { commands: string[] }) {
  const [copied, setCopied] = useState(false);
  const pre = useRef<HTMLPreElement>(null);
  const text = commands.join('\n');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // No clipboard (plain http, say): select the text so Ctrl+C takes it.
      const range = document.createRange();
      if (pre.current) range.selectNodeContents(pre.current);
      const sel = window.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
    }
  };
  return (
    <div className="relative rounded-md bg-slate-900 text-slate-100">
      <pre ref={pre} tabIndex={0} data-testid="confirm-commands" className="max-h-48 overflow-auto p-3 pr-20 font-mono text-xs leading-relaxed">{text}</pre>
      <button
        type="button"
        onClick={() => void copy()}
        className="absolute right-2 top-2 inline-flex items-center gap-1 rounded border border-slate-500 bg-slate-800 px-2 py-0.5 text-xs text-slate-100 hover:bg-slate-700"
      >
        {copied ? <Check aria-hidden className="h-3 w-3" /> : <Copy aria-hidden className="h-3 w-3" />}
        {copied ? 'Copied' : commands.length > 1 ? 'Copy commands' : 'Copy command'}
      </button>
    </div>
  );
}

/**
 * One confirmation at a time, in a native modal <dialog> (focus kept inside,
 * Escape cancels, the page behind is inert). `useConfirm()(spec)` resolves
 * true only when the admin pressed the confirm button.
 */
export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<{ spec: ConfirmSpec; resolve: (ok: boolean) => void } | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);

  const ask = useCallback<Ask>((spec) => new Promise<boolean>((resolve) => setPending({ spec, resolve })), []);
  const close = useCallback(
    (ok: boolean) => {
      pending?.resolve(ok);
      setPending(null);
      dialog.current?.close();
    },
    [pending],
  );

  useEffect(() => {
    if (pending && dialog.current && !dialog.current.open) {
      dialog.current.showModal();
      // The safe choice has focus first: Enter on a stray key press does not act.
      cancelButton.current?.focus();
    }
  }, [pending]);

  const value = useMemo(() => ask, [ask]);
  const spec = pending?.spec;
  return (
    <ConfirmContext.Provider value={value}>
      {children}
      <dialog
        ref={dialog}
        aria-labelledby="confirm-title"
        aria-describedby="confirm-body"
        data-testid="confirm-dialog"
        onCancel={(e) => {
          e.preventDefault();
          close(false);
        }}
        className="m-auto w-[min(40rem,calc(100vw-2rem))] rounded-lg border border-slate-300 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        {spec ? (
          <div className="space-y-3 p-5">
            <h2 id="confirm-title" className="flex items-center gap-2 text-lg font-semibold">
              <TriangleAlert aria-hidden className={`h-5 w-5 ${spec.tone === 'danger' ? 'text-rose-600' : 'text-amber-600'}`} />
              {spec.title}
            </h2>
            <div id="confirm-body" tabIndex={0} className="max-h-[50vh] space-y-2 overflow-y-auto text-sm">
              {spec.body}
            </div>
            <div>
              <p className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-400">The same from a terminal:</p>
              <CommandBlock commands={spec.commands} />
            </div>
            <div className="flex justify-end gap-2 pt-1">
              <button ref={cancelButton} type="button" onClick={() => close(false)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800">
                Cancel
              </button>
              <button
                type="button"
                data-testid="confirm-ok"
                onClick={() => close(true)}
                className={`rounded-md px-3 py-1.5 text-sm font-medium text-white shadow-sm ${spec.tone === 'danger' ? 'bg-rose-700 hover:bg-rose-800' : 'bg-indigo-600 hover:bg-indigo-700'}`}
              >
                {spec.confirmLabel}
              </button>
            </div>
          </div>
        ) : null}
      </dialog>
    </ConfirmContext.Provider>
  );
}

export function useConfirm(): Ask {
  const ask = useContext(ConfirmContext);
  if (!ask) throw new Error('useConfirm needs a ConfirmProvider above it');
  return ask;
}
