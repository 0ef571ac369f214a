import { HostLink } from './host-link';

/** The 404 page inside the app's frame: what was not found and the way back. */
export function NotFoundPanel() {
  return (
    <div className="mx-auto max-w-xl py-12 text-center" data-testid="not-found">
      <p className="text-sm font-semibold text-indigo-700 dark:text-indigo-300">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Not found on this host</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">There is no such page, or the snap or interface in the address does not exist here (any more).</p>
      <p className="mt-6 flex justify-center gap-4 text-sm">
        <HostLink href="/" className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">Overview</HostLink>
        <HostLink href="/snaps" className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">All snaps</HostLink>
        <HostLink href="/interfaces" className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">Interfaces</HostLink>
      </p>
    </div>
  );
}
