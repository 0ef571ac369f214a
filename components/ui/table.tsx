import type { ReactNode } from 'react';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';

/** A column that sorts the list: its header is a button, and the header cell carries aria-sort. */
export interface SortableColumn {
  label: string;
  right?: true;
  sort: { direction: 'ascending' | 'descending' | 'none'; onSort: () => void };
}
type Column = string | { label: string; right: true } | SortableColumn;

function isSortable(c: Column): c is SortableColumn {
  return typeof c !== 'string' && 'sort' in c;
}

/** The bordered table every list page uses: a header row of column names, then the body. */
export function TableFrame({ testId, columns, children, footer }: { testId: string; columns: readonly Column[]; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <table className="w-full text-left text-sm" data-testid={testId}>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600 dark:border-slate-800 dark:bg-slate-800/60 dark:text-slate-300">
          <tr>
            {columns.map((c) =>
              isSortable(c) ? (
                <th key={c.label} scope="col" aria-sort={c.sort.direction} className={`px-2 py-1.5 ${c.right ? 'text-right' : ''}`}>
                  <button type="button" onClick={c.sort.onSort} className="inline-flex items-center gap-1 rounded px-2 py-1 uppercase tracking-wide hover:bg-slate-200 dark:hover:bg-slate-700">
                    {c.label}
                    {c.sort.direction === 'ascending' ? <ArrowUp aria-hidden className="h-3 w-3" /> : c.sort.direction === 'descending' ? <ArrowDown aria-hidden className="h-3 w-3" /> : <ArrowUpDown aria-hidden className="h-3 w-3 opacity-50" />}
                  </button>
                </th>
              ) : typeof c === 'string' ? (
                <th key={c} scope="col" className="px-4 py-2.5">
                  {c}
                </th>
              ) : (
                <th key={c.label} scope="col" className="px-4 py-2.5 text-right">
                  {c.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        {children}
      </table>
      {footer}
    </div>
  );
}
