'use client';
import { useCallback } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';

/**
 * A list page's filter kept in the address (`?q=dns&repo=core`): a bookmark,
 * a shared link and Back bring the same view. The default value is left out
 * of the URL; the address is replaced, not pushed, on every keystroke.
 */
export function useUrlState<T extends string>(key: string, fallback: T, allowed?: readonly T[]): [T, (v: T) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const raw = params.get(key);
  const value = (raw !== null && (!allowed || (allowed as readonly string[]).includes(raw)) ? raw : fallback) as T;
  const set = useCallback(
    (v: T) => {
      const next = new URLSearchParams(window.location.search);
      if (v === fallback || v === '') next.delete(key);
      else next.set(key, v);
      const qs = next.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [key, fallback, pathname, router],
  );
  return [value, set];
}

/** A boolean filter in the address (`?unconnected=1`). */
export function useUrlFlag(key: string): [boolean, (v: boolean) => void] {
  const [v, set] = useUrlState<'' | '1'>(key, '', ['', '1']);
  return [v === '1', useCallback((b: boolean) => set(b ? '1' : ''), [set])];
}
