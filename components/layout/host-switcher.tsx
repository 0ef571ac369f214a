'use client';
import { usePathname, useRouter } from 'next/navigation';
import { Server } from 'lucide-react';
import { hostPage } from '@/lib/contracts/hosts';

export interface HostChoice {
  id: string;
  name: string;
}

/** The page's path without its /hosts/{id} prefix: switching hosts keeps the admin on the same page. */
export function pagePath(pathname: string): string {
  const m = /^\/hosts\/[^/]+(\/.*)?$/.exec(pathname);
  return m ? (m[1] ?? '/') : pathname;
}

const ALL = '';

/**
 * Which host the page acts on, always in sight: the host's own name, and a
 * picker to look at the same page on another host. The dashboard's own host
 * keeps the short URLs.
 */
export function HostSwitcher({ hosts, hostId, ownHostId, hostname, allHostsPage }: { hosts: HostChoice[]; hostId: string | null; ownHostId: string; hostname: string | null; allHostsPage: boolean }) {
  const router = useRouter();
  const pathname = usePathname();
  const current = allHostsPage ? ALL : (hostId ?? ownHostId);
  const go = (id: string) => {
    if (id === ALL) return router.push('/fleet');
    const path = allHostsPage ? '/' : pagePath(pathname);
    router.push(hostPage(id === ownHostId ? null : id, path));
  };
  return (
    <div className="flex items-center gap-2">
      <span
        className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-sm text-slate-800 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100"
        title={allHostsPage ? 'This page is about every host' : 'The host this page reads and changes: every Connect and Disconnect acts on it'}
        data-testid="host-name"
      >
        <Server aria-hidden className="h-4 w-4 text-slate-500" />
        <span className="sr-only">Host: </span>
        {allHostsPage ? 'all hosts' : (hostname ?? 'hostname unknown')}
      </span>
      {hosts.length > 1 ? (
        <label className="text-sm">
          <span className="sr-only">Show this page for host</span>
          <select
            value={current}
            onChange={(e) => go(e.target.value)}
            className="max-w-40 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
            data-testid="host-switcher"
          >
            {allHostsPage ? <option value={ALL}>All hosts</option> : null}
            {hosts.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
                {h.id === ownHostId ? ' (this dashboard’s)' : ''}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </div>
  );
}
