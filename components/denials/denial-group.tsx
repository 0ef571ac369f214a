'use client';
import { HostLink } from '@/components/layout/host-link';
import { connectConfirmation } from '@/components/connections/confirm-spec';
import { interfaceInfo } from '@/lib/snap/interface-info';
import { useState } from 'react';
import { Copy } from 'lucide-react';
import { useConnect } from '@/components/connections/use-connect';
import { ConnectionButton } from '@/components/connections/connection-button';
import { Badge } from '@/components/ui/badge';
import type { DenialGroup } from '@/lib/denials/report';

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : 'unknown time';
}

/** One kind of denial of one snap: what was denied, how often, and what the admin can do. */
export function DenialGroupRow({ group, readOnly = false }: { group: DenialGroup; readOnly?: boolean }) {
  const connection = useConnect();
  const [copied, setCopied] = useState(false);
  const a = group.answer;

  return (
    <li className="py-3" data-testid="denial-group">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2">
            <span className="break-all font-mono text-sm font-medium">{group.what}</span>
            <Badge tone={group.kind === 'seccomp' ? 'info' : 'neutral'}>{group.kind}</Badge>
            {group.action === 'allowed' ? <Badge tone="warn" title="devmode or complain mode: logged, not blocked">allowed (devmode)</Badge> : null}
          </p>
          <p className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">
            <span data-testid="denial-count">{group.count}×</span> · first {when(group.firstSeen)} · last {when(group.lastSeen)}
            {group.sample.profile ? <> · profile <span className="font-mono">{group.sample.profile}</span></> : null}
          </p>
        </div>
        <span className="text-right text-xs text-slate-600 dark:text-slate-400">
          {group.suggestion.candidates.length ? <>allowed by {group.suggestion.candidates.join(', ')}</> : null}
          {group.suggestion.privileged.length ? <><br />also {group.suggestion.privileged.join(', ')} (privileged)</> : null}
        </span>
      </div>

      <div className="mt-2 rounded-md bg-slate-50 p-3 text-sm dark:bg-slate-800/60" data-testid="denial-answer" data-kind={a.kind}>
        {a.kind === 'connect' ? (
          <div className="flex flex-wrap items-center gap-2">
            <span>
              <strong>{a.snap}</strong> has the unconnected plug{a.plugs.length > 1 ? 's' : ''} {a.plugs.map((p) => <code key={p.plug} className="mx-0.5">{p.plug}</code>)} that allow{a.plugs.length > 1 ? '' : 's'} this.
            </span>
            {!readOnly
              ? a.plugs.map((p) => {
                  const req = { action: 'connect' as const, plug: `${a.snap}:${p.plug}` };
                  return (
                    <ConnectionButton
                      key={p.plug}
                      action="connect"
                      size="sm"
                      pending={connection.isPending(req)}
                      label={`Connect ${req.plug}`}
                      text={`Connect ${req.plug}`}
                      onClick={() => void connection.run(req, { successTitle: (o) => `${o.message} — it now allows what was denied`, confirm: connectConfirmation(req, p.interface, interfaceInfo(p.interface) ?? undefined) })}
                    />
                  );
                })
              : null}
          </div>
        ) : a.kind === 'already-connected' ? (
          <p>
            Already connected: {a.plugs.map((p) => <code key={p.plug} className="mx-0.5">{p.plug}</code>)}. The denial comes from something that interface does not grant (another rule, a plug attribute, or a file owned by another user).
          </p>
        ) : a.kind === 'no-plug' ? (
          <div>
            <p>
              <strong>{a.snap}</strong> declares no plug that allows this. Only its publisher can fix it: report it with this advice.
            </p>
            <pre className="mt-2 whitespace-pre-wrap break-words rounded bg-white p-2 font-mono text-xs dark:bg-slate-900">{a.advice.map((l) => `* ${l}`).join('\n')}</pre>
            <button
              type="button"
              onClick={() => void navigator.clipboard?.writeText(`${group.sample.raw}\n${a.advice.map((l) => `* ${l}`).join('\n')}`).then(() => setCopied(true))}
              className="mt-2 inline-flex items-center gap-1 rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-white dark:border-slate-600 dark:hover:bg-slate-900"
            >
              <Copy aria-hidden className="h-3.5 w-3.5" /> {copied ? 'Copied' : 'Copy log line and advice'}
            </button>
          </div>
        ) : (
          <p>{a.explanation}</p>
        )}
        {a.kind !== 'snapd-helper' && group.snap ? (
          <p className="mt-1 text-xs">
            <HostLink href={`/snaps/${group.snap}`} className="text-indigo-700 hover:underline dark:text-indigo-300">{group.snap}&apos;s plugs →</HostLink>
          </p>
        ) : null}
      </div>

      <details className="mt-2">
        <summary className="cursor-pointer text-xs text-slate-600 dark:text-slate-400">Log line</summary>
        {/* Kernel-log text is attacker-influenced: rendered as text, never as HTML. */}
        <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-900 p-2 font-mono text-xs text-slate-100" data-testid="raw-line">{group.sample.raw}</pre>
      </details>
    </li>
  );
}
