'use client';
import { HostLink } from '@/components/layout/host-link';
import { hostApi } from '@/lib/contracts/hosts';
import { useHostId } from '@/lib/hooks/host-context';
import { Boxes, Download, FileBraces, FileText, ShieldCheck, ShieldAlert } from 'lucide-react';
import { useSystem } from '@/lib/hooks/use-system';
import { useSnaps } from '@/lib/hooks/use-snaps';
import { downloadFile } from '@/lib/hooks/fetcher';
import { PageHeader } from '@/components/ui/page-header';
import { Card } from '@/components/ui/card';
import { ProblemMessage } from '@/components/ui/problem';
import { ConfinementBadge } from '@/components/ui/snap-badges';
import { Badge } from '@/components/ui/badge';
import type { Confinement } from '@/lib/snap/parse';
import { reportUrl } from '@/lib/contracts/report';
import { useRefreshes } from '@/lib/hooks/use-refreshes';
import { RevisionChange } from '@/components/snaps/revision-change';
import { AttentionCard, UnconnectedPlugsCard } from './attention';
import { Microk8sCard } from './microk8s-card';
import { DenialsCard } from './denials-card';

const CONFINEMENTS: Confinement[] = ['strict', 'devmode', 'jailmode', 'classic'];
const DOWNLOAD =
  'inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-800 dark:hover:bg-slate-700';

function Stat({ label, value, testId, tone = 'text-slate-900 dark:text-white' }: { label: string; value: number | string; testId: string; tone?: string }) {
  return (
    <div>
      <dt className="text-sm text-slate-600 dark:text-slate-400">{label}</dt>
      <dd data-testid={testId} className={`mt-1 text-3xl font-semibold tabular-nums ${tone}`}>
        {value}
      </dd>
    </div>
  );
}

