/**
 * Plug and slot attributes as the dashboard reads them (GET /api/snaps/{name}: `snap debug api` on snapd >= 2.64,
 * `snap interface --attrs` before) against snapd's REST API over /run/snapd.socket. The lab's microk8s snap
 * declares content plugs (ceph-conf, configuration: content + target), personal-files plugs (dot-kube,
 * dot-config-helm: write lists), docker-support with privileged-containers and kubernetes-support flavours.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { connectionsRest, snap } from './support/lab';

const { snapDetail } = await import('@/lib/snap/detail');
const { currentHost } = await import('@/lib/host');
const host = currentHost();

beforeEach(() => host.invalidateReads());

async function snapdVersion(): Promise<[number, number]> {
  const out = (await snap(['version'])).stdout;
  const m = /^snapd\s+(\d+)\.(\d+)/m.exec(out);
  if (!m) throw new Error(`no snapd version in: ${out}`);
  return [Number(m[1]), Number(m[2])];
}

/** What `snap interface --attrs` can print of an attribute (cmd_interface.go showAttrs: string, int, bool). */
function scalarAsPrinted(v: unknown): string | undefined {
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  return undefined; // lists, maps, and JSON numbers (float64 in Go) are not printed
}

describe('GET /api/snaps/microk8s attributes against /v2/connections?snap=microk8s&select=all', () => {
  it('every plug and slot carries the attributes snapd holds (all of them with snap debug api, the scalars before 2.64)', async () => {
    const [major, minor] = await snapdVersion();
    const full = major > 2 || (major === 2 && minor >= 64);
    const [detail, rest] = await Promise.all([snapDetail(host, 'microk8s'), connectionsRest('snap=microk8s&select=all')]);
    expect(detail.attrsSource).toEqual(full ? { source: 'snapd-api', complete: true } : { source: 'snap-interface', complete: false });

    const restPlugs = (rest.plugs ?? []).filter((p) => p.snap === 'microk8s');
    expect(detail.plugs.map((p) => p.name).sort()).toEqual(restPlugs.map((p) => p.plug).sort());
    for (const p of detail.plugs) {
      const want = restPlugs.find((r) => r.plug === p.name)!.attrs ?? {};
      if (full) {
        expect({ plug: p.name, attrs: p.attrs ?? {} }).toEqual({ plug: p.name, attrs: want });
      } else {
        const printed = Object.fromEntries(Object.entries(want).map(([k, v]) => [k, scalarAsPrinted(v)]).filter(([, v]) => v !== undefined));
        expect({ plug: p.name, attrs: p.attrs ?? {} }).toEqual({ plug: p.name, attrs: printed });
      }
    }
    const restSlots = (rest.slots ?? []).filter((s) => s.snap === 'microk8s');
    for (const s of detail.slots) {
      const want = restSlots.find((r) => r.slot === s.name)!.attrs ?? {};
      if (full) expect({ slot: s.name, attrs: s.attrs ?? {} }).toEqual({ slot: s.name, attrs: want });
    }

    // the ones the issue names: the content plug, a personal-files plug, docker-support's flag
    const byName = Object.fromEntries(detail.plugs.map((p) => [p.name, p.attrs]));
    expect(byName['configuration']).toMatchObject({ content: 'configuration', target: '$SNAP/content-interface' });
    if (full) {
      expect(byName['dot-kube']).toEqual({ write: ['$HOME/.kube'] });
      expect(byName['docker-privileged']).toEqual({ 'privileged-containers': true });
      expect(restPlugs.find((r) => r.plug === 'dot-kube')!.attrs).toEqual({ write: ['$HOME/.kube'] });
    } else {
      // snap interface --attrs does not print lists: the page says so rather than showing nothing as if none
      expect(byName['dot-kube']).toBeUndefined();
      expect(byName['docker-privileged']).toEqual({ 'privileged-containers': 'true' });
    }
  });
});
