'use client';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'next/navigation';

/**
 * A list page's filter kept in the address (`?q=dns&repo=core`): a bookmark,
 * a shared link and a reload bring the same view. The value lives in the
 * component (so a keystroke is not a server round trip) and is written to the
 * address with history.replaceState, which Next's router picks up without
 * rendering the page again. The default value is left out of the URL.
 */
export function useUrlState<T extends string>(key: string, fallback: T, allowed?: readonly T[], inUrl = true): [T, (v: T) => void] {
  const params = useSearchParams();
  const raw = inUrl ? params.get(key) : null;
  const [value, setValue] = useState<T>((raw !== null && (!allowed || (allowed as readonly string[]).includes(raw)) ? raw : fallback) as T);
  const set = useCallback(
    (v: T) => {
      setValue(v);
      // a list embedded in another page (a snap's denials) keeps its filters to itself
      if (!inUrl) return;
      const next = new URLSearchParams(window.location.search);
      if (v === fallback || v === '') next.delete(key);
      else next.set(key, v);
      const qs = next.toString();
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${qs ? `?${qs}` : ''}`);
    },
    [key, fallback, inUrl],
  );
  return [value, set];
}

/** A boolean filter in the address (`?unconnected=1`). */
export function useUrlFlag(key: string, inUrl = true): [boolean, (v: boolean) => void] {
  const [v, set] = useUrlState<'' | '1'>(key, '', ['', '1'], inUrl);
  return [v === '1', useCallback((b: boolean) => set(b ? '1' : ''), [set])];
}
