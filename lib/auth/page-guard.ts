import 'server-only';
import { cookies, headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { settings } from '../config';
import { SESSION_COOKIE, hostAllowed } from './request-checks';
import { lookupSession, touchSession } from './session';

/**
 * The authoritative check for pages (server components). Call it at the top of
 * every protected page or layout:
 *
 *   const { csrf } = await requirePageSession();
 *
 * - Host not in the allow-list → 404 (a DNS-rebinding page learns nothing);
 * - no valid session → redirect to /login;
 * - otherwise the session counts as active, and its CSRF token is returned so
 *   the page can hand it to client components for their POSTs.
 * Reading cookies makes the page dynamic, which the CSP nonce needs anyway.
 */
export async function requirePageSession(): Promise<{ sessionId: string; csrf: string }> {
  const h = await headers();
  if (!hostAllowed(h.get('host'), settings())) notFound();
  const found = await lookupSession((await cookies()).get(SESSION_COOKIE)?.value);
  if (!found.ok) redirect('/login');
  touchSession(found.session.id);
  return { sessionId: found.session.id, csrf: found.session.csrf };
}
