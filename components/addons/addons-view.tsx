'use client';
import { HostLink } from '@/components/layout/host-link';
import { useDeferredValue, useMemo, useState } from 'react';
import { useMicrok8s, useReleaseComparison } from '@/lib/hooks/use-microk8s';
import { PageHeader } from '@/components/ui/page-header';
import { Card } from '@/components/ui/card';
import { ReleaseComparisonList } from './release-comparison';
import { ProblemMessage } from '@/components/ui/problem';
import { Badge } from '@/components/ui/badge';
import { ConfinementBadge, HealthBadge } from '@/components/ui/snap-badges';
import { RequiredInterfaces } from './required-interfaces';
import { AddonButton, AddonJobs } from './addon-jobs';
import { useUrlState } from '@/lib/hooks/use-url-state';
import { moveToClassicSteps } from '@/lib/microk8s/classic-advice';
import { ClassicReason, classicReasonSummary } from './classic-reason';
import { TableFrame } from '@/components/ui/table';
import { FilterSelect, SearchInput } from '@/components/ui/filters';
import type { AddonRow } from '@/lib/microk8s/types';

type Compat = 'all' | 'works' | 'classic-only';
type Enabled = 'all' | 'enabled' | 'disabled';


function CompatBadge({ addon, strict }: { addon: AddonRow; strict: boolean }) {
  if (addon.confinement === 'classic') return <Badge tone="bad" title={addon.classicOnlyReason ? classicReasonSummary(addon.classicOnlyReason) : undefined}>classic only</Badge>;
  if (addon.confinement === 'strict') return <Badge tone="info">strict only</Badge>;
  return <Badge tone="good">{strict ? 'works under strict' : 'strict and classic'}</Badge>;
}

