import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseServices } from './services-parse';

const lab = (name: string) => fs.readFileSync(path.join(__dirname, '..', '..', 'test', 'fixtures', 'snapd-lab', name), 'utf8');

describe('parseServices', () => {
  it('reads the snapd lab transcript of `snap services microk8s`', () => {
    const rows = parseServices(lab('24-snap-services-microk8s.stdout'));
    expect(rows).toHaveLength(8);
    expect(rows[0]).toEqual({ name: 'microk8s.daemon-apiserver-kicker', enabled: false, active: false, notes: [] });
    expect(rows.map((r) => r.name)).toContain('microk8s.daemon-kubelite');
  });

  it('reads enabled/active rows and notes', () => {
    const text = 'Service                Startup  Current   Notes\nlxd.activate           enabled  inactive  -\nlxd.daemon             enabled  active    socket-activated\nsnapd.x                disabled inactive  timer-activated,user\n';
    expect(parseServices(text)).toEqual([
      { name: 'lxd.activate', enabled: true, active: false, notes: [] },
      { name: 'lxd.daemon', enabled: true, active: true, notes: ['socket-activated'] },
      { name: 'snapd.x', enabled: false, active: false, notes: ['timer-activated', 'user'] },
    ]);
  });

  it('no services is an empty list; anything else is refused', () => {
    expect(parseServices('')).toEqual([]);
    expect(() => parseServices('Name  Version\nfoo 1\n')).toThrow(/unexpected header/);
    expect(() => parseServices('Service  Startup  Current  Notes\nx.y  maybe  active  -\n')).toThrow(/unexpected row/);
  });
});
