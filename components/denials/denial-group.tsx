'use client';
import { HostLink } from '@/components/layout/host-link';
import { connectConfirmation } from '@/components/connections/confirm-spec';
import { describeInterface } from '@/lib/snap/interface-info';
import { useState } from 'react';
import { Copy } from 'lucide-react';
import { useConnect } from '@/components/connections/use-connect';
import { ConnectionButton } from '@/components/connections/connection-button';
import { Badge } from '@/components/ui/badge';
import { HostTime } from '@/components/ui/host-time';
import type { DenialGroup } from '@/lib/denials/report';

/** In the host's zone, as the raw log line below and the host's journalctl print it (review problem 13). */
function When({ iso, testId, whose }: { iso: string | null; testId?: string; whose?: boolean }) {
  return iso && /^\d{4}-\d{2}-\d{2}T/.test(iso) ? <HostTime at={iso} testId={testId} whose={whose} /> : <>{iso ?? 'unknown time'}</>;
}

const SOURCE_WORDS: Record<string, string> = {
  'snapd-change': "snapd's change log",
  audit: "the dashboard's audit trail",
  observed: 'the dashboard saw it connected by then',
};

/**
 * Plug names as a readable list: `a`, `b` and `c` (chips with separators, for copy/paste and screen readers);
 * `or` where any one of them is enough.
 */
function PlugList({ plugs, joiner = 'and' }: { plugs: { plug: string; paths?: string[]; warning?: string }[]; joiner?: 'and' | 'or' }) {
  return (
    <>
      {plugs.map((p, i) => (
        <span key={p.plug}>
          {i > 0 ? (i === plugs.length - 1 ? ` ${joiner} ` : ', ') : null}
          <code>{p.plug}</code>
          {p.paths?.length ? <> (covers <code>{p.paths.join(', ')}</code>)</> : null}
        </span>
      ))}
    </>
  );
}

/**
 * "juju has the unconnected plug x that allows this": plugs whose attributes could not be read are said to *may*
 * allow it, apart from those that surely do.
 */
function ConnectSentence({ snap, plugs }: { snap: string; plugs: { plug: string; paths?: string[]; maybe?: string }[] }) {
  const sure = plugs.filter((p) => !p.maybe);
  const maybe = plugs.filter((p) => p.maybe);
  const s = (list: unknown[]) => (list.length > 1 ? 's' : '');
  if (maybe.length === 0) {
    // each suggested plug allows it by itself: "and" would read as "connect all of them"
    return sure.length > 1 ? (
      <><strong>{snap}</strong> has unconnected plugs that each allow this: <PlugList plugs={sure} joiner="or" /> (one is enough).</>
    ) : (
      <><strong>{snap}</strong> has the unconnected plug <PlugList plugs={sure} /> that allows this.</>
    );
  }
  return (
    <>
      <strong>{snap}</strong> has the unconnected plug{s(maybe)} <PlugList plugs={maybe} /> that may allow this
      {sure.length ? <>, and <PlugList plugs={sure} joiner="or" /> that {sure.length > 1 ? 'each do' : 'does'}</> : null}.
    </>
  );
}

/**
 * What plugs whose attributes could not be read depend on, said plainly (not knowing is no danger): one line per
 * condition, naming the plugs it applies to.
 */
function MaybeNotes({ plugs }: { plugs: { plug: string; maybe?: string }[] }) {
  const byCondition = new Map<string, string[]>();
  for (const p of plugs) if (p.maybe) byCondition.set(p.maybe, [...(byCondition.get(p.maybe) ?? []), p.plug]);
  return (
    <>
      {[...byCondition].map(([condition, names]) => (
        <span key={condition} className="block text-xs text-slate-600 dark:text-slate-400" data-testid="maybe-note">
          {names.length > 1 ? <>The attributes of <PlugList plugs={names.map((plug) => ({ plug }))} /> could not be read; each allows this only if {condition.replace(/^its /, 'its own ')}.</> : <>The attributes of <code>{names[0]}</code> could not be read; it allows this only if {condition}.</>}
        </span>
      ))}
    </>
  );
}

