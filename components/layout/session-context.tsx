'use client';
import { useSyncExternalStore } from 'react';
import { storedRequestKey, subscribeRequestKey } from '@/lib/hooks/request-key';

/**
 * The session's request key for the components that send requests. It comes
 * from the browser's storage (set by the login form), never from the server's
 * render: a page fetched with a stolen cookie must not contain it (review F1).
 * '' during the server render and when there is none (sendJson then sends the
 * stored key, or the server refuses and the page goes to the login).
 */
export function useCsrf(): string {
  return useSyncExternalStore(subscribeRequestKey, () => storedRequestKey() ?? '', () => '');
}
