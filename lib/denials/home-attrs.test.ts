import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConnections } from '../snap/parse';
import { parseConnectionsApi } from '../snap/attrs-parse';
import { adminAnswer, type ConnectionRow } from './answer';
import { parseDenials, type Denial } from './parse';
import { suggestInterfaces } from './suggest';
import { homeLevel } from './home-read-all';
import type { ConnectionTime } from './connection-times';

const SNAP = fileURLToPath(new URL('../../test/fixtures/snapd-lab/', import.meta.url));
const denial = (line: string): Denial => {
  const d = parseDenials(line)[0];
  if (!d) throw new Error(`not a denial: ${line}`);
  return d;
};
// 2026-12-03T11:27:28Z, by microk8s's kubectl app (home-read-all is bound to it in transcript 90)
const file = (name: string, mask: string, fsuid: number, ouid: number) =>
  denial(
    `audit: type=1400 audit(1796297248.000:1): apparmor="DENIED" operation="open" class="file" profile="snap.microk8s.kubectl" name="${name}" pid=9 comm="kubectl" requested_mask="${mask}" denied_mask="${mask}" fsuid=${fsuid} ouid=${ouid}`,
  );
const cap = (capname: string, n: number) =>
  denial(`audit: type=1400 audit(1796297248.000:1): apparmor="DENIED" operation="capable" class="cap" profile="snap.microk8s.kubectl" pid=9 comm="kubectl" capability=${n}  capname="${capname}"`);

// The lab's strict MicroK8s: `home` (no attributes, connected) and `home-read-all` (read: all, not connected) —
// `snap connections microk8s` (06) and the REST API's attributes (transcript 90).
const microk8s = parseConnections(readFileSync(`${SNAP}06-snap-connections-microk8s.stdout`, 'utf8'));
const rest = parseConnectionsApi(readFileSync(`${SNAP}api/90-GET-v2-connections-snap-microk8s-select-all.json`, 'utf8'));
const attrs = new Map(rest.plugs.map((p) => [`${p.snap}:${p.name}`, p.attrs]));
const answer = (d: Denial, rows: ConnectionRow[], ctx: Parameters<typeof adminAnswer>[3] = { attrs }) => adminAnswer(d, suggestInterfaces(d), rows, ctx);
// only the plain home plug (docker-privileged's `/** rwlix` would allow any file: plug-attrs-grants.test.ts)
const plainHomeOnly = microk8s.filter((r) => r.plug?.name === 'home');
const readAllConnected = microk8s.map((r) => (r.plug?.name === 'home-read-all' ? { ...r, slot: { snap: 'snapd', name: 'home' } } : r));
const at = (plug: string, iso: string) => new Map<string, ConnectionTime>([[`microk8s:${plug}`, { at: iso, source: 'snapd-change' }]]);

const NOTES = '/home/ann/notes.txt';

describe('homeLevel (home.go 2.76.3: owner rules for every plug, read: all adds non-owner reads and dac_read_search)', () => {
  it('own files: every home plug; others\' files: read only, only with read: all; hidden files and writes: none', () => {
    expect(attrs.get('microk8s:home')).toEqual({}); // the witness: the plain plug really has no `read`
    expect(attrs.get('microk8s:home-read-all')).toEqual({ read: 'all' });
    expect(homeLevel(file(NOTES, 'r', 1000, 1000))).toBe('owner');
    expect(homeLevel(file(NOTES, 'wc', 1000, 1000))).toBe('owner');
    expect(homeLevel(file(NOTES, 'r', 0, 1000))).toBe('read-all');
    expect(homeLevel(file('/home/ann/', 'r', 0, 1000))).toBe('read-all');
    expect(homeLevel(file(NOTES, 'w', 0, 1000))).toBeNull(); // WithAllRead is `r` only
    expect(homeLevel(file('/home/ann/.bashrc', 'r', 0, 1000))).toBeNull(); // [^s.]**: no hidden files
    expect(homeLevel(file('/etc/hosts', 'r', 0, 0))).toBeNull();
    expect(homeLevel(cap('dac_read_search', 2))).toBe('read-all');
    expect(homeLevel(cap('dac_override', 1))).toBeNull();
  });
});

