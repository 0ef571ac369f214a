import { describeFileAttrs, type AttrValue, type Attrs } from '@/lib/denials/file-attrs';

function show(v: AttrValue): string {
  if (Array.isArray(v)) return v.map(show).join(', ');
  if (v !== null && typeof v === 'object') return Object.entries(v).map(([k, x]) => `${k}: ${show(x)}`).join('; ');
  return String(v);
}

/** Says where an attribute came from when it was not snapd (older snapd prints no lists: read from meta/snap.yaml). */
function Origin({ from }: { from: boolean }) {
  return from ? <span className="ml-1 whitespace-nowrap rounded bg-slate-100 px-1 text-[11px] text-slate-500 dark:bg-slate-800 dark:text-slate-400" title="Read from the snap's meta/snap.yaml: this snapd does not print lists">from snap.yaml</span> : null;
}

/**
 * A plug's or slot's attributes in a line: the paths a personal-files/system-files plug grants ("reads
 * $HOME/.kube"), else `key: value` pairs (flavor, privileged-containers, content, target…). Text only.
 * `fromSnapYaml`: attributes that came from the snap's meta/snap.yaml, each marked so.
 */
export function AttrsLine({ iface, attrs, fromSnapYaml = [] }: { iface: string; attrs?: Attrs; fromSnapYaml?: string[] }) {
  if (!attrs || Object.keys(attrs).length === 0) return null;
  const files = describeFileAttrs(iface, attrs);
  const rest = Object.entries(attrs).filter(([k]) => !(files && (k === 'read' || k === 'write')));
  const filesFromYaml = files !== null && ['read', 'write'].some((k) => k in attrs && fromSnapYaml.includes(k));
  return (
    <p className="mt-0.5 break-words text-xs text-slate-600 dark:text-slate-400" data-testid="attrs">
      {files ? (
        <span className="font-medium text-slate-800 dark:text-slate-200">
          {files}
          <Origin from={filesFromYaml} />
        </span>
      ) : null}
      {rest.map(([k, v], i) => (
        <span key={k}>
          {files || i > 0 ? ' · ' : ''}
          {k}: <code>{show(v)}</code>
          <Origin from={fromSnapYaml.includes(k)} />
        </span>
      ))}
    </p>
  );
}
