/**
 * The parsers on the same lab's output from two snapd releases: Debian 12's 2.57.6
 * (test/fixtures/snapd-lab/*.stdout) and Debian 13's 2.68.3 (test/fixtures/snapd-lab/2.68/). Both were
 * captured from `npm run test:snapd`'s lab with the same fixture snaps, so where the releases
 * print the same facts the parsers must return the same values, and where 2.68 prints more
 * (documentation links, new implicit slots, other sandbox features) the parsers must keep it.
 * test/fixtures/snapd-lab/SOURCES.md lists every difference found between the two releases.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  parseChanges,
  parseConfinement,
  parseConnections,
  parseInterfaceDetail,
  parseInterfaceList,
  parseSandboxFeatures,
  parseSnapList,
  parseSnapVersion,
} from '@/lib/snap/parse';

const DIR = fileURLToPath(new URL('../fixtures/snapd-lab/', import.meta.url));
const v257 = (name: string) => readFileSync(`${DIR}${name}.stdout`, 'utf8');
const v268 = (name: string) => readFileSync(`${DIR}2.68/${name}.stdout`, 'utf8');
/** the data lines of a table, i.e. what a parser must return one row for */
const dataLines = (text: string) => text.split('\n').filter((l) => l.trim() !== '').length - 1;

describe('snap version', () => {
  it('reads both releases, client and daemon alike', () => {
    const old = parseSnapVersion(v257('01-snap-version'));
    const now = parseSnapVersion(v268('01-snap-version'));
    expect([old.snap, old.snapd]).toEqual(['2.57.6-1+deb12u1+b2', '2.57.6-1+deb12u1+b2']);
    expect([now.snap, now.snapd]).toEqual(['2.68.3-3+deb13u1+b7', '2.68.3-3+deb13u1+b7']);
    expect({ ...now, snap: null, snapd: null, kernel: null, raw: {} }).toEqual({ ...old, snap: null, snapd: null, kernel: null, raw: {} });
  });
});

describe('snap list and snap connections: the same text in both releases', () => {
  it.each(['02-snap-list', '05-snap-connections-all', '06-snap-connections-microk8s', '29-snap-connections-microk8s'])('%s', (name) => {
    // byte-identical output: if a later capture differs, this says where to look first
    expect(v268(name)).toBe(v257(name));
  });
  it('parses every row of `snap connections --all` and `snap list` from 2.68', () => {
    expect(parseConnections(v268('05-snap-connections-all'))).toHaveLength(dataLines(v268('05-snap-connections-all')));
    expect(parseSnapList(v268('02-snap-list')).map((s) => s.name)).toEqual(parseSnapList(v257('02-snap-list')).map((s) => s.name));
  });
});

describe('snap connections snapd: 2.68 has more implicit slots, in wider columns', () => {
  const old = parseConnections(v257('09-snap-connections-snapd'));
  const now = parseConnections(v268('09-snap-connections-snapd'));
  it('gives one row per line, the system side written `:name` read as the system snap', () => {
    expect(old).toHaveLength(dataLines(v257('09-snap-connections-snapd')));
    expect(now).toHaveLength(dataLines(v268('09-snap-connections-snapd')));
    expect(now.length).toBeGreaterThan(old.length);
    for (const c of now) expect(c.slot?.snap).toBe('system');
  });
  it('keeps every slot 2.57 has, and reads the new ones (userns, confdb, pipewire, …)', () => {
    const names = (rows: typeof old) => new Set(rows.map((c) => c.slot?.name));
    const newer = names(now);
    for (const n of names(old)) expect(newer.has(n), n).toBe(true);
    for (const n of ['userns', 'confdb', 'pipewire', 'nfs-mount', 'snap-refresh-observe']) expect(newer.has(n), n).toBe(true);
  });
});

describe('snap interface NAME: 2.68 adds a documentation line and widens the key column', () => {
  it.each(['12-snap-interface-network-observe', '14-snap-interface-content', '15-snap-interface-kubernetes-support'])('%s', (name) => {
    const old = parseInterfaceDetail(v257(name));
    const now = parseInterfaceDetail(v268(name));
    expect(old.documentation).toBeUndefined();
    expect(now.documentation).toBe(`https://snapcraft.io/docs/${old.name}-interface`);
    expect({ ...now, documentation: undefined }).toEqual(old);
  });
  it('reads plugs with attributes (--attrs) the same way', () => {
    const old = parseInterfaceDetail(v257('13-snap-interface-attrs-network-observe'));
    const { documentation, ...rest } = parseInterfaceDetail(v268('13-snap-interface-attrs-network-observe'));
    expect(documentation).toBe('https://snapcraft.io/docs/network-observe-interface');
    expect(rest).toEqual(old);
  });
});

describe('snap interface --all', () => {
  it('lists every interface 2.57 knows, plus the new ones, with their summaries', () => {
    const old = parseInterfaceList(v257('11-snap-interface-all'));
    const now = parseInterfaceList(v268('11-snap-interface-all'));
    expect(now).toHaveLength(dataLines(v268('11-snap-interface-all')));
    const byName = new Map(now.map((i) => [i.name, i.summary]));
    for (const i of old) expect(byName.has(i.name), i.name).toBe(true);
    expect(byName.get('userns')).toMatch(/\S/);
  });
});

describe('snap debug', () => {
  it('confinement is the same word', () => {
    expect(parseConfinement(v268('17-snap-debug-confinement'))).toBe(parseConfinement(v257('17-snap-debug-confinement')));
  });
  it('sandbox-features: 2.68 adds configfiles and ldconfig and drops udev', () => {
    const old = parseSandboxFeatures(v257('18-snap-debug-sandbox-features'));
    const now = parseSandboxFeatures(v268('18-snap-debug-sandbox-features'));
    expect(Object.keys(now).filter((k) => !(k in old)).sort()).toEqual(['configfiles', 'ldconfig']);
    expect(Object.keys(old).filter((k) => !(k in now))).toEqual(['udev']);
    expect(now.configfiles).toEqual(['mediated-configfiles']);
    expect(now['confinement-options']).toEqual(old['confinement-options']);
  });
});

describe('snap changes', () => {
  it.each(['57-snap-changes', '58-snap-changes-abs-time'])('%s: the same summaries in both', (name) => {
    const old = parseChanges(v257(name));
    const now = parseChanges(v268(name));
    expect(now).toHaveLength(dataLines(v268(name)));
    expect(now.map((c) => [c.id, c.status, c.summary])).toEqual(old.map((c) => [c.id, c.status, c.summary]));
  });
});
