import { FlaskConical } from 'lucide-react';

/** Shown on every page in demo mode: nothing on screen is the admin's machine. */
export function DemoBanner() {
  return (
    <div role="note" data-testid="demo-banner" className="flex items-center justify-center gap-2 bg-amber-400 px-4 py-1.5 text-center text-sm font-semibold text-amber-950">
      <FlaskConical aria-hidden className="h-4 w-4" />
      Simulated host — demo mode. Nothing here is your machine; changes only touch the simulation.
    </div>
  );
}
