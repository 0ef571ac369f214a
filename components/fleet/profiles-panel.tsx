'use client';
import { useState } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useSWRConfig } from 'swr';
import { sendJson, type ApiClientError } from '@/lib/hooks/fetcher';
import { useProfiles } from '@/lib/hooks/use-fleet';
import { PROFILES_KEY, profileKey, type ApplyResponse, type PlanResponse, type Profile } from '@/lib/contracts/profiles';
import { useCsrf } from '@/components/layout/session-context';
import { Card } from '@/components/ui/card';
import { ProblemMessage } from '@/components/ui/problem';
import type { HostRef } from './fleet-table';
import { JobProgress } from './job-progress';

const FIELD = 'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900';
const BUTTON = 'rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60';

function sudoCommand(action: 'connect' | 'disconnect', plug: string, slot?: string): string {
  return ['sudo snap', action, plug, slot].filter(Boolean).join(' ');
}

/**
 * Profiles: a known-good set of connections, taken from a host, planned for
 * others (exactly what would change, host by host), then applied as a job on
 * the server. The job id lives in the URL, so a reload keeps following it.
 */
export function ProfilesPanel({ hosts }: { hosts: HostRef[] }) {
  const csrf = useCsrf();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const jobId = params.get('job');
  const { mutate } = useSWRConfig();
  const { data, error } = useProfiles();
  const [name, setName] = useState('microk8s-node');
  const [fromHost, setFromHost] = useState(hosts[0]?.id ?? '');
  const [snap, setSnap] = useState('microk8s');
  const [selected, setSelected] = useState<string | null>(null);
  const [targets, setTargets] = useState<string[]>([]);
  const [plan, setPlan] = useState<PlanResponse | null>(null);
  const [failure, setFailure] = useState<ApiClientError | null>(null);
  const [busy, setBusy] = useState(false);

  const act = async <T,>(fn: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setFailure(null);
    try {
      return await fn();
    } catch (e) {
      setFailure(e as ApiClientError);
      return null;
    } finally {
      setBusy(false);
    }
  };

  const create = () =>
    act(async () => {
      const saved = await sendJson<Profile>('PUT', profileKey(name), { fromHost, snap }, csrf);
      await mutate(PROFILES_KEY);
      setSelected(saved.name);
      setPlan(null);
    });
  const planIt = () => act(async () => selected && setPlan(await sendJson<PlanResponse>('POST', `${profileKey(selected)}/plan`, { hosts: targets }, csrf)));
  const apply = () =>
    act(async () => {
      if (!selected) return;
      const job = await sendJson<ApplyResponse>('POST', `${profileKey(selected)}/apply`, { hosts: targets }, csrf);
      setPlan(null);
      router.replace(`${pathname}?job=${encodeURIComponent(job.id)}`);
    });
  const cancel = () => act(async () => jobId && (await sendJson('POST', `/api/jobs/${encodeURIComponent(jobId)}/cancel`, {}, csrf)));
  const profile = data?.profiles.find((p) => p.name === selected) ?? null;
  const changes = plan ? plan.plans.reduce((n, p) => n + p.connect.length + p.disconnect.length, 0) : 0;

  return (
    <Card>
      <h2 className="mb-1 font-semibold">Profiles</h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        The connections a snap should have: take them from a host that works, and bring other hosts to the same. Kept as YAML in the state directory (<code>profiles/</code>).
      </p>
      {error ? <ProblemMessage error={error} /> : null}
      {failure ? <ProblemMessage error={failure} className="mb-3" /> : null}
      {data?.errors.map((e) => (
        <p key={e.file} className="text-sm text-rose-700">profiles/{e.file}: {e.error}</p>
      ))}

      <div className="mb-4 flex flex-wrap items-end gap-2 text-sm">
        <label className="flex flex-col">Name<input value={name} onChange={(e) => setName(e.target.value)} className={`${FIELD} font-mono`} data-testid="profile-name" /></label>
        <label className="flex flex-col">Snap<input value={snap} onChange={(e) => setSnap(e.target.value)} className={`${FIELD} font-mono`} /></label>
        <label className="flex flex-col">
          From host
          <select value={fromHost} onChange={(e) => setFromHost(e.target.value)} className={FIELD} data-testid="profile-from">
            {hosts.map((h) => <option key={h.id} value={h.id}>{h.name}</option>)}
          </select>
        </label>
        <button type="button" onClick={() => void create()} disabled={busy} className={BUTTON}>Save as profile</button>
      </div>

      {data && data.profiles.length ? (
        <div className="space-y-3">
          <div className="flex flex-wrap items-end gap-3 text-sm">
            <label className="flex flex-col">
              Profile
              <select value={selected ?? ''} onChange={(e) => { setSelected(e.target.value || null); setPlan(null); }} className={FIELD} data-testid="profile-select">
                <option value="">Choose…</option>
                {data.profiles.map((p) => <option key={p.name} value={p.name}>{p.name} ({p.snap}, {p.connections.length} connections)</option>)}
              </select>
            </label>
            <fieldset className="flex flex-wrap items-center gap-2">
              <legend className="mb-1">Bring these hosts to it</legend>
              {hosts.map((h) => (
                <label key={h.id} className="inline-flex items-center gap-1">
                  <input type="checkbox" checked={targets.includes(h.id)} onChange={() => { setTargets((t) => (t.includes(h.id) ? t.filter((x) => x !== h.id) : [...t, h.id])); setPlan(null); }} data-testid={`profile-target-${h.id}`} />
                  {h.name}
                </label>
              ))}
            </fieldset>
            <button type="button" onClick={() => void planIt()} disabled={busy || !selected || targets.length === 0} className={BUTTON}>Plan</button>
          </div>
          {profile?.description ? <p className="text-xs text-slate-500">{profile.description}{profile.exclusive ? ' Exclusive: connections it does not list are disconnected.' : ''}</p> : null}
        </div>
      ) : data ? <p className="text-sm text-slate-500">No profiles yet.</p> : null}

      {plan ? (
        <div className="mt-4 space-y-3" data-testid="profile-plan">
          {plan.plans.map((p) => (
            <div key={p.host} className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
              <p className="font-medium">{hosts.find((h) => h.id === p.host)?.name ?? p.host} <span className="font-mono text-xs text-slate-500">{p.hostname}</span></p>
              {p.error ? <p className="text-sm text-rose-700 dark:text-rose-300">{p.error}</p> : null}
              {p.connect.length + p.disconnect.length === 0 && !p.error ? <p className="text-sm text-emerald-700 dark:text-emerald-400">Already matches the profile.</p> : null}
              <pre className="mt-1 whitespace-pre-wrap font-mono text-xs">
                {[...p.disconnect.map((d) => sudoCommand('disconnect', `${profile?.snap}:${d.plug}`, d.slot)), ...p.connect.map((c) => sudoCommand('connect', `${profile?.snap}:${c.plug}`, c.slot))].join('\n')}
              </pre>
            </div>
          ))}
          <button type="button" onClick={() => void apply()} disabled={busy || changes === 0} className={BUTTON} data-testid="profile-apply">
            Apply {changes} change{changes === 1 ? '' : 's'}
          </button>
        </div>
      ) : null}

      {jobId ? (
        <div className="mt-4">
          <JobProgress id={jobId} onCancel={() => void cancel()} />
        </div>
      ) : null}
    </Card>
  );
}
