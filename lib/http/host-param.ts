import 'server-only';
import { currentHost, requireHost, type Host } from '../host';

/**
 * The host a request is about: `/api/hosts/{host}/…` names it, the unscoped
 * routes mean the dashboard's own host. An unknown id is a 404.
 */
export async function hostOf(params: Promise<unknown>): Promise<Host> {
  const p = (await params) as { host?: unknown } | undefined;
  return typeof p?.host === 'string' ? requireHost(p.host) : currentHost();
}