export function AddonsView() {
  const { data, error, mutate } = useMicrok8s();
  // Filters live in the address (bookmarks, shared links, Back).
  const [query, setQuery] = useUrlState<string>('q', '');
  const [compat, setCompat] = useUrlState<Compat>('compat', 'all', ['all', 'works', 'classic-only']);
  const [enabled, setEnabled] = useUrlState<Enabled>('state', 'all', ['all', 'enabled', 'disabled']);
  const [repo, setRepo] = useUrlState<string>('repo', 'all', ['all', 'core', 'community']);
  const [other, setOther] = useState('');
  const q = useDeferredValue(query.trim().toLowerCase());
  const comparison = useReleaseComparison(data?.release ?? null, other || null);

  const rows = useMemo(
    () =>
      (data?.addons ?? []).filter(
        (a) =>
          (!q || a.name.includes(q) || a.description.toLowerCase().includes(q)) &&
          (compat === 'all' || (compat === 'works' ? a.confinement !== 'classic' : a.confinement === 'classic')) &&
          (enabled === 'all' || (enabled === 'enabled' ? a.enabled === true : a.enabled !== true)) &&
          (repo === 'all' || a.repository === repo),
      ),
    [data, q, compat, enabled, repo],
  );

  const header = <PageHeader title="MicroK8s addons" description="Which addons this MicroK8s can run under its confinement, which are enabled, and what must be connected first." />;
  if (!data) {
    return (
      <div>
        {header}
        {error ? <ProblemMessage error={error} onRetry={() => void mutate()} /> : <p className="text-sm text-slate-500">Loading…</p>}
      </div>
    );
  }
  const classicOnly = data.addons.filter((a) => a.confinement === 'classic');

  return (
    <div className="space-y-6">
      {header}
      {error ? <ProblemMessage error={error} onRetry={() => void mutate()} /> : null}
      {!data.installed ? (
        <Card>
          <p className="font-medium">{data.problem?.message}</p>
          {data.problem?.hint ? <p className="mt-1 font-mono text-sm">{data.problem.hint}</p> : null}
        </Card>
      ) : (
        <>
          <Card>
            <div className="flex flex-wrap items-center gap-x-8 gap-y-3">
              <div>
                <p className="text-sm text-slate-600 dark:text-slate-400">Installed</p>
                <p className="flex items-center gap-2 font-semibold">
                  <HostLink href="/snaps/microk8s" className="text-indigo-700 hover:underline dark:text-indigo-300">microk8s</HostLink>
                  <span className="font-mono text-sm">{data.snap?.version}</span>
                </p>
              </div>
              <div>
                <p className="text-sm text-slate-600 dark:text-slate-400">Channel</p>
                <p className="font-mono text-sm">{data.snap?.tracking ?? '—'}</p>
              </div>
              <div>
                <p className="text-sm text-slate-600 dark:text-slate-400">Confinement</p>
                <p className="flex gap-1">{data.snap ? <ConfinementBadge confinement={data.snap.confinement} /> : null}{data.snap ? <HealthBadge health={data.snap.health} /> : null}</p>
              </div>
              <div>
                <p className="text-sm text-slate-600 dark:text-slate-400">Kubernetes</p>
                <p data-testid="microk8s-running">
                  {data.status ? (
                    data.status.running ? <Badge tone="good">running</Badge> : <Badge tone="bad">not running</Badge>
                  ) : (
                    // no status read: whether it runs is not known, so not claimed
                    <Badge tone="neutral">{data.problem?.kind === 'not-in-snapshot' ? 'not in the snapshot' : 'unknown'}</Badge>
                  )}
                </p>
              </div>
              <div>
                <p className="text-sm text-slate-600 dark:text-slate-400">Addon list</p>
                <p className="text-sm">{data.catalogSource === 'host' ? 'from the installed addon repositories' : `the dashboard's catalog for ${data.release ?? 'this release'}`}</p>
              </div>
            </div>
            {data.problem ? (
              <div className="mt-4">
                <ProblemMessage error={{ code: data.problem.kind, message: data.problem.message, hint: data.problem.hint }} title={data.problem.kind === 'insufficient-permissions' ? 'No permission to ask MicroK8s' : data.problem.kind === 'not-running' ? 'MicroK8s is not running' : data.problem.kind === 'not-installed' ? 'The microk8s command was not found' : data.problem.kind === 'not-in-snapshot' ? 'MicroK8s status: not in the snapshot' : undefined} />
              </div>
            ) : null}
          </Card>

          {data.strict && data.required.length ? <RequiredInterfaces required={data.required} interfaces={data.requiredInterfaces} onDone={() => void mutate()} /> : null}

          {data.strict && classicOnly.length ? (
            <div className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100" data-testid="classic-advice">
              <p>
                {classicOnly.length} addons are not available under strict confinement — strict MicroK8s hides them from <code>microk8s status</code> and refuses to enable them. To use them you need the classic snap, which replaces this one:
              </p>
              <ol className="mt-2 list-decimal space-y-1 pl-5">
                {moveToClassicSteps(data.snap?.tracking ?? null).map((step) => (
                  <li key={step.text}>
                    {step.text} {step.command ? <code className="break-words rounded bg-amber-100 px-1 dark:bg-amber-900">{step.command}</code> : null}
                  </li>
                ))}
              </ol>
            </div>
          ) : null}
        </>
      )}

      {data.installed ? (
        <div>
          <div className="mb-4 flex flex-wrap items-center gap-3">
            <SearchInput label="Search addons" value={query} onChange={setQuery} placeholder="Search addons" />
            <FilterSelect<Compat> label="Compatibility" value={compat} onChange={setCompat} options={[['all', 'All'], ['works', 'Works under strict'], ['classic-only', 'Classic only']]} />
            <FilterSelect<Enabled> label="State" value={enabled} onChange={setEnabled} options={[['all', 'All'], ['enabled', 'Enabled'], ['disabled', 'Disabled']]} />
            <FilterSelect label="Repository" value={repo} onChange={setRepo} options={[['all', 'All'], ['core', 'core'], ['community', 'community']]} />
          </div>
          <p className="mb-2 text-sm text-slate-600 dark:text-slate-400" aria-live="polite" data-testid="addons-count">
            {rows.length} of {data.addons.length} addons
          </p>
          <AddonJobs onDone={() => void mutate()}>
          <TableFrame testId="addons-table" columns={['Addon', 'Repository', 'State', 'Under strict confinement']} footer={rows.length === 0 ? <p className="p-6 text-center text-sm text-slate-500">No addon matches these filters.</p> : null}>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {rows.map((a) => (
                  <tr key={`${a.repository}/${a.name}`} data-testid={`addon-${a.repository}-${a.name}`}>
                    <td className="px-4 py-2">
                      <p className="font-medium">{a.name}</p>
                      <p className="text-xs text-slate-600 dark:text-slate-400">{a.description}</p>
                    </td>
                    <td className="px-4 py-2">{a.repository}</td>
                    <td className="px-4 py-2">
                      {!a.available ? (
                        <span className="text-slate-600 dark:text-slate-400" data-testid="addon-state">not available ({data.strict ? 'strict' : 'classic'})</span>
                      ) : a.enabled === null ? (
                        <span className="text-slate-500" data-testid="addon-state">unknown</span>
                      ) : (
                        <span className="inline-flex items-center gap-2">
                          {a.enabled ? <Badge tone="good">enabled</Badge> : <span className="text-slate-600 dark:text-slate-400">disabled</span>}
                          <AddonButton name={`${a.repository}/${a.name}`} enabled={a.enabled} />
                        </span>
                      )}
                    </td>
                    <td className="max-w-md px-4 py-2">
                      <CompatBadge addon={a} strict={data.strict} />
                      {a.confinement === 'classic' && a.classicOnlyReason ? <ClassicReason reason={a.classicOnlyReason} testId={`reason-${a.repository}-${a.name}`} /> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
          </TableFrame>
          </AddonJobs>
        </div>
      ) : null}

      {data.installed && data.release ? (
        <Card>
          <h2 className="mb-2 font-semibold">Compare with another release</h2>
          <label className="flex flex-wrap items-center gap-2 text-sm">
            This host runs {data.release}; compare with
            <select value={other} onChange={(e) => setOther(e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900" data-testid="compare-release">
              <option value="">choose a release…</option>
              {data.catalogReleases.filter((r) => r !== data.release).map((r) => (
                <option key={r} value={r}>{r}</option>
              ))}
            </select>
          </label>
          {comparison.data ? (
            <ReleaseComparisonList comparison={comparison.data} />
          ) : comparison.error ? (
            <div className="mt-3"><ProblemMessage error={comparison.error} /></div>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}