/** One kind of denial of one snap: what was denied, how often, and what the admin can do. */
export function DenialGroupRow({
  group,
  readOnly = false,
  muted = false,
  onToggleMute,
  counted = true,
}: {
  group: DenialGroup;
  readOnly?: boolean;
  muted?: boolean;
  onToggleMute?: () => void;
  /** false: one followed denial's group, counted over one check only, so its count and times would mislead. */
  counted?: boolean;
}) {
  const connection = useConnect();
  const [copied, setCopied] = useState(false);
  const a = group.answer;

  return (
    <li className="py-3" data-testid="denial-group" data-kind={group.kind} data-snap={group.snap ?? ''} data-muted={muted}>
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2">
            {/* long paths and socket names may break anywhere, words only when they must */}
            <span className="wrap-anywhere font-mono text-sm font-medium">{group.what}</span>
            <Badge tone={group.kind === 'seccomp' ? 'info' : 'neutral'}>{group.kind}</Badge>
            {group.action === 'allowed' ? <Badge tone="warn" title="devmode or complain mode: logged, not blocked">allowed (devmode)</Badge> : null}
          </p>
          <p className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">
            {counted ? <><span data-testid="denial-count">{group.count}×</span> · first <When iso={group.firstSeen} testId="first-seen" whose={false} /> · last <When iso={group.lastSeen} testId="last-seen" /></> : 'its count and times: in the list below'}
            {group.sample.profile ? <> · profile <span className="font-mono">{group.sample.profile}</span></> : null}
          </p>
          {group.suggestion.candidates.length || group.suggestion.privileged.length ? (
            <p className="mt-0.5 text-xs text-slate-600 dark:text-slate-400" data-testid="denial-interfaces">
              {group.suggestion.candidates.length ? <>allowed by {group.suggestion.candidates.map((c) => (group.broad[c] ? `${c} (${group.broad[c].slice(c.length + 4).replace(/ \(.*$/, '')})` : c)).join(', ')}</> : null}
              {group.suggestion.candidates.length && group.suggestion.privileged.length ? '; ' : null}
              {group.suggestion.privileged.length ? <>also {group.suggestion.privileged.join(', ')} (privileged)</> : null}
            </p>
          ) : null}
        </div>
        {onToggleMute ? (
          <button
            type="button"
            onClick={onToggleMute}
            className="shrink-0 rounded border border-slate-300 px-2 py-0.5 text-xs font-medium text-slate-600 hover:bg-slate-50 dark:border-slate-600 dark:text-slate-400 dark:hover:bg-slate-700"
            title={muted ? 'Show this group again among the denials' : 'Known noise: hide this group on this host (audited; Unmute brings it back)'}
            aria-label={`${muted ? 'Unmute' : 'Mute'} ${group.what}`}
          >
            {muted ? 'Unmute' : 'Mute'}
          </button>
        ) : null}
      </div>

      <div className="mt-2 rounded-md bg-slate-50 p-3 text-sm dark:bg-slate-800/60" data-testid="denial-answer" data-kind={a.kind}>
        {a.kind === 'connect' ? (
          <div className="flex flex-wrap items-center gap-2">
            <span>
              <ConnectSentence snap={a.snap} plugs={a.plugs} />
              {a.unsure?.length ? (
                <> Its connected plug{a.unsure.length > 1 ? 's' : ''} <PlugList plugs={a.unsure} /> might already allow it.</>
              ) : null}
              <MaybeNotes plugs={[...a.plugs, ...(a.unsure ?? [])]} />
              {a.boundElsewhere ? (
                <span className="block text-xs text-slate-600 dark:text-slate-400" data-testid="bound-elsewhere">
                  <PlugList plugs={a.boundElsewhere.plugs.map((plug) => ({ plug }))} /> would too, but {a.boundElsewhere.plugs.length > 1 ? 'are' : 'is'} bound to other apps than {a.boundElsewhere.app}.
                </span>
              ) : null}
              {/* plugs of one interface often carry the same warning (kubernetes-support's flavors): said once */}
              {[...new Set(a.plugs.flatMap((p) => (p.warning ? [p.warning] : [])))].map((w) => (
                <span key={w} className="block text-xs font-medium text-amber-800 dark:text-amber-300" data-testid="broad-warning">Careful: {w}.</span>
              ))}
            </span>
            {!readOnly
              ? a.plugs.map((p) => {
                  const req = { action: 'connect' as const, plug: `${a.snap}:${p.plug}` };
                  return (
                    <ConnectionButton
                      key={p.plug}
                      action="connect"
                      request={req}
                      size="sm"
                      pending={connection.isPending(req)}
                      label={`Connect ${req.plug}`}
                      text={`Connect ${req.plug}`}
                      onClick={() => void connection.run(req, { successTitle: (o) => `${o.message} — it now allows what was denied`, confirm: connectConfirmation(req, p.interface, describeInterface(p.interface)) })}
                    />
                  );
                })
              : null}
          </div>
        ) : a.kind === 'resolved' ? (
          <p data-testid="resolved">
            <strong>Resolved:</strong> <PlugList plugs={a.plugs} /> {a.plugs.length > 1 ? 'were' : 'was'} connected at <When iso={a.connectedAt} testId="connected-at" /> ({SOURCE_WORDS[a.source]}{a.changeId ? `, change ${a.changeId}` : ''}); no denial since. These are from before.
          </p>
        ) : a.kind === 'already-connected' ? (
          a.timing === 'denied-after' ? (
            <p>
              Already connected: <PlugList plugs={a.plugs} />{a.connectedAt ? <> (since <When iso={a.connectedAt} />)</> : null}, and denied after that. The denial comes from something {a.plugs.length > 1 ? 'these interfaces do' : 'that interface does'} not grant (another rule, a plug attribute, or a file owned by another user).
            </p>
          ) : (
            <p>
              Connected: <PlugList plugs={a.plugs} />, but when it was connected is not known (snapd forgets finished changes after about a day, and the dashboard did not see it happen). If all these denials are older than the connection they are resolved; if new ones keep coming, the denial comes from something {a.plugs.length > 1 ? 'these interfaces do' : 'that interface does'} not grant.
            </p>
          )
        ) : a.kind === 'interfaces-only' ? (
          <div>
            <p>
              {a.interfaces.length ? <>On the machine this log came from, a plug of {a.interfaces.map((i, n) => <span key={i}>{n > 0 ? ', ' : ''}<code>{i}</code></span>)} would allow this{a.privileged.length ? <> (also {a.privileged.join(', ')}, privileged)</> : null}.</> : a.privileged.length ? <>Only privileged interfaces allow this: {a.privileged.join(', ')}.</> : <>No interface allows this.</>} Whether that snap declares such a plug there, and whether it is connected, cannot be told from here.
            </p>
            {a.advice.length ? <pre className="mt-2 whitespace-pre-wrap break-words rounded bg-white p-2 font-mono text-xs dark:bg-slate-900">{a.advice.map((l) => `* ${l}`).join('\n')}</pre> : null}
            {a.hostNote ? <p className="mt-1 text-xs text-slate-600 dark:text-slate-400" data-testid="host-note">{a.hostNote}</p> : null}
          </div>
        ) : a.kind === 'no-plug' ? (
          <div>
            {a.unsure?.length ? (
              <div data-testid="no-plug-maybe">
                <p>
                  <strong>{a.snap}</strong> has no plug known to allow this, but its connected plug{a.unsure.length > 1 ? 's' : ''} <PlugList plugs={a.unsure} /> might.
                  If {a.unsure.length > 1 ? 'they do' : 'it does'} not, only its publisher can fix it: report it with this advice.
                </p>
                <MaybeNotes plugs={a.unsure} />
              </div>
            ) : (
              <p>
                {a.boundElsewhere ? (
                  <>
                    {/* the plug exists, so "declares no plug" would send the admin to check snap connections and doubt us */}
                    <strong>{a.snap}</strong> has no plug bound to its app <code>{a.boundElsewhere.app}</code> that allows this:{' '}
                    <PlugList plugs={a.boundElsewhere.plugs.map((plug) => ({ plug }))} /> would, but {a.boundElsewhere.plugs.length > 1 ? 'are' : 'is'} bound to other apps, so connecting {a.boundElsewhere.plugs.length > 1 ? 'them' : 'it'} does not help.
                  </>
                ) : (
                  <><strong>{a.snap}</strong> declares no plug that allows this.</>
                )}{' '}
                Only its publisher can fix it: report it with this advice.
              </p>
            )}
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
        {a.kind !== 'snapd-helper' && a.kind !== 'interfaces-only' && group.snap ? (
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
