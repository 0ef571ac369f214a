'use client';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { ArrowLeft, Link2, Loader2, Unlink } from 'lucide-react';
import { useSnap } from '@/lib/hooks/use-snap';
import { useConnectionAction, type ConnectionRequest } from '@/lib/hooks/use-connection-action';
import { useCsrf } from '@/components/layout/session-context';
import { useToasts } from '@/components/ui/toasts';
import { Card, PageHeader } from '@/components/ui/page-header';
import { ProblemMessage } from '@/components/ui/problem';
import { Badge } from '@/components/ui/badge';
import { ConfinementBadge, HealthBadge, RiskBadge } from '@/components/ui/confinement-badge';
import { describeInterface } from '@/lib/snap/interface-info';
import { formatEndpoint, type Connection, type Endpoint } from '@/lib/snap/parse';
import type { SlotCandidate } from '@/lib/snap/types';
import { DenialsPage } from '@/components/denials/denials-page';

interface PlugView {
  name: string;
  interface: string;
  contentTag?: string;
  slots: { endpoint: Endpoint; notes: string[] }[];
}

interface SlotView {
  name: string;
  interface: string;
  contentTag?: string;
  plugs: { endpoint: Endpoint; notes: string[] }[];
}

/** Rows of `snap connections SNAP` grouped by plug and by slot of this snap. */
function groupBySide(name: string, rows: Connection[], isSystem: boolean) {
  const plugs = new Map<string, PlugView>();
  const slots = new Map<string, SlotView>();
  const own = (e: Endpoint | null) => e !== null && (e.snap === name || (isSystem && e.snap === 'system'));
  for (const c of rows) {
    if (own(c.plug)) {
      const p = plugs.get(c.plug!.name) ?? { name: c.plug!.name, interface: c.interface, contentTag: c.contentTag, slots: [] };
      if (c.slot) p.slots.push({ endpoint: c.slot, notes: c.notes });
      plugs.set(p.name, p);
    }
    if (own(c.slot)) {
      const s = slots.get(c.slot!.name) ?? { name: c.slot!.name, interface: c.interface, contentTag: c.contentTag, plugs: [] };
      if (c.plug) s.plugs.push({ endpoint: c.plug, notes: c.notes });
      slots.set(s.name, s);
    }
  }
  const byInterface = <T extends { interface: string; name: string }>(a: T, b: T) => a.interface.localeCompare(b.interface) || a.name.localeCompare(b.name);
  return { plugs: [...plugs.values()].sort(byInterface), slots: [...slots.values()].sort(byInterface) };
}

function ActionButton({ kind, pending, label, onClick, disabled = false }: { kind: 'connect' | 'disconnect'; pending: boolean; label: string; onClick: () => void; disabled?: boolean }) {
  const Icon = pending ? Loader2 : kind === 'connect' ? Link2 : Unlink;
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={pending || disabled}
      aria-label={label}
      aria-busy={pending}
      className={`inline-flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium shadow-sm disabled:cursor-not-allowed disabled:opacity-60 aria-busy:cursor-wait ${
        kind === 'connect'
          ? 'bg-indigo-600 text-white hover:bg-indigo-700'
          : 'border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700'
      }`}
    >
      <Icon aria-hidden className={`h-4 w-4 ${pending ? 'animate-spin' : ''}`} />
      {pending ? (kind === 'connect' ? 'Connecting…' : 'Disconnecting…') : kind === 'connect' ? 'Connect' : 'Disconnect'}
    </button>
  );
}

function InterfaceExplanation({ iface }: { iface: string }) {
  const info = describeInterface(iface);
  return (
    <div className="min-w-0">
      <p className="flex flex-wrap items-center gap-2">
        <Link href={`/interfaces/${iface}`} className="font-mono text-sm text-indigo-700 hover:underline dark:text-indigo-300">{iface}</Link>
        <RiskBadge risk={info.risk} title={info.riskReason} />
        {info.superPrivileged ? <Badge tone="critical" title="snapd's base declaration reserves this interface for snaps the store trusts">super-privileged</Badge> : null}
      </p>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
        <span className="font-medium">{info.title}.</span> {info.grants}
      </p>
    </div>
  );
}

