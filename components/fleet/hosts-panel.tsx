'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useSWRConfig } from 'swr';
import { sendJson, type ApiClientError } from '@/lib/hooks/fetcher';
import { useHosts } from '@/lib/hooks/use-hosts';
import { useCsrf } from '@/components/layout/session-context';
import { Card } from '@/components/ui/card';
import { Badge } from '@/components/ui/badge';
import { ProblemMessage } from '@/components/ui/problem';

const FIELD = 'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900';

/**
 * The hosts and whether they answer, and the SSH nodes of hosts.yaml: added
 * here or by hand. The dashboard's own host is always there.
 */
export function HostsPanel({ simulated }: { simulated: boolean }) {
  const csrf = useCsrf();
  const router = useRouter();
  const { mutate } = useSWRConfig();
  const { data, error } = useHosts();
  const [form, setForm] = useState({ id: '', ssh: '', port: '', identityFile: '', sudo: true });
  const [failure, setFailure] = useState<ApiClientError | null>(null);

  const after = async () => {
    await mutate((k) => typeof k === 'string' && (k === '/api/hosts' || k === '/api/fleet'));
    router.refresh(); // the host switcher lists the new set
  };
  const add = async () => {
    setFailure(null);
    try {
      await sendJson('PUT', `/api/hosts/${encodeURIComponent(form.id)}/config`, { ssh: form.ssh, ...(form.port ? { port: Number(form.port) } : {}), ...(form.identityFile ? { identityFile: form.identityFile } : {}), sudo: form.sudo }, csrf);
      setForm({ id: '', ssh: '', port: '', identityFile: '', sudo: true });
      await after();
    } catch (e) {
      setFailure(e as ApiClientError);
    }
  };
  const remove = async (id: string) => {
    setFailure(null);
    try {
      await sendJson('DELETE', `/api/hosts/${encodeURIComponent(id)}/config`, {}, csrf);
      await after();
    } catch (e) {
      setFailure(e as ApiClientError);
    }
  };

  return (
    <Card>
      <h2 className="mb-1 font-semibold">Hosts</h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        {simulated
          ? 'A simulated fleet: its size is DEMO_FLEET (npm run demo with DEMO_FLEET=N).'
          : 'Nodes are reached with the system ssh client, its keys and known_hosts (an unknown host key is refused, never accepted). The README says how to add one.'}
      </p>
      {error ? <ProblemMessage error={error} /> : null}
      {data?.configError ? <p className="mb-2 text-sm text-rose-700 dark:text-rose-300">hosts.yaml: {data.configError}</p> : null}
      {failure ? <ProblemMessage error={failure} className="mb-3" /> : null}
      <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="hosts-list">
        {(data?.hosts ?? []).map((h) => (
          <li key={h.id} className="flex flex-wrap items-center gap-3 py-2">
            <span className="font-medium">{h.name}</span>
            <span className="font-mono text-xs text-slate-500">{h.hostname ?? '—'}</span>
            <Badge tone={h.reachable ? 'good' : 'bad'}>{h.reachable ? 'reachable' : 'not reachable'}</Badge>
            <Badge>{h.transport}</Badge>
            {h.snapdVersion ? <span className="text-xs text-slate-500">snapd {h.snapdVersion}</span> : null}
            {h.latencyMs !== undefined ? <span className="text-xs text-slate-500">{h.latencyMs} ms</span> : null}
            {h.error ? <span className="basis-full text-xs text-rose-700 dark:text-rose-300">{h.error}</span> : null}
            {h.transport === 'ssh' ? (
              <button type="button" onClick={() => void remove(h.id)} className="ml-auto rounded-md border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800">
                Remove {h.name}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {!simulated ? (
        <form
          className="mt-3 flex flex-wrap items-end gap-2 text-sm"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <label className="flex flex-col">Id<input required value={form.id} onChange={(e) => setForm({ ...form, id: e.target.value })} placeholder="node-2" className={`${FIELD} w-28 font-mono`} /></label>
          <label className="flex flex-col">SSH destination<input required value={form.ssh} onChange={(e) => setForm({ ...form, ssh: e.target.value })} placeholder="admin@node-2" className={`${FIELD} w-48 font-mono`} /></label>
          <label className="flex flex-col">Port<input value={form.port} onChange={(e) => setForm({ ...form, port: e.target.value })} placeholder="22" inputMode="numeric" className={`${FIELD} w-20`} /></label>
          <label className="flex flex-col">Identity file<input value={form.identityFile} onChange={(e) => setForm({ ...form, identityFile: e.target.value })} placeholder="~/.ssh/id_ed25519" className={`${FIELD} w-48 font-mono`} /></label>
          <label className="inline-flex items-center gap-1 pb-1.5"><input type="checkbox" checked={form.sudo} onChange={(e) => setForm({ ...form, sudo: e.target.checked })} /> sudo for connect/disconnect</label>
          <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700">Add host</button>
        </form>
      ) : null}
    </Card>
  );
}
