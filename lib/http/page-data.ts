import 'server-only';
import { notFound } from 'next/navigation';
import { hasProblem } from '../errors/problem';
import { isHostError } from '../host/errors';
import { problemFromHostFailure } from '../host/problems';

/**
 * A detail page's first data: the page answers HTTP 404 (with the app's frame,
 * not-found.tsx) when the thing does not exist on the host; any other failure
 * is left to the client, which shows it with a retry (as fallbackFor does).
 */
export async function loadOrNotFound<T>(load: () => Promise<T>): Promise<T | undefined> {
  try {
    return await load();
  } catch (e) {
    const status = hasProblem(e) ? e.problem().status : isHostError(e) ? problemFromHostFailure(e).status : 0;
    if (status === 404 || status === 400) notFound();
    return undefined;
  }
}
