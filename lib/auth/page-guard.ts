import 'server-only';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { settings } from '../config';
import { hostAllowed } from './request-checks';
import { readSessions, touchSession } from './session';

/**
 * The authoritative check for pages (server components). Call it at the top of
 * every protected page or layout:
 *
 *   await requirePageSession();
 *
 * - Host not in the allow-list → 404 (a DNS-rebinding page learns nothing);
 * - no valid session among the request's `cd_session` cookies → /login;
 * - otherwise the session counts as active.
 * It hands out nothing secret: the request key is never rendered into a page
 * (a cookie thief who fetches a page must not find it there, review F1).
 * Reading the request headers makes the page dynamic, which the CSP nonce needs anyway.
 */
export async function requirePageSession(): Promise<{ sessionId: string }> {
  const h = await headers();
  if (!hostAllowed(h.get('host'), settings())) notFound();
  const found = await readSessions(h.get('cookie'));
  if (!found.ok) redirect('/login');
  const session = found.sessions[0]!;
  touchSession(session.id);
  return { sessionId: session.id };
}
