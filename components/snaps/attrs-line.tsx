import { describeFileAttrs, type AttrValue, type Attrs } from '@/lib/denials/file-attrs';

function show(v: AttrValue): string {
  if (Array.isArray(v)) return v.map(show).join(', ');
  if (v !== null && typeof v === 'object') return Object.entries(v).map(([k, x]) => `${k}: ${show(x)}`).join('; ');
  return String(v);
}

/**
 * A plug's or slot's attributes in a line: the paths a personal-files/system-files plug grants ("reads
 * $HOME/.kube"), else `key: value` pairs (flavor, privileged-containers, content, target…). Text only.
 */
export function AttrsLine({ iface, attrs }: { iface: string; attrs?: Attrs }) {
  if (!attrs || Object.keys(attrs).length === 0) return null;
  const files = describeFileAttrs(iface, attrs);
  const rest = Object.entries(attrs).filter(([k]) => !(files && (k === 'read' || k === 'write')));
  return (
    <p className="mt-0.5 break-words text-xs text-slate-600 dark:text-slate-400" data-testid="attrs">
      {files ? <span className="font-medium text-slate-800 dark:text-slate-200">{files}</span> : null}
      {rest.map(([k, v], i) => (
        <span key={k}>
          {files || i > 0 ? ' · ' : ''}
          {k}: <code>{show(v)}</code>
        </span>
      ))}
    </p>
  );
}
