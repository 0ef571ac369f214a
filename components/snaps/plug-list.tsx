'use client';
import { useState } from 'react';
import { formatEndpoint } from '@/lib/snap/parse';
import type { SnapDetail } from '@/lib/snap/types';
import { ConnectionButton } from '@/components/connections/connection-button';
import { useConnect } from '@/components/connections/use-connect';
import { InterfaceExplanation } from './interface-explanation';
import { AttrsLine } from './attrs-line';
import { BatchBar, type BatchItem } from '@/components/connections/batch-bar';
import { connectConfirmation, disconnectConfirmation } from '@/components/connections/confirm-spec';
import { Badge } from '@/components/ui/badge';
import { STRICT_REQUIRED_PLUGS } from '@/lib/microk8s/required';

export type PlugFilter = 'all' | 'unconnected' | 'connected';

/** The snap's plugs: connected ones with their slots and Disconnect, the others with a slot picker and Connect. */
export function PlugList({ detail, show }: { detail: SnapDetail; show: PlugFilter }) {
  const connection = useConnect();
  const [chosenSlot, setChosenSlot] = useState<Record<string, string>>({});
  const name = detail.snap.name;
  // Strict MicroK8s does not start until these are connected (lib/microk8s/required.ts).
  const requiredHere = name === 'microk8s' && detail.snap.confinement !== 'classic';
  const plugs = detail.plugs.filter((p) => show === 'all' || (show === 'connected') === p.slots.length > 0);
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const toggle = (plug: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (!n.delete(plug)) n.add(plug);
      return n;
    });
  const slotFor = (plugName: string): string | undefined => {
    // never a slot snapd would refuse (content tags differ)
    const candidates = (detail.slotCandidates[plugName] ?? []).filter((c) => !c.mismatch);
    const first = candidates[0];
    return chosenSlot[plugName] ?? (first && candidates.length === 1 ? formatEndpoint(first) : undefined);
  };
  // Selected and still relevant: connects for unconnected plugs, disconnects for each connection of connected ones.
  const batchConnect: BatchItem[] = detail.plugs
    .filter((p) => selected.has(p.name) && p.slots.length === 0)
    .map((p) => {
      const slot = slotFor(p.name);
      return { plug: `${name}:${p.name}`, ...(slot ? { slot } : {}) };
    });
  const batchDisconnect: BatchItem[] = detail.plugs
    .filter((p) => selected.has(p.name))
    .flatMap((p) => p.slots.map((sl) => ({ plug: `${name}:${p.name}`, slot: formatEndpoint(sl.endpoint) })));

  return (
    <>
    <BatchBar connect={batchConnect} disconnect={batchDisconnect} onFinished={() => setSelected(new Set())} testId="plug-batch" />
    <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="plug-list">
      {plugs.map((p) => {
        const plugRef = `${name}:${p.name}`;
        const rowId = `plug-row-${p.name}`;
        const candidates = detail.slotCandidates[p.name] ?? [];
        // Two providers of the same content are two different sources of files: the admin
        // picks one; never preselect a guess.
        const usable = candidates.filter((c) => !c.mismatch);
        const mustChoose = usable.length > 1 && p.interface === 'content';
        // never preselect a slot snapd would refuse (content tags differ)
        const first = usable[0];
        const chosen = chosenSlot[p.name] ?? (first && !mustChoose ? formatEndpoint(first) : '');
        const connect = { action: 'connect' as const, plug: plugRef, ...(chosen ? { slot: chosen } : {}) };
        const required = requiredHere && STRICT_REQUIRED_PLUGS.includes(p.name);
        return (
          <li key={p.name} id={rowId} tabIndex={-1} data-testid={`plug-${p.name}`} data-connected={p.slots.length > 0} className="grid gap-3 py-3 outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 md:grid-cols-[14rem_1fr_auto] md:items-center">
            <div className="flex items-start gap-2">
              <input type="checkbox" className="mt-1" checked={selected.has(p.name)} onChange={() => toggle(p.name)} aria-label={`Select ${plugRef}`} data-testid={`select-plug-${p.name}`} />
              <div>
              <p className="flex flex-wrap items-center gap-1.5 font-mono text-sm font-medium">
                {p.name}
                {required ? (
                  <Badge tone="info" title="Strict MicroK8s does not start its services until this plug is connected">
                    required
                  </Badge>
                ) : null}
              </p>
              <p className="text-xs text-slate-500">{p.slots.length ? 'connected' : 'not connected'}{p.contentTag && !p.attrs ? ` · content ${p.contentTag}` : ''}</p>
              <AttrsLine iface={p.interface} attrs={p.attrs} fromSnapYaml={p.attrsFromSnapYaml} />
              </div>
            </div>
            <InterfaceExplanation iface={p.interface} info={detail.interfaces[p.interface]} />
            <div className="flex flex-col items-stretch gap-2 md:items-end">
              {p.slots.map((slot) => {
                const slotRef = formatEndpoint(slot.endpoint);
                const req = { action: 'disconnect' as const, plug: plugRef, slot: slotRef };
                return (
                  <div key={slotRef} className="flex flex-wrap items-center justify-end gap-2">
                    <span className="text-sm text-slate-600 dark:text-slate-400">
                      → <span className="font-mono">{slotRef}</span>
                      {slot.notes.length ? <span className="ml-1 text-xs">({slot.notes.join(', ')})</span> : null}
                    </span>
                    <ConnectionButton action="disconnect" request={req} pending={connection.isPending(req)} label={`Disconnect ${plugRef} from ${slotRef}`} onClick={() => void connection.run(req, { focusAfter: rowId, confirm: disconnectConfirmation(req, required) })} />
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
                        // A select is as wide as its longest option; a refused slot's reason would squeeze the explanation to a word a line.
                        className="w-72 max-w-full truncate rounded-md border border-slate-300 bg-white px-2 py-1.5 font-mono text-sm dark:border-slate-600 dark:bg-slate-800"
                        data-testid={`slot-picker-${p.name}`}
                      >
                        {mustChoose || !first ? <option value="">Choose a slot…</option> : null}
                        {candidates.map((c) => (
                          <option key={formatEndpoint(c)} value={formatEndpoint(c)} disabled={!!c.mismatch} title={c.mismatch}>
                            {formatEndpoint(c)}
                            {c.mismatch ? ` — not allowed: ${c.mismatch}` : c.contentTag ? ` (content ${c.contentTag})` : ''}
                          </option>
                        ))}
                      </select>
                    </label>
                  ) : candidates.length === 1 && first ? (
                    <span className="font-mono text-sm text-slate-600 dark:text-slate-400">→ {chosen}</span>
                  ) : candidates.length === 1 ? (
                    <span className="max-w-xs text-right text-sm text-slate-500" data-testid={`slot-mismatch-${p.name}`}>only {formatEndpoint(candidates[0]!)}, which snapd would refuse: {candidates[0]!.mismatch}</span>
                  ) : (
                    <span className="text-sm text-slate-500" title="No installed snap offers a slot of this interface; snapd will say so if you try.">no matching slot on this host</span>
                  )}
                  <ConnectionButton
                    action="connect"
                    request={connect}
                    disabled={(mustChoose || (p.interface === 'content' && candidates.length > 0 && !first)) && !chosen}
                    pending={connection.isPending(connect)}
                    label={`Connect ${plugRef}`}
                    onClick={() => void connection.run(connect, { focusAfter: rowId, confirm: connectConfirmation(connect, p.interface, detail.interfaces[p.interface]) })}
                  />
                </div>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
    </>
  );
}
