'use client';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Table body that renders only the rows near the viewport: a host with
 * hundreds of snaps or thousands of connections stays fast. Spacer rows keep
 * the table's real height so the page scrolls as if every row were there.
 * Rows are measured after rendering, since wrapped text makes some taller.
 */
export function VirtualRows<T>({ items, rowHeight, columns, renderRow, getKey }: { items: T[]; rowHeight: number; columns: number; renderRow: (item: T) => ReactNode; getKey: (item: T) => string }) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => {
    const el = bodyRef.current;
    if (el) setOffset(el.getBoundingClientRect().top + window.scrollY);
  }, []);
  const v = useWindowVirtualizer({ count: items.length, estimateSize: () => rowHeight, overscan: 8, scrollMargin: offset, initialRect: { width: 1280, height: 900 } });
  const rows = v.getVirtualItems();
  const top = rows.length ? rows[0]!.start - offset : 0;
  const bottom = rows.length ? v.getTotalSize() - (rows[rows.length - 1]!.end - offset) : 0;
  return (
    <tbody ref={bodyRef} className="divide-y divide-slate-100 dark:divide-slate-800">
      {top > 0 ? (
        <tr aria-hidden style={{ height: top }}>
          <td colSpan={columns} />
        </tr>
      ) : null}
      {rows.map((r) => {
        const item = items[r.index]!;
        return (
          <tr key={getKey(item)} data-index={r.index} ref={v.measureElement} style={{ height: rowHeight }} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
            {renderRow(item)}
          </tr>
        );
      })}
      {bottom > 0 ? (
        <tr aria-hidden style={{ height: bottom }}>
          <td colSpan={columns} />
        </tr>
      ) : null}
    </tbody>
  );
}
