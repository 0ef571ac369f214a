import type { ReactNode } from 'react';

/** The bordered table every list page uses: a header row of column names, then the body. */
export function TableFrame({ testId, columns, children, footer }: { testId: string; columns: readonly (string | { label: string; right: true })[]; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <table className="w-full text-left text-sm" data-testid={testId}>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600 dark:border-slate-800 dark:bg-slate-800/60 dark:text-slate-300">
          <tr>
            {columns.map((c) =>
              typeof c === 'string' ? (
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
