/**
 * `snap services [SNAP]`: snapd cmd/snap/cmd_services.go svcStatus.Execute prints the header
 * `Service  Startup  Current  Notes` (tabwriter) and one row per service from
 * clientutil.FmtServiceStatus: `snap.app`, `enabled|disabled`, `active|inactive`, notes
 * joined by "," or "-". No services: nothing on stdout ("There are no services provided by
 * installed snaps." on stderr). Checked against the snapd lab's transcript 24. PURE.
 */

export interface SnapService {
  /** `snap.app`, as snapd names it */
  name: string;
  /** starts at boot */
  enabled: boolean;
  active: boolean;
  notes: string[];
}

export function parseServices(text: string): SnapService[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) return [];
  const header = (lines[0] ?? '').trim().split(/\s+/);
  if (header.join(' ') !== 'Service Startup Current Notes') throw new Error(`snap services: unexpected header ${JSON.stringify((lines[0] ?? '').slice(0, 200))}`);
  return lines.slice(1).map((line) => {
    const [name = '', startup = '', current = '', notes = '-'] = line.trim().split(/\s+/);
    if (!['enabled', 'disabled'].includes(startup) || !['active', 'inactive'].includes(current)) throw new Error(`snap services: unexpected row ${JSON.stringify(line.slice(0, 200))}`);
    return { name, enabled: startup === 'enabled', active: current === 'active', notes: notes === '-' ? [] : notes.split(',') };
  });
}
