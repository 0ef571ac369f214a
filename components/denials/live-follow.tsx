'use client';
import { Pause, Play, Radio, Square } from 'lucide-react';
import { Card } from '@/components/ui/card';
import { Badge, type Tone } from '@/components/ui/badge';
import { ProblemMessage } from '@/components/ui/problem';
import { DenialGroupRow } from './denial-group';
import { useHostZone } from '@/components/ui/host-time';
import { zonedTime } from '@/lib/time/zone-format';
import { useDenialFollow, FOLLOW_EVERY_MS } from '@/lib/hooks/use-denial-follow';
import { FEED_KEEP, type FeedEvent } from '@/lib/denials/follow-feed';
import { FOLLOW_MAX_EVENTS, type DenialQuery } from '@/lib/contracts/denials';
import type { AdminAnswer } from '@/lib/denials/answer';
import type { DenialGroup } from '@/lib/denials/report';

const button = 'inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-800 dark:hover:bg-slate-700';

/** To the second, in the host's zone like the rest of the page (the panel says whose clock it is). */
function useClock(): (iso: string | null) => string {
  const zone = useHostZone();
  return (iso) => {
    if (!iso || !/^\d{4}-\d{2}-\d{2}T/.test(iso)) return iso ?? 'unknown time';
    const t = zonedTime(iso, zone, 'seconds');
    return `${t.text} ${t.zone}`;
  };
}

