/**
 * The browser's half of a session: the request key from the login response.
 *
 * Kept in localStorage because storage, unlike cookies, is isolated by origin
 * *including the port*: a web app on another port of 127.0.0.1 receives the
 * session cookie with every request the browser makes to it, but can never
 * read this (review F1). Every API request carries it in `x-csrf-token`. All
 * tabs of the dashboard share it; logout forgets it.
 */

const STORAGE_KEY = 'confinement-dashboard.request-key';

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    // Storage disabled (some privacy settings): API calls will ask for a login.
    return null;
  }
}

export function storedRequestKey(): string | null {
  return storage()?.getItem(STORAGE_KEY) ?? null;
}

export function storeRequestKey(key: string): void {
  storage()?.setItem(STORAGE_KEY, key);
}

export function forgetRequestKey(): void {
  storage()?.removeItem(STORAGE_KEY);
}

/** For useSyncExternalStore: another tab logging in or out changes the key here too. */
export function subscribeRequestKey(onChange: () => void): () => void {
  if (typeof window === 'undefined') return () => undefined;
  const listener = (e: StorageEvent) => {
    if (e.key === STORAGE_KEY || e.key === null) onChange();
  };
  window.addEventListener('storage', listener);
  return () => window.removeEventListener('storage', listener);
}