describe('home plugs judged by read: all (attributes read)', () => {
  it("another user's file: connect home-read-all, with what read: all gives; the connected plain home plug is not offered", () => {
    expect(answer(file(NOTES, 'r', 0, 1000), microk8s)).toEqual({
      kind: 'connect',
      snap: 'microk8s',
      plugs: [{ plug: 'home-read-all', interface: 'home', warning: "home-read-all has read: all (it may read every user's non-hidden files in their home, not only its own user's)" }],
    });
  });

  it('a plain home plug connected before the denial is neither resolved nor already-connected: it cannot allow it', () => {
    for (const connectedAt of [at('home', '2026-12-03T11:00:00Z'), at('home', '2026-12-03T11:40:00Z'), undefined]) {
      const a = answer(file(NOTES, 'r', 0, 1000), plainHomeOnly, { attrs, ...(connectedAt ? { connectedAt } : {}) });
      expect(a.kind).toBe('no-plug');
      if (a.kind === 'no-plug') {
        expect(a.advice[0]).toBe(
          "microk8s:home (home, connected) does not allow this: it takes a home plug with 'read: all', which grants a file it does not own (owner uid 1000, " +
            "the process ran as uid 0): a home plug without it reaches only its user's own files; home's base declaration denies connecting a plug " +
            "with 'read: all' (deny-connection), so the store must allow it for this snap (snap-declaration), and the attribute is the publisher's to declare in snap.yaml",
        );
        expect(a.unsure).toBeUndefined();
      }
    }
  });

  it('resolved once home-read-all is connected after the last denial; the plain plug still counts for own files', () => {
    const a = answer(file(NOTES, 'r', 0, 1000), readAllConnected, { attrs, connectedAt: at('home-read-all', '2026-12-03T11:40:00Z') });
    expect(a).toMatchObject({ kind: 'resolved', plugs: [{ plug: 'home-read-all' }], connectedAt: '2026-12-03T11:40:00Z' });
    const own = answer(file(NOTES, 'wc', 1000, 1000), plainHomeOnly, { attrs, connectedAt: at('home', '2026-12-03T11:40:00Z') });
    expect(own).toMatchObject({ kind: 'resolved', plugs: [{ plug: 'home', interface: 'home' }] });
  });

  it('capability dac_read_search: the plain home plug is not among the plugs that allow it', () => {
    const a = answer(cap('dac_read_search', 2), plainHomeOnly, { attrs, connectedAt: at('home', '2026-12-03T11:00:00Z') });
    expect(a.kind).toBe('no-plug');
    if (a.kind === 'no-plug') expect(a.advice[0]).toMatch(/^microk8s:home \(home, connected\) does not allow this: it takes a home plug with 'read: all', which grants capability dac_read_search/);
    const all = answer(cap('dac_read_search', 2), readAllConnected, { attrs, connectedAt: at('home-read-all', '2026-12-03T11:40:00Z') });
    expect(all).toMatchObject({ kind: 'resolved', plugs: [{ plug: 'home-read-all' }] });
  });
});

describe('home plugs whose attributes were not read', () => {
  it('only a connected plain-looking home plug: no-plug, naming it as a maybe, never already-connected or resolved', () => {
    const a = answer(file(NOTES, 'r', 0, 1000), plainHomeOnly, { connectedAt: at('home', '2026-12-03T11:40:00Z') });
    expect(a.kind).toBe('no-plug');
    if (a.kind === 'no-plug') {
      expect(a.unsure).toEqual([{ plug: 'home', interface: 'home', maybe: expect.stringMatching(/^it is a home plug with 'read: all'/) }]);
    }
  });
});
