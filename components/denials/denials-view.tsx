'use client';
import { useMemo, useState } from 'react';
import { CheckCircle2, FileText, XCircle } from 'lucide-react';
import { useDenials } from '@/lib/hooks/use-denials';
import { sendJson, ApiClientError } from '@/lib/hooks/fetcher';
import { useCsrf } from '@/components/layout/session-context';
import { useHostId } from '@/lib/hooks/host-context';
import { PageHeader } from '@/components/ui/page-header';
import { Card } from '@/components/ui/card';
import { ProblemMessage } from '@/components/ui/problem';
import { DenialTimeline } from './timeline';
import { DenialGroupRow } from './denial-group';
import { useMutes } from './use-mutes';
import { LiveFollow } from './live-follow';
import { HostTime, HostZoneProvider } from '@/components/ui/host-time';
import { FilterSelect } from '@/components/ui/filters';
import type { DenialGroup, DenialReport } from '@/lib/denials/report';
import { useUrlFlag, useUrlState } from '@/lib/hooks/use-url-state';
import { analyzePath, DEFAULT_DENIAL_RANGE, DENIAL_GROUP_LIMIT, RANGE_IDS, UNKNOWN_SNAP, type AnalyzeResponse, type DenialQuery, type RangeId } from '@/lib/contracts/denials';

export type DenialOrder = 'recent' | 'noisiest';

function bySnap(groups: DenialGroup[], order: DenialOrder = 'recent'): [string, DenialGroup[]][] {
  const m = new Map<string, DenialGroup[]>();
  for (const g of groups) {
    const k = g.snap ?? UNKNOWN_SNAP;
    m.set(k, [...(m.get(k) ?? []), g]);
  }
  const sections = [...m.entries()];
  if (order === 'recent') return sections;
  // noisiest first: snaps by their number of denials, groups by theirs
  const total = (gs: DenialGroup[]) => gs.reduce((n, g) => n + g.count, 0);
  return sections.map(([s, gs]) => [s, [...gs].sort((a, b) => b.count - a.count)] as [string, DenialGroup[]]).sort((a, b) => total(b[1]) - total(a[1]));
}

const SNAPS_PER_STEP = 6;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function Groups({ report, readOnly = false, order = 'recent', muted, onToggleMute }: { report: DenialReport; readOnly?: boolean; order?: DenialOrder; muted?: Set<string>; onToggleMute?: (key: string) => void }) {
  const [shown, setShown] = useState(SNAPS_PER_STEP);
  if (report.groups.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No denials{report.total === 0 ? '' : ' match these filters'}.</p>;
  const sections = bySnap(report.groups, order);
  return (
    <div className="space-y-4">
      {sections.slice(0, shown).map(([snap, groups]) => (
        <Card key={snap}>
          <h3 className="font-semibold" data-testid="denial-snap">
            {snap} <span className="text-sm font-normal text-slate-600 dark:text-slate-400">· {plural(groups.reduce((n, g) => n + g.count, 0), 'denial')}, {plural(groups.length, 'kind')}</span>
          </h3>
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {groups.map((g) => (
              <DenialGroupRow key={g.key} group={g} readOnly={readOnly} muted={muted?.has(g.key) ?? false} onToggleMute={onToggleMute ? () => onToggleMute(g.key) : undefined} />
            ))}
          </ul>
        </Card>
      ))}
      {sections.length > shown ? (
        <button type="button" onClick={() => setShown((n) => n + SNAPS_PER_STEP)} className="w-full rounded-md border border-slate-300 bg-white py-2 text-sm font-medium hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-800 dark:hover:bg-slate-700">
          Show {Math.min(SNAPS_PER_STEP, sections.length - shown)} more snaps ({sections.length - shown} not shown)
        </button>
      ) : null}
    </div>
  );
}

function PasteAnalyser() {
  const csrf = useCsrf();
  const hostId = useHostId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AnalyzeResponse | null>(null);
  const [error, setError] = useState<ApiClientError | null>(null);
  const analyse = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await sendJson<AnalyzeResponse>('POST', analyzePath(hostId), { text }, csrf));
    } catch (e) {
      setError(e instanceof ApiClientError ? e : new ApiClientError(0, 'unknown', String(e)));
    } finally {
      setBusy(false);
    }
  };
  const onFile = async (file: File | undefined) => {
    if (file) setText(await file.text());
  };
  return (
    <Card>
      <h2 className="mb-1 flex items-center gap-2 font-semibold"><FileText aria-hidden className="h-5 w-5" /> Analyse a log from elsewhere</h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">Paste kernel, journal, syslog or audit.log lines (or pick a file, up to 5 MB). They are analysed in memory and not stored.</p>
      <label className="sr-only" htmlFor="pasted-log">Log text</label>
      <textarea id="pasted-log" value={text} onChange={(e) => setText(e.target.value)} rows={5} className="w-full rounded-md border border-slate-300 bg-white p-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-900" placeholder='audit: type=1400 audit(…): apparmor="DENIED" operation="open" profile="snap.foo.bar" name="/proc/1/mounts" …' />
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <button type="button" disabled={busy || !text.trim()} onClick={() => void analyse()} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
          {busy ? 'Analysing…' : 'Analyse'}
        </button>
        <label className="text-sm">
          <span className="mr-2">or a file:</span>
          <input type="file" accept=".log,.txt,text/plain" onChange={(e) => void onFile(e.target.files?.[0])} className="text-sm" />
        </label>
      </div>
      {error ? <div className="mt-3"><ProblemMessage error={error} /></div> : null}
      {result ? (
        <div className="mt-4" data-testid="pasted-result">
          <p className="mb-2 text-sm">
            {plural(result.total, 'denial')} in {plural(result.groups.length, 'group')}{result.dropped ? `, ${result.dropped} dropped by the kernel` : ''}
            {result.unrecognised ? <span data-testid="unrecognised">; {result.unrecognised} of {plural(result.lines, 'line')} not recognised as denials</span> : null}.
            {' '}A log from elsewhere is judged by what the interfaces allow, not by this host&apos;s plugs.
          </p>
          <Groups report={result} />
        </div>
      ) : null}
    </Card>
  );
}

