'use client';
import { HostLink } from '@/components/layout/host-link';
import { formatEndpoint } from '@/lib/snap/parse';
import type { SnapDetail } from '@/lib/snap/types';
import { ConnectionButton } from '@/components/connections/connection-button';
import { useConnect } from '@/components/connections/use-connect';
import { InterfaceExplanation } from './interface-explanation';
import { AttrsLine } from './attrs-line';
import { disconnectConfirmation } from '@/components/connections/confirm-spec';
import { STRICT_REQUIRED_PLUGS } from '@/lib/microk8s/required';

/** The snap's slots and the plugs connected to each, with Disconnect. */
export function SlotList({ detail, filter = '' }: { detail: SnapDetail; filter?: string }) {
  const f = filter.trim().toLowerCase();
  const slots = f ? detail.slots.filter((sl) => sl.name.includes(f) || sl.interface.includes(f)) : detail.slots;
  const connection = useConnect();
  const isSystem = detail.snap.kind === 'snapd' || detail.snap.kind === 'core';
  return (
    <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="slot-list">
      {f && slots.length === 0 ? <li className="py-3 text-sm text-slate-500">No slot matches &ldquo;{filter}&rdquo;.</li> : null}
      {slots.map((sl) => {
        const slotRef = isSystem ? `:${sl.name}` : `${detail.snap.name}:${sl.name}`;
        const rowId = `slot-row-${sl.name}`;
        return (
          <li key={sl.name} id={rowId} tabIndex={-1} data-testid={`slot-${sl.name}`} className="grid gap-3 py-3 outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 md:grid-cols-[14rem_1fr_auto] md:items-center">
            <div>
              <p className="font-mono text-sm font-medium">{sl.name}</p>
              <p className="text-xs text-slate-500">{sl.plugs.length ? `${sl.plugs.length} connected` : 'not connected'}{sl.contentTag && !sl.attrs ? ` · content ${sl.contentTag}` : ''}</p>
              <AttrsLine iface={sl.interface} attrs={sl.attrs} fromSnapYaml={sl.attrsFromSnapYaml} />
            </div>
            <InterfaceExplanation iface={sl.interface} info={detail.interfaces[sl.interface]} />
            <div className="flex flex-col items-end gap-2">
              {sl.plugs.map((pl) => {
                const plugRef = formatEndpoint(pl.endpoint);
                const req = { action: 'disconnect' as const, plug: plugRef, slot: slotRef };
                // Only a strict MicroK8s has these plugs (a classic one declares none).
                const required = pl.endpoint.snap === 'microk8s' && STRICT_REQUIRED_PLUGS.includes(pl.endpoint.name);
                return (
                  <div key={plugRef} className="flex flex-wrap items-center justify-end gap-2">
                    <span className="text-sm text-slate-600 dark:text-slate-400">
                      ← <HostLink href={`/snaps/${pl.endpoint.snap}`} className="font-mono hover:underline">{plugRef}</HostLink>
                    </span>
                    <ConnectionButton action="disconnect" request={req} pending={connection.isPending(req)} label={`Disconnect ${plugRef} from ${slotRef}`} onClick={() => void connection.run(req, { focusAfter: rowId, confirm: disconnectConfirmation(req, required) })} />
                  </div>
                );
              })}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