/** The answer in a few words, for the feed line; the full answer is one click away. */
function verdict(a: AdminAnswer): { text: string; tone: Tone } {
  switch (a.kind) {
    case 'connect':
      if (a.plugs[0]?.maybe) return { text: `maybe: connect ${a.snap}:${a.plugs[0].plug}${a.plugs.length > 1 ? ` (or ${a.plugs.length - 1} more)` : ''}`, tone: 'warn' };
      return { text: `fix: connect ${a.snap}:${a.plugs[0]?.plug ?? ''}${a.plugs.length > 1 ? ` (or ${a.plugs.length - 1} more)` : ''}`, tone: 'warn' };
    case 'resolved':
      return { text: 'resolved since', tone: 'good' };
    case 'already-connected':
      return { text: 'plug connected, still denied', tone: 'bad' };
    case 'no-plug':
      if (a.unsure?.length) return { text: 'a plug might allow it (attributes not read)', tone: 'neutral' };
      return { text: a.boundElsewhere ? `no plug bound to ${a.boundElsewhere.app}: publisher` : 'no plug allows it: publisher', tone: 'neutral' };
    case 'snapd-helper':
      return { text: "snapd's helper, not an app", tone: 'info' };
    case 'unknown-snap':
      return { text: 'snap not known', tone: 'neutral' };
    case 'interfaces-only':
      return { text: 'interfaces only', tone: 'neutral' };
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function FeedLine({ event, group, readOnly, muted, onToggleMute }: { event: FeedEvent; group: DenialGroup | undefined; readOnly: boolean; muted: boolean; onToggleMute?: () => void }) {
  const v = group ? verdict(group.answer) : null;
  const clock = useClock();
  return (
    <li data-testid="follow-event" data-snap={group?.snap ?? ''} data-answer={group?.answer.kind ?? ''}>
      <details className="group">
        <summary className="flex cursor-pointer flex-wrap items-center gap-x-2 gap-y-1 px-2 py-1.5 text-sm hover:bg-slate-50 dark:hover:bg-slate-800/60">
          <time className="w-28 shrink-0 font-mono text-xs text-slate-600 dark:text-slate-400" dateTime={event.time ?? undefined}>{clock(event.time)}</time>
          {/* snap-confine's denials belong to no snap: name the helper, not "unknown snap" */}
          <strong className="shrink-0">{group?.snap ?? (group?.answer.kind === 'snapd-helper' ? group.answer.helper : 'unknown snap')}</strong>
          {group ? <Badge tone={group.kind === 'seccomp' ? 'info' : 'neutral'}>{group.kind}</Badge> : null}
          <span className="min-w-0 wrap-anywhere font-mono text-xs">{group?.what ?? 'denied operation'}</span>
          {event.comm ? <span className="text-xs text-slate-500 dark:text-slate-400">({event.comm}{event.pid !== null ? ` ${event.pid}` : ''})</span> : null}
          {v ? <span className="ml-auto" data-testid="follow-verdict"><Badge tone={v.tone}>{v.text}</Badge></span> : null}
        </summary>
        {group ? (
          <ul className="px-2 pb-2">
            <DenialGroupRow group={group} readOnly={readOnly} muted={muted} onToggleMute={onToggleMute} counted={false} />
          </ul>
        ) : null}
      </details>
    </li>
  );
}

/**
 * Live follow, like `snappy-debug.security scanlog`: each denial as the kernel
 * logs it, from the moment following starts, with its answer; Pause holds the
 * list still while new ones wait, counted.
 */
export function LiveFollow({
  query,
  following,
  onFollowingChange,
  readOnly,
  hidden,
  muted,
  onToggleMute,
}: {
  query: Pick<DenialQuery, 'snap' | 'kind'>;
  following: boolean;
  onFollowingChange: (on: boolean) => void;
  readOnly: boolean;
  /** Group keys not to list (muted groups, unless shown). */
  hidden: Set<string>;
  muted: Set<string>;
  onToggleMute: (key: string) => void;
}) {
  const { feed, error, pause, resume } = useDenialFollow(query, following);
  const clock = useClock();
  const whose = zonedTime(0, useHostZone(), 'time').whose;
  const { paused } = feed;
  const shown = feed.events.filter((e) => !hidden.has(e.group));
  const hiddenCount = feed.events.length - shown.length;
  const waiting = feed.waiting.filter((e) => !hidden.has(e.group)).length;

  if (!following) {
    return (
      <Card>
        <div className="flex flex-wrap items-center gap-3">
          <button type="button" className={button} onClick={() => onFollowingChange(true)} data-testid="follow-start">
            <Radio aria-hidden className="h-4 w-4 text-emerald-600" /> Follow live
          </button>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Each new denial as the kernel logs it, with its fix, like <code>snappy-debug.security scanlog</code>. Only denials logged from then on are listed.
          </p>
        </div>
      </Card>
    );
  }

  return (
    <Card>
      <div className="mb-2 flex flex-wrap items-center gap-3" data-testid="follow-panel" data-state={paused ? 'paused' : 'following'}>
        <h2 className="flex items-center gap-2 font-semibold">
          <span aria-hidden className={`inline-block h-2.5 w-2.5 rounded-full ${paused ? 'bg-amber-500' : 'animate-pulse bg-emerald-500'}`} />
          {paused ? 'Paused' : 'Following live'}
        </h2>
        <span className="text-sm text-slate-600 dark:text-slate-400" data-testid="follow-status">
          {feed.startedAt ? `since ${clock(feed.startedAt)} (${whose})` : 'starting…'} · checks every {FOLLOW_EVERY_MS / 1000} s
          {paused ? <> · <span className={waiting ? 'font-semibold text-amber-800 dark:text-amber-300' : ''} data-testid="follow-waiting">{plural(waiting, 'new denial')} waiting</span></> : null}
        </span>
        <span className="ml-auto flex gap-2">
          {paused ? (
            <button type="button" className={button} onClick={resume} data-testid="follow-resume">
              <Play aria-hidden className="h-4 w-4" /> Resume{waiting ? ` (${waiting})` : ''}
            </button>
          ) : (
            <button type="button" className={button} onClick={pause} data-testid="follow-pause">
              <Pause aria-hidden className="h-4 w-4" /> Pause
            </button>
          )}
          <button type="button" className={button} onClick={() => onFollowingChange(false)} data-testid="follow-stop">
            <Square aria-hidden className="h-4 w-4" /> Stop
          </button>
        </span>
      </div>

      {error ? <div className="mb-2"><ProblemMessage error={error} title="The last check failed; retrying from the same place" /></div> : null}
      {feed.restartedAt ? (
        <p className="mb-2 text-sm text-amber-800 dark:text-amber-300" data-testid="follow-restarted">
          The dashboard server began reading this host&apos;s log again at {clock(feed.restartedAt)} (it restarted, or the host&apos;s settings changed): denials logged in between are not listed here; the list below has them.
        </p>
      ) : null}
      {feed.missed || feed.dropped || feed.older || hiddenCount ? (
        <p className="mb-2 text-xs text-slate-600 dark:text-slate-400" data-testid="follow-counts">
          {[
            feed.missed ? `${plural(feed.missed, 'denial')} came faster than can be listed (at most ${FOLLOW_MAX_EVENTS} per check): counted in the groups below` : null,
            feed.dropped ? `${plural(feed.dropped, 'line')} dropped by the kernel (kauditd rate limit)` : null,
            feed.older ? `${feed.older} older left this list (it keeps ${FEED_KEEP})` : null,
            hiddenCount ? `${hiddenCount} of muted groups not shown` : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
      ) : null}

      {shown.length === 0 ? (
        <p className="py-3 text-sm text-slate-600 dark:text-slate-400" data-testid="follow-empty">
          Waiting for new denials… {paused ? 'Resume to see what arrived.' : 'Run the snap you are debugging now; its denials appear here as they are logged.'}
        </p>
      ) : (
        <div role="log" aria-label="Denials as they are logged, newest first" className="max-h-96 overflow-y-auto rounded-md border border-slate-200 dark:border-slate-800" data-testid="follow-feed">
          <ol className="divide-y divide-slate-100 dark:divide-slate-800">
            {shown.map((e) => (
              <FeedLine key={e.id} event={e} group={feed.groups[e.group]} readOnly={readOnly} muted={muted.has(e.group)} onToggleMute={() => onToggleMute(e.group)} />
            ))}
          </ol>
        </div>
      )}
    </Card>
  );
}