/** The denials of one snap, as its page embeds them. */
export function DenialList({ snap }: { snap: string }) {
  return <DenialsView fixedSnap={snap} />;
}

/** The Denials page: every snap's denials with filters, the timeline and the paste analyser. */
export function DenialsView({ fixedSnap }: { fixedSnap?: string }) {
  // On the Denials page the filters live in the address: a link to "seccomp denials of microk8s in
  // the last hour, noisiest first" is shareable (review problem 22).
  const inUrl = !fixedSnap;
  const [urlSnap, setSnap] = useUrlState<string>('snap', '', undefined, inUrl);
  const snap = fixedSnap ?? urlSnap;
  const [kind, setKind] = useUrlState<'' | 'apparmor' | 'seccomp'>('kind', '', ['', 'apparmor', 'seccomp'], inUrl);
  const [range, setRange] = useUrlState<RangeId>('range', DEFAULT_DENIAL_RANGE, RANGE_IDS, inUrl);
  const [hideResolved, setHideResolved] = useUrlFlag('hide-resolved', inUrl);
  const [order, setOrder] = useUrlState<DenialOrder>('order', 'recent', ['recent', 'noisiest'], inUrl);
  const [showMuted, setShowMuted] = useUrlFlag('muted', inUrl);
  const [following, setFollowing] = useUrlFlag('follow', inUrl);
  const mutes = useMutes();
  const [snapText, setSnapText] = useState(snap);
  const query = useMemo<DenialQuery>(
    // noisiest first asks the server for the noisiest groups, not just a re-sort of the most recent ones
    () => ({ snap: snap || null, kind: kind === 'apparmor' || kind === 'seccomp' ? kind : null, range, limit: DENIAL_GROUP_LIMIT, order: order === 'noisiest' ? order : null }),
    [snap, kind, range, order],
  );
  const { data, error, mutate } = useDenials(query);
  // The snap picker lists every snap with denials (not needed when the page is about one snap).
  const { data: all } = useDenials(fixedSnap ? null : { range, limit: DENIAL_GROUP_LIMIT });
  const replayed = data?.attempts.find((a) => a.notInSnapshot);
  // With no source read, "No denials" and "0 denials" would be claims about a log nobody read.
  const readable = data?.attempts.some((a) => a.ok) ?? false;
  const snapOptions = all?.snaps.map((s) => s.snap).filter((s) => s !== UNKNOWN_SNAP) ?? [];

  return (
    <HostZoneProvider zone={data?.hostZone}>
      <div className="space-y-6">
        {!fixedSnap ? <PageHeader title="Recent denials" description="AppArmor and seccomp denials from the kernel log, grouped by snap, each with the interface that would allow it." /> : null}
        {error ? <ProblemMessage error={error} onRetry={() => void mutate()} /> : null}

        {data ? (
          <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-600 dark:text-slate-400" data-testid="denial-sources">
            {data.attempts.map((a) => (
              <span key={a.source} className="inline-flex items-center gap-1" title={a.hint ?? a.message}>
                {a.ok ? <CheckCircle2 aria-hidden className="h-4 w-4 shrink-0 text-emerald-600" /> : <XCircle aria-hidden className="h-4 w-4 shrink-0 text-slate-400" />}
                {a.source === 'journal' ? 'journal (journalctl -k)' : a.source === 'dmesg' ? 'dmesg' : `/var/log/${a.source}`}
                {/* a replay's own sentence is in the box below: here the short form */}
                {!a.ok && a.message ? <span className="text-xs">: {a.notInSnapshot ? 'not in the snapshot' : a.message}</span> : null}
                {a.ok && a.message ? <span className="text-xs font-medium text-amber-700 dark:text-amber-400" data-testid="source-warning">: {a.message}</span> : null}
              </span>
            ))}
            {data.dropped ? (
              // the kernel's count is the host's, not this snap's: on a snap's page it is said to be so
              <span className="font-medium text-amber-700 dark:text-amber-400" data-testid="dropped">
                {plural(data.dropped, 'denial')} {data.dropped === 1 ? 'was' : 'were'} dropped by the kernel (kauditd rate limit){fixedSnap ? ', of all snaps on this host' : ''}
              </span>
            ) : null}
            <span className="ml-auto text-xs" data-testid="denials-updated">updated <HostTime at={data.generatedAt} style="seconds" /></span>
          </div>
        ) : null}
        {data && !data.attempts.some((a) => a.ok) ? (
          replayed ? (
            // a replayed snapshot holds no kernel log: no denials shown, none made up (review problem 9)
            <ProblemMessage error={{ code: 'not-in-snapshot', message: replayed.message ?? 'The kernel log is not in the snapshot.' }} title="Denials: not in the snapshot" />
          ) : (
            <ProblemMessage error={{ code: 'no-source', message: 'No kernel log source could be read.', hint: data.attempts.find((a) => a.hint)?.hint }} title="Cannot read the kernel log" />
          )
        ) : null}

        <div className="flex flex-wrap items-center gap-3">
          {!fixedSnap ? (
            // searchable: at scale there are hundreds of snaps (review problem 19); applied once it names one
            <label className="flex items-center gap-2 text-sm">
              Snap
              <input
                type="search"
                list="denial-snaps"
                aria-label="Snap"
                value={snapText}
                placeholder="All snaps"
                onChange={(e) => {
                  const v = e.target.value.trim();
                  setSnapText(e.target.value);
                  if (v === '' || snapOptions.includes(v)) setSnap(v);
                }}
                className="w-48 rounded-md border border-slate-300 bg-white px-2 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
              />
              <datalist id="denial-snaps">
                {snapOptions.map((s) => (
                  <option key={s} value={s} />
                ))}
              </datalist>
            </label>
          ) : null}
          <FilterSelect<typeof kind> label="Kind" value={kind} onChange={setKind} options={[['', 'AppArmor and seccomp'], ['apparmor', 'AppArmor'], ['seccomp', 'seccomp']]} />
          <FilterSelect
            label="Time"
            value={range}
            onChange={(v) => setRange(v as RangeId)}
            options={[['1h', 'last hour'], ['6h', 'last 6 hours'], ['24h', 'last 24 hours'], ['7d', 'last 7 days'], ['all', 'all of the log read so far']]}
          />
          <FilterSelect<DenialOrder> label="Order" value={order} onChange={setOrder} options={[['recent', 'most recent first'], ['noisiest', 'noisiest first']]} />
          <label className="inline-flex items-center gap-1.5 text-sm">
            <input type="checkbox" checked={hideResolved} onChange={(e) => setHideResolved(e.target.checked)} data-testid="hide-resolved" />
            Hide resolved{data ? ` (${data.groups.filter((g) => g.answer.kind === 'resolved').length})` : ''}
          </label>
          {data && data.groups.some((g) => mutes.muted.has(g.key)) ? (
            <label className="inline-flex items-center gap-1.5 text-sm">
              <input type="checkbox" checked={showMuted} onChange={(e) => setShowMuted(e.target.checked)} data-testid="show-muted" />
              Show muted ({data.groups.filter((g) => mutes.muted.has(g.key)).length})
            </label>
          ) : null}
          {data && readable ? (
            <span className="text-sm text-slate-600 dark:text-slate-400" data-testid="denial-total" aria-live="polite">
              {plural(data.total, 'denial')} in {plural(data.groupsTotal, 'group')}{data.groupsTotal > data.groups.length ? ` (the ${data.groups.length} ${order === 'noisiest' ? 'noisiest' : 'most recent'} shown; filter by snap to see the rest)` : ''}
            </span>
          ) : null}
        </div>

        <LiveFollow
          query={query}
          following={following}
          onFollowingChange={setFollowing}
          readOnly={data?.source === 'syslog'}
          hidden={showMuted ? new Set() : mutes.muted}
          muted={mutes.muted}
          onToggleMute={(key) => void mutes.toggle(key)}
        />

        {data?.timeline ? (
          <Card>
            <h2 className="mb-2 font-semibold">Over time</h2>
            <DenialTimeline timeline={data.timeline} />
          </Card>
        ) : null}

        {/* Denials read from /var/log/syslog may be forged by local programs: no Connect buttons for them (review F9). */}
        {mutes.error ? <ProblemMessage error={mutes.error} title="The mute was not changed" /> : null}
        {data && readable ? (
          <Groups
            report={{ ...data, groups: data.groups.filter((g) => !(hideResolved && g.answer.kind === 'resolved') && (showMuted || !mutes.muted.has(g.key))) }}
            readOnly={data.source === 'syslog'}
            order={order}
            muted={mutes.muted}
            onToggleMute={(key) => void mutes.toggle(key)}
          />
        ) : !error && !data ? (
          <p className="text-sm text-slate-500">Reading the kernel log…</p>
        ) : null}

        {!fixedSnap ? <PasteAnalyser /> : null}
      </div>
    </HostZoneProvider>
  );
}
