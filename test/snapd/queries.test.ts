/**
 * The app's queries (parsers fed by the REAL `snap` CLI through the real host
 * layer) against snapd's REST API, read independently over /run/snapd.socket.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectionsRest, expectedRows, parsedRows, restGet, type RestConnections, type RestSnap } from './support/lab';

const queries = await import('@/lib/snap/queries');
const { currentHost } = await import('@/lib/host');
const host = currentHost();

const SYSTEM_TYPES = new Set(['snapd', 'os']);
const KIND: Record<string, string> = { app: 'app', os: 'core', base: 'base', snapd: 'snapd', gadget: 'gadget', kernel: 'kernel' };

let snaps: RestSnap[];
let all: RestConnections;

beforeAll(async () => {
  [snaps, all] = await Promise.all([restGet<RestSnap[]>('/v2/snaps'), connectionsRest('select=all')]);
});
beforeEach(() => host.invalidateReads());

describe('snapSummaries() against /v2/snaps and /v2/connections?select=all', () => {
  it('lists exactly the installed snaps, with version, revision, kind and confinement', async () => {
    const summaries = await queries.snapSummaries(host);
    expect(summaries.map((s) => s.name).sort()).toEqual(snaps.map((s) => s.name).sort());
    expect(summaries.length).toBeGreaterThanOrEqual(8);
    for (const s of summaries) {
      const r = snaps.find((x) => x.name === s.name)!;
      const confinement = r.confinement === 'classic' ? 'classic' : r.jailmode ? 'jailmode' : r.devmode ? 'devmode' : 'strict';
      expect({ name: s.name, version: s.version, revision: s.revision, kind: s.kind, confinement: s.confinement }).toEqual({
        name: r.name,
        version: r.version,
        revision: r.revision,
        kind: KIND[r.type],
        confinement,
      });
      expect(s.tracking).toBe(r['tracking-channel'] ?? null);
      expect(s.publisher).toBe(r.publisher?.username || null);
      expect(s.health).toBe(!r.health || r.health.status === 'okay' ? 'ok' : r.health.status);
    }
    // the fixtures cover every confinement the dashboard distinguishes
    const by = Object.fromEntries(summaries.map((s) => [s.name, s.confinement]));
    expect(by).toMatchObject({ microk8s: 'strict', 'lab-classic': 'classic', 'lab-devmode': 'devmode', 'lab-config-provider': 'strict' });
  });

  it("counts each app snap's plugs and slots, declared and connected, as snapd does", async () => {
    const summaries = await queries.snapSummaries(host);
    for (const s of summaries) {
      const r = snaps.find((x) => x.name === s.name)!;
      if (SYSTEM_TYPES.has(r.type)) continue; // see the system-snap test below
      const plugs = (all.plugs ?? []).filter((p) => p.snap === s.name);
      const slots = (all.slots ?? []).filter((p) => p.snap === s.name);
      expect({ name: s.name, plugs: s.plugs, slots: s.slots }).toEqual({
        name: s.name,
        plugs: { declared: plugs.length, connected: plugs.filter((p) => p.connections?.length).length },
        slots: { declared: slots.length, connected: slots.filter((p) => p.connections?.length).length },
      });
    }
    const microk8s = summaries.find((s) => s.name === 'microk8s')!;
    expect(microk8s.plugs.declared).toBe(30);
  });
});

describe('the system snap in snapSummaries()', () => {
  it("the system snap's summary counts its slots as snapd declares them", async () => {
    // `snap connections` writes the system snap's side as `:name`; the summary counts it
    // under the real system snap, with the unconnected slots from `snap connections system`.
    const summaries = await queries.snapSummaries(host);
    const system = snaps.find((s) => SYSTEM_TYPES.has(s.type))!;
    const row = summaries.find((s) => s.name === system.name)!;
    const slots = (all.slots ?? []).filter((s) => s.snap === system.name);
    expect(slots.length).toBeGreaterThan(100);
    expect(row.slots).toEqual({ declared: slots.length, connected: slots.filter((s) => s.connections?.length).length });
  });
});

describe('connections() against /v2/connections', () => {
  it('connections() (snap connections --all) has one row per REST connection, unconnected plug and non-system slot', async () => {
    const parsed = await queries.connections(host);
    expect(parsedRows(parsed)).toEqual(expectedRows(all, { all: true }));
  });

  it("connections('microk8s') matches /v2/connections?snap=microk8s&select=all", async () => {
    const [parsed, r] = await Promise.all([queries.connections(host, 'microk8s'), connectionsRest('snap=microk8s&select=all')]);
    expect(parsedRows(parsed)).toEqual(expectedRows(r, { all: true, wanted: 'microk8s' }));
    expect(parsed.length).toBeGreaterThan(30);
  });

  it("connections('system') (the system snap's own slots, unconnected ones too) matches the REST answer for snapd", async () => {
    const [parsed, r] = await Promise.all([queries.connections(host, 'system'), connectionsRest('snap=snapd&select=all')]);
    expect(parsedRows(parsed)).toEqual(expectedRows(r, { all: true, wanted: 'system' }));
    expect(parsed.length).toBeGreaterThan(100);
  });
});

describe('interfaceDetail() against /v2/interfaces', () => {
  it("interfaceDetail('network-observe') names the same plugs and slots and summary", async () => {
    const [detail, r] = await Promise.all([
      queries.interfaceDetail(host, 'network-observe'),
      restGet<{ name: string; summary: string; plugs?: { snap: string; plug: string }[]; slots?: { snap: string; slot: string }[] }[]>(
        // the query `snap interface NAME` sends (snapd's debug log shows it)
        '/v2/interfaces?select=all&names=network-observe&doc=true&plugs=true&slots=true',
      ),
    ]);
    const iface = r[0]!;
    expect(detail.name).toBe(iface.name);
    expect(detail.summary).toBe(iface.summary);
    const key = (e: { snap: string; name: string }) => `${e.snap}:${e.name}`;
    expect(detail.plugs.map(key).sort()).toEqual((iface.plugs ?? []).map((p) => `${p.snap}:${p.plug}`).sort());
    // The REST API names the system snap by its real name; the dashboard calls it "system" everywhere.
    const system = new Set(snaps.filter((s) => SYSTEM_TYPES.has(s.type)).map((s) => s.name));
    expect(detail.slots.map(key).sort()).toEqual((iface.slots ?? []).map((s) => `${system.has(s.snap) ? 'system' : s.snap}:${s.slot}`).sort());
    expect(detail.plugs.map(key)).toEqual(expect.arrayContaining(['microk8s:network-observe', 'lab-devmode:network-observe']));
  });
});

describe('interfaceSummaries() and allSlots() against /v2/interfaces and /v2/connections', () => {
  it('interfaceSummaries() (snap interface --all) has every interface snapd knows, with its summary', async () => {
    const [mine, r] = await Promise.all([queries.interfaceSummaries(host), restGet<{ name: string; summary: string }[]>('/v2/interfaces?select=all')]);
    expect([...mine.entries()].sort()).toEqual(r.map((i) => [i.name, i.summary]).sort());
    expect(mine.size).toBeGreaterThan(150);
  });

  it("allSlots() offers every slot on the host, the system snap's unconnected ones included", async () => {
    const slots = await queries.allSlots(host);
    const key = (snap: string, name: string) => `${['core', 'snapd'].includes(snap) ? 'system' : snap}:${name}`;
    expect(slots.map((s) => `${s.snap}:${s.name}`).sort()).toEqual((all.slots ?? []).map((s) => key(s.snap, s.slot)).sort());
  });
});

describe('systemOverview() against /v2/system-info', () => {
  it('reports the daemon version, OS, kernel, confinement and sandbox features snapd reports', async () => {
    const [o, info] = await Promise.all([
      queries.systemOverview(host),
      restGet<{
        version: string;
        series: string;
        'kernel-version': string;
        architecture: string;
        confinement: string;
        'os-release': { id: string; 'version-id': string };
        'sandbox-features': Record<string, string[]>;
      }>('/v2/system-info'),
    ]);
    expect(o.mode).toBe('local');
    expect(o.sudoMode).toBe(false);
    expect(o.version.snapd).toBe(info.version);
    expect(o.version.series).toBe(info.series);
    expect(o.version.os).toBe(info['os-release'].id);
    expect(o.version.osVersion).toBe(info['os-release']['version-id']);
    expect(o.version.kernel).toBe(info['kernel-version']);
    expect([null, info.architecture]).toContain(o.version.architecture);
    expect(o.confinement).toBe(info.confinement);
    expect(o.confinement).toBe('partial'); // no AppArmor in the lab
    expect(o.sandboxFeatures).toEqual(info['sandbox-features']);
  });
});
