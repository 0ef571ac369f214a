'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { Activity, Boxes, Container, History, LayoutDashboard, Menu, Network, Plug, Shield, ShieldX, X } from 'lucide-react';
import { hostPage } from '@/lib/contracts/hosts';
import { HostSwitcher, pagePath, type HostChoice } from './host-switcher';
import { DemoBanner } from './demo-banner';
import { PrivilegeBanner } from './privilege-banner';
import { ThemeToggle } from './theme-toggle';
import { LogoutButton } from './logout-button';

// Per-host pages follow the host in sight; Fleet and Activity are about every host.
const NAV = [
  { href: '/', label: 'Overview', icon: LayoutDashboard, perHost: true },
  { href: '/snaps', label: 'Snaps', icon: Boxes, perHost: true },
  { href: '/interfaces', label: 'Interfaces', icon: Plug, perHost: true },
  { href: '/denials', label: 'Denials', icon: ShieldX, perHost: true },
  { href: '/addons', label: 'Addons', icon: Container, perHost: true },
  { href: '/changes', label: 'Changes', icon: History, perHost: true },
  { href: '/fleet', label: 'Fleet', icon: Network, perHost: false },
  { href: '/activity', label: 'Activity', icon: Activity, perHost: false },
];

export function AppShell({
  simulated,
  hostId,
  ownHostId,
  hostname,
  allHostsPage,
  hosts,
  children,
}: {
  simulated: boolean;
  hostId: string | null;
  ownHostId: string;
  hostname: string | null;
  allHostsPage: boolean;
  hosts: HostChoice[];
  children: ReactNode;
}) {
  const pathname = pagePath(usePathname());
  // Below md (a phone, 390 px) the links fold behind a Menu button; they close again on navigation.
  const [menu, setMenu] = useState<{ open: boolean; at: string }>({ open: false, at: pathname });
  const open = menu.open && menu.at === pathname;
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2 focus:text-slate-900">
        Skip to content
      </a>
      {simulated ? <DemoBanner /> : null}
      <PrivilegeBanner />
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
          <Link href={hostPage(hostId, '/')} className="flex items-center gap-2 font-semibold">
            <Shield aria-hidden className="h-5 w-5 text-indigo-600 dark:text-indigo-400" />
            Confinement Dashboard
          </Link>
          <HostSwitcher hosts={hosts} hostId={hostId} ownHostId={ownHostId} hostname={hostname} allHostsPage={allHostsPage} />
          <button
            type="button"
            aria-expanded={open}
            aria-controls="main-nav"
            onClick={() => setMenu({ open: !open, at: pathname })}
            className="ml-auto inline-flex items-center gap-1 rounded-md border border-slate-300 px-2 py-1 text-sm md:hidden dark:border-slate-600"
          >
            {open ? <X aria-hidden className="h-4 w-4" /> : <Menu aria-hidden className="h-4 w-4" />}
            Menu
          </button>
          <nav id="main-nav" aria-label="Main" className={`${open ? 'flex' : 'hidden'} w-full flex-col gap-1 md:flex md:w-auto md:flex-1 md:flex-row md:flex-wrap`}>
            {NAV.map(({ href, label, icon: Icon, perHost }) => {
              const active = (perHost ? !allHostsPage : allHostsPage) && (href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(href + '/'));
              return (
                <Link
                  key={href}
                  href={perHost ? hostPage(hostId, href) : href}
                  aria-current={active ? 'page' : undefined}
                  className={`flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium ${
                    active
                      ? 'bg-indigo-50 text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300'
                      : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white'
                  }`}
                >
                  <Icon aria-hidden className="h-4 w-4" />
                  {label}
                </Link>
              );
            })}
          </nav>
          <div className={`${open ? 'flex' : 'hidden'} items-center gap-2 md:flex`}>
            <ThemeToggle />
            <LogoutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6 sm:px-6">
        {children}
      </main>
    </div>
  );
}