export function SnapDetailView({ name }: { name: string }) {
  const { data, error, mutate } = useSnap(name);
  const csrf = useCsrf();
  const actions = useConnectionAction(csrf);
  const toasts = useToasts();
  const [chosenSlot, setChosenSlot] = useState<Record<string, string>>({});
  const [show, setShow] = useState<'all' | 'unconnected' | 'connected'>('all');

  const isSystem = data?.snap.kind === 'snapd' || data?.snap.kind === 'core';
  const groups = useMemo(() => (data ? groupBySide(name, data.connections, isSystem) : { plugs: [], slots: [] }), [data, name, isSystem]);

  const act = async (key: string, req: ConnectionRequest, what: string) => {
    const r = await actions.run(key, req);
    if (r.ok) {
      toasts.push({ tone: 'success', title: r.outcome.message, detail: r.outcome.changeId ? `snapd change ${r.outcome.changeId}` : undefined });
    } else {
      toasts.push({ tone: 'error', title: `Could not ${what}`, detail: r.error.message, hint: r.error.hint });
    }
  };

  if (!data) {
    return (
      <div>
        <BackLink />
        {error ? <ProblemMessage error={error} onRetry={() => void mutate()} /> : <p className="text-sm text-slate-500">Loading…</p>}
      </div>
    );
  }

  const s = data.snap;
  const unconnected = groups.plugs.filter((p) => p.slots.length === 0).length;

  return (
    <div className="space-y-6">
      <BackLink />
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {s.name}
            <ConfinementBadge confinement={s.confinement} />
            <HealthBadge health={s.health} />
          </span>
        }
        description={
          <>
            <span className="font-mono">{s.version}</span> · revision {s.revision}
            {s.tracking ? <> · tracking <span className="font-mono">{s.tracking}</span></> : null}
            {s.publisher ? <> · by {s.publisher}{s.verified ? ' ✓' : ''}</> : null}
            {s.notes.length ? <> · notes: {s.notes.join(', ')}</> : null}
          </>
        }
      />
      {error ? <ProblemMessage error={error} onRetry={() => void mutate()} /> : null}
      {s.confinement === 'classic' ? (
        <p className="rounded-lg border border-rose-200 bg-rose-50 p-3 text-sm text-rose-900 dark:border-rose-800 dark:bg-rose-950/50 dark:text-rose-100">
          This snap uses <strong>classic</strong> confinement: it is not sandboxed and can reach the whole host, whatever its interfaces say.
        </p>
      ) : null}
      {s.confinement === 'devmode' ? (
        <p className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100">
          This snap runs in <strong>devmode</strong>: its confinement only logs violations (as ALLOWED), it does not block them.
        </p>
      ) : null}
      {s.health === 'blocked' ? (
        <p className="rounded-lg border border-rose-200 bg-rose-50 p-3 text-sm text-rose-900 dark:border-rose-800 dark:bg-rose-950/50 dark:text-rose-100">
          The snap reports itself <strong>blocked</strong>. Snaps such as strict MicroK8s do this until the interfaces they need are connected: {unconnected} of its plugs are not connected.
        </p>
      ) : null}

      <Card>
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 className="mb-1 font-semibold">Plugs</h2>
            <p className="text-sm text-slate-600 dark:text-slate-400">What this snap asks to use. A plug does nothing until it is connected to a slot.</p>
          </div>
          <div role="group" aria-label="Show plugs" className="inline-flex overflow-hidden rounded-md border border-slate-300 text-sm dark:border-slate-600">
            {(['all', 'unconnected', 'connected'] as const).map((v) => (
              <button
                key={v}
                type="button"
                aria-pressed={show === v}
                onClick={() => setShow(v)}
                className={`px-3 py-1.5 ${show === v ? 'bg-indigo-600 text-white' : 'bg-white hover:bg-slate-50 dark:bg-slate-800 dark:hover:bg-slate-700'}`}
              >
                {v === 'all' ? `All (${groups.plugs.length})` : v === 'unconnected' ? `Not connected (${unconnected})` : `Connected (${groups.plugs.length - unconnected})`}
              </button>
            ))}
          </div>
        </div>
        {s.name === 'microk8s' && s.health === 'blocked' ? (
          <p className="mb-3 text-sm">
            <Link href="/addons" className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">Connect all interfaces strict MicroK8s requires on the Addons page →</Link>
          </p>
        ) : null}
        {groups.plugs.length === 0 ? (
          <p className="text-sm text-slate-500">This snap declares no plugs.</p>
        ) : (
          <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="plug-list">
            {groups.plugs.filter((p) => show === 'all' || (show === 'connected') === p.slots.length > 0).map((p) => {
              const plugRef = `${name}:${p.name}`;
              const candidates: SlotCandidate[] = data.slotCandidates[p.name] ?? [];
              // snap connections prints no content tag for unconnected rows, so for content plugs
              // the admin picks the provider; never preselect a guess.
              const mustChoose = candidates.length > 1 && p.interface === 'content' && !p.contentTag;
              const chosen = chosenSlot[p.name] ?? (candidates[0] && !mustChoose ? formatEndpoint(candidates[0]) : '');
              return (
                <li key={p.name} data-testid={`plug-${p.name}`} data-connected={p.slots.length > 0} className="grid gap-3 py-3 md:grid-cols-[14rem_1fr_auto] md:items-center">
                  <div>
                    <p className="font-mono text-sm font-medium">{p.name}</p>
                    <p className="text-xs text-slate-500">{p.slots.length ? 'connected' : 'not connected'}{p.contentTag ? ` · content ${p.contentTag}` : ''}</p>
                  </div>
                  <InterfaceExplanation iface={p.interface} />
                  <div className="flex flex-col items-stretch gap-2 md:items-end">
                    {p.slots.map((slot) => {
                      const slotRef = formatEndpoint(slot.endpoint);
                      const key = `disconnect ${plugRef} ${slotRef}`;
                      return (
                        <div key={slotRef} className="flex flex-wrap items-center justify-end gap-2">
                          <span className="text-sm text-slate-600 dark:text-slate-400">
                            → <span className="font-mono">{slotRef}</span>
                            {slot.notes.length ? <span className="ml-1 text-xs">({slot.notes.join(', ')})</span> : null}
                          </span>
                          <ActionButton kind="disconnect" pending={actions.isPending(key)} label={`Disconnect ${plugRef} from ${slotRef}`} onClick={() => void act(key, { action: 'disconnect', plug: plugRef, slot: slotRef }, `disconnect ${plugRef}`)} />
                        </div>
                      );
                    })}
                    {p.slots.length === 0 ? (
                      <div className="flex flex-wrap items-center justify-end gap-2">
                        {candidates.length > 1 ? (
                          <label className="flex items-center gap-1 text-sm">
                            <span className="sr-only">Slot for {plugRef}</span>
                            <select
                              value={chosen}
                              onChange={(e) => setChosenSlot((c) => ({ ...c, [p.name]: e.target.value }))}
                              className="rounded-md border border-slate-300 bg-white px-2 py-1.5 font-mono text-sm dark:border-slate-600 dark:bg-slate-800"
                              data-testid={`slot-picker-${p.name}`}
                            >
                              {mustChoose ? <option value="">Choose a slot…</option> : null}
                              {candidates.map((c) => (
                                <option key={formatEndpoint(c)} value={formatEndpoint(c)}>
                                  {formatEndpoint(c)}
                                </option>
                              ))}
                            </select>
                          </label>
                        ) : candidates.length === 1 ? (
                          <span className="font-mono text-sm text-slate-600 dark:text-slate-400">→ {chosen}</span>
                        ) : (
                          <span className="text-sm text-slate-500" title="No installed snap offers a slot of this interface; snapd will say so if you try.">no matching slot on this host</span>
                        )}
                        <ActionButton
                          kind="connect"
                          disabled={mustChoose && !chosen}
                          pending={actions.isPending(`connect ${plugRef}`)}
                          label={`Connect ${plugRef}`}
                          onClick={() => void act(`connect ${plugRef}`, { action: 'connect', plug: plugRef, ...(chosen ? { slot: chosen } : {}) }, `connect ${plugRef}`)}
                        />
                      </div>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </Card>

      <Card>
        <h2 className="mb-1 font-semibold">Slots</h2>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">What this snap offers to other snaps.</p>
        {groups.slots.length === 0 ? (
          <p className="text-sm text-slate-500">This snap offers no slots.</p>
        ) : (
          <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="slot-list">
            {groups.slots.map((sl) => {
              const slotRef = isSystem ? `:${sl.name}` : `${name}:${sl.name}`;
              return (
                <li key={sl.name} className="grid gap-3 py-3 md:grid-cols-[14rem_1fr_auto] md:items-center">
                  <div>
                    <p className="font-mono text-sm font-medium">{sl.name}</p>
                    <p className="text-xs text-slate-500">{sl.plugs.length ? `${sl.plugs.length} connected` : 'not connected'}{sl.contentTag ? ` · content ${sl.contentTag}` : ''}</p>
                  </div>
                  <InterfaceExplanation iface={sl.interface} />
                  <div className="flex flex-col items-end gap-2">
                    {sl.plugs.map((pl) => {
                      const plugRef = formatEndpoint(pl.endpoint);
                      const key = `disconnect ${plugRef} ${slotRef}`;
                      return (
                        <div key={plugRef} className="flex flex-wrap items-center justify-end gap-2">
                          <span className="text-sm text-slate-600 dark:text-slate-400">
                            ← <Link href={`/snaps/${pl.endpoint.snap}`} className="font-mono hover:underline">{plugRef}</Link>
                          </span>
                          <ActionButton kind="disconnect" pending={actions.isPending(key)} label={`Disconnect ${plugRef} from ${slotRef}`} onClick={() => void act(key, { action: 'disconnect', plug: plugRef, slot: slotRef }, `disconnect ${plugRef}`)} />
                        </div>
                      );
                    })}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </Card>

      <section aria-labelledby="snap-denials">
        <h2 id="snap-denials" className="mb-3 font-semibold">Recent denials of {name}</h2>
        <DenialsPage fixedSnap={name} />
      </section>
    </div>
  );
}

function BackLink() {
  return (
    <Link href="/snaps" className="mb-2 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white">
      <ArrowLeft aria-hidden className="h-4 w-4" /> All snaps
    </Link>
  );
}
