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
export function useUrlState<T extends string>(key: string, fallback: T, allowed?: readonly T[]): [T, (v: T) => void] {
  const params = useSearchParams();
  const raw = params.get(key);
  const [value, setValue] = useState<T>((raw !== null && (!allowed || (allowed as readonly string[]).includes(raw)) ? raw : fallback) as T);
  const set = useCallback(
    (v: T) => {
      setValue(v);
      const next = new URLSearchParams(window.location.search);
      if (v === fallback || v === '') next.delete(key);
      else next.set(key, v);
      const qs = next.toString();
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${qs ? `?${qs}` : ''}`);
    },
    [key, fallback],
  );
  return [value, set];
}

/** A boolean filter in the address (`?unconnected=1`). */
export function useUrlFlag(key: string): [boolean, (v: boolean) => void] {
  const [v, set] = useUrlState<'' | '1'>(key, '', ['', '1']);
  return [v === '1', useCallback((b: boolean) => set(b ? '1' : ''), [set])];
}