export function Overview() {
  const hostId = useHostId();
  const system = useSystem();
  const snaps = useSnaps();
  const refreshes = useRefreshes();
  const error = system.error ?? snaps.error;
  const list = snaps.data?.snaps ?? [];
  // Without data, show dashes rather than zeros that look like facts.
  const known = snaps.data?.snaps !== undefined;
  const n = (value: number) => (known ? value : '—');
  const apps = list.filter((s) => s.kind === 'app');
  const byConfinement = Object.fromEntries(CONFINEMENTS.map((c) => [c, list.filter((s) => s.confinement === c).length])) as Record<Confinement, number>;
  const v = system.data?.version;

  return (
    <div className="space-y-6">
      <PageHeader
        title="Overview"
        description="How the snaps on this host are confined, and what needs your attention."
        actions={
          // Buttons, not <a href download>: the API wants the session's request key, which a link cannot send.
          <div className="flex flex-wrap gap-2">
            <button type="button" onClick={() => void downloadFile(hostApi(hostId, reportUrl('md').slice('/api'.length)), 'confinement-posture.md').catch(() => undefined)} className={DOWNLOAD} title="Unconfined snaps, super-privileged and manual connections, unconnected required plugs and denials, dated and signed with the hostname (Markdown, diffable between two dates)">
              <FileText aria-hidden className="h-4 w-4" /> Posture report
            </button>
            <button type="button" onClick={() => void downloadFile(hostApi(hostId, reportUrl('json').slice('/api'.length)), 'confinement-posture.json').catch(() => undefined)} className={DOWNLOAD} title="The posture report as JSON, for scripts">
              <FileBraces aria-hidden className="h-4 w-4" /> JSON
            </button>
            <button type="button" onClick={() => void downloadFile(hostApi(hostId, '/snapshot'), 'snap-snapshot.json').catch(() => undefined)} className={DOWNLOAD} title="The raw output of the snap commands the dashboard reads, to share when asking for help (no secrets: names, versions and connections only)">
              <Download aria-hidden className="h-4 w-4" /> Export host snapshot
            </button>
          </div>
        }
      />
      {error ? <ProblemMessage error={error} onRetry={() => { void system.mutate(); void snaps.mutate(); }} /> : null}

      <div className="grid gap-4 lg:grid-cols-3">
        <Card className="lg:col-span-1">
          <h2 className="mb-3 flex items-center gap-2 font-semibold">
            {system.data?.confinement === 'strict' ? <ShieldCheck aria-hidden className="h-5 w-5 text-emerald-600" /> : <ShieldAlert aria-hidden className="h-5 w-5 text-amber-600" />}
            Host
          </h2>
          {system.data ? (
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
              <dt className="text-slate-600 dark:text-slate-400">Hostname</dt>
              <dd data-testid="system-hostname" className="font-mono">{system.data.hostname}</dd>
              <dt className="text-slate-600 dark:text-slate-400">snapd</dt>
              <dd data-testid="snapd-version" className="font-mono">{v?.snapd ?? 'unknown'}</dd>
              <dt className="text-slate-600 dark:text-slate-400">System</dt>
              <dd>{[v?.os, v?.osVersion].filter(Boolean).join(' ') || 'unknown'}</dd>
              <dt className="text-slate-600 dark:text-slate-400">Kernel</dt>
              <dd className="font-mono">{v?.kernel ?? 'unknown'}</dd>
              <dt className="text-slate-600 dark:text-slate-400">Confinement</dt>
              <dd>
                <Badge tone={system.data.confinement === 'strict' ? 'good' : 'warn'} title={system.data.confinement === 'partial' ? 'This kernel lacks features strict confinement needs (usually AppArmor): strict snaps run less confined than they declare.' : 'The kernel supports full strict confinement.'}>
                  <span data-testid="system-confinement">{system.data.confinement ?? 'unknown'}</span>
                </Badge>
              </dd>
              <dt className="text-slate-600 dark:text-slate-400">Sandbox</dt>
              <dd className="flex flex-wrap gap-1">
                {Object.keys(system.data.sandboxFeatures).map((k) => (
                  <Badge key={k} title={(system.data?.sandboxFeatures[k] ?? []).join(' ')}>{k}</Badge>
                ))}
              </dd>
            </dl>
          ) : (
            <p className="text-sm text-slate-500">{system.error ? 'Unknown until snapd answers.' : 'Loading…'}</p>
          )}
          {system.data?.confinement === 'partial' ? (
            <p className="mt-3 text-sm text-amber-800 dark:text-amber-300">
              Confinement is <strong>partial</strong>: the kernel lacks features (usually AppArmor) that strict confinement needs, so strict snaps are less confined than they declare.
            </p>
          ) : null}
        </Card>

        <Card className="lg:col-span-2">
          <h2 className="mb-3 flex items-center gap-2 font-semibold">
            <Boxes aria-hidden className="h-5 w-5 text-indigo-600 dark:text-indigo-400" /> Snaps by confinement
          </h2>
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-5">
            <Stat label="Installed" value={n(list.length)} testId="count-installed" />
            {CONFINEMENTS.map((c) => (
              <div key={c}>
                <dt className="text-sm"><ConfinementBadge confinement={c} /></dt>
                <dd data-testid={`count-${c}`} className="mt-1 text-3xl font-semibold tabular-nums">{n(byConfinement[c])}</dd>
              </div>
            ))}
          </dl>
          <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">
            {known ? `${apps.length} applications, ${list.length - apps.length} bases, core and system snaps. ` : ''}
            <HostLink href="/snaps" className="font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300">All snaps →</HostLink>
          </p>
        </Card>
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <AttentionCard snaps={snaps.data?.snaps} />
        <UnconnectedPlugsCard snaps={snaps.data?.snaps} />
        <Microk8sCard />
        <DenialsCard />
      </div>
      {refreshes.data && refreshes.data.revisions.length ? (
        <Card>
          <h2 className="mb-1 font-semibold">Refreshes and reverts</h2>
          <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">Snaps whose current revision replaced one snapd still keeps, and what that changed in their plugs and slots.</p>
          <div className="space-y-3" data-testid="overview-refreshes">
            {refreshes.data.revisions.map((v) => (
              <RevisionChange key={v.snap} view={v} link />
            ))}
          </div>
        </Card>
      ) : null}
    </div>
  );
}
