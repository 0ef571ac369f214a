import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConnectionsApi, parseInterfaceAttrs, type EndpointAttrs } from './attrs-parse';
import { parseSnapYamlAttrs, withSnapYamlAttrs } from './snap-yaml-attrs';

const FIX = fileURLToPath(new URL('../../test/fixtures/snapd-lab/', import.meta.url));
const HARNESS = fileURLToPath(new URL('../../test/snapd/harness/lib/build-fixtures.sh', import.meta.url));

/** The lab microk8s snap's meta/snap.yaml, as build-fixtures.sh writes it (and `snap pack` packs it verbatim). */
function labSnapYaml(snap: string): string {
  const script = readFileSync(HARNESS, 'utf8');
  const m = new RegExp(`d="\\$SRC/${snap}"\\nwrite "\\$d/meta/snap.yaml" <<'EOF'\\n([\\s\\S]*?)\\nEOF`).exec(script);
  if (!m?.[1]) throw new Error(`no snap.yaml for ${snap} in build-fixtures.sh`);
  return m[1];
}

describe('parseSnapYamlAttrs', () => {
  it("the lab microk8s snap.yaml: lists, maps and scalars as snapd's NormalizeValue keeps them; interface and label are not attributes", () => {
    const d = parseSnapYamlAttrs(labSnapYaml('microk8s'));
    expect(d.name).toBe('microk8s');
    expect(d.plugs.get('dot-kube')).toEqual({ interface: 'personal-files', attrs: { write: ['$HOME/.kube'] } });
    expect(d.plugs.get('docker-privileged')).toEqual({ interface: 'docker-support', attrs: { 'privileged-containers': true } });
    expect(d.plugs.get('ceph-conf')).toEqual({ interface: 'content', attrs: { target: '$SNAP/microceph' } }); // content: snapd's default, not in the file
    expect(d.slots.get('microk8s')).toEqual({ interface: 'content', attrs: { content: 'microk8s', source: { read: ['$SNAP_DATA/credentials'] } } });
  });

  it('short forms, and YAML 1.1 as gopkg.in/yaml.v2 reads it (yes is true)', () => {
    const d = parseSnapYamlAttrs(['name: x', 'plugs:', '  a: personal-files', '  b:', '  c:', '    interface: docker-support', '    label: L', '    privileged-containers: yes'].join('\n'));
    expect(Object.fromEntries(d.plugs)).toEqual({
      a: { interface: 'personal-files', attrs: {} },
      b: { interface: 'b', attrs: {} },
      c: { interface: 'docker-support', attrs: { 'privileged-containers': true } },
    });
  });

  it('text that is not a snap.yaml is an error that says so', () => {
    expect(() => parseSnapYamlAttrs('- a\n- b\n')).toThrow(/not a snap.yaml/);
    expect(() => parseSnapYamlAttrs('name: [unclosed\n')).toThrow(/meta\/snap.yaml: not YAML/);
  });
});

describe('withSnapYamlAttrs: snapd 2.57 text + snap.yaml = what snapd holds', () => {
  const decl = parseSnapYamlAttrs(labSnapYaml('microk8s'));
  // the REST API's answer on the same lab, snapd 2.57 (transcript 90): the witness
  const rest = parseConnectionsApi(readFileSync(`${FIX}api/90-GET-v2-connections-snap-microk8s-select-all.json`, 'utf8'));

  it('personal-files and content, from real `snap interface --attrs` output, equal the REST API once completed', () => {
    let compared = 0;
    for (const iface of ['personal-files', 'content']) {
      const printed = parseInterfaceAttrs(readFileSync(`${FIX}attrs/2.57/iface-attrs-${iface}.stdout`, 'utf8'));
      for (const side of ['plugs', 'slots'] as const) {
        for (const e of printed[side].filter((x) => x.snap === 'microk8s')) {
          const done = withSnapYamlAttrs(e, decl[side].get(e.name));
          const want = rest[side].find((r) => r.snap === 'microk8s' && r.name === e.name)!.attrs;
          expect({ iface, name: e.name, attrs: done.attrs, known: done.attrsKnown }).toEqual({ iface, name: e.name, attrs: want, known: true });
          compared++;
        }
      }
    }
    expect(compared).toBe(5); // dot-config-helm, dot-kube; ceph-conf, configuration; the microk8s slot
  });

  it('each attribute taken from snap.yaml is named; those snapd printed are not', () => {
    const printed = parseInterfaceAttrs(readFileSync(`${FIX}attrs/2.57/iface-attrs-content.stdout`, 'utf8'));
    const slot = withSnapYamlAttrs(printed.slots.find((s) => s.name === 'microk8s')!, decl.slots.get('microk8s'));
    expect(slot.fromSnapYaml).toEqual(['source']);
    const plug = withSnapYamlAttrs(printed.plugs.find((p) => p.name === 'configuration')!, decl.plugs.get('configuration'));
    expect(plug.fromSnapYaml).toBeUndefined();
    expect(plug.attrsKnown).toBe(true);
  });

  it('nothing is taken when snapd holds no attribute, the interface differs, or a scalar snapd would print is missing', () => {
    const base: EndpointAttrs = { snap: 'microk8s', name: 'dot-kube', interface: 'personal-files', attrs: {}, holdsAttrs: true, attrsKnown: false };
    const d = decl.plugs.get('dot-kube');
    expect(withSnapYamlAttrs({ ...base, holdsAttrs: false, attrsKnown: true }, d).attrs).toEqual({});
    expect(withSnapYamlAttrs({ ...base, interface: 'system-files' }, d)).toEqual({ ...base, interface: 'system-files' });
    expect(withSnapYamlAttrs(base, { interface: 'personal-files', attrs: { write: ['$HOME/.x'], extra: 'text' } })).toEqual(base);
    expect(withSnapYamlAttrs(base, undefined)).toEqual(base);
  });
});

describe('plugApps: the apps each plug is bound to, as snapd binds them', () => {
  it('listed by apps: bound to those; listed by none: every app; listed by a hook only: no app; an app-listed undeclared plug is implicit', () => {
    const d = parseSnapYamlAttrs(
      [
        'name: x',
        'apps:',
        '  b-daemon:',
        '    plugs: [log-observe, network]',
        '  a-cli:',
        '    plugs: [network]',
        '  c-plain: {}',
        'hooks:',
        '  configure:',
        '    plugs: [hook-only, mount-observe]',
        'plugs:',
        '  log-observe:',
        '  everywhere: home',
        '  mount-observe:',
      ].join('\n'),
    );
    expect(Object.fromEntries(d.plugApps)).toEqual({
      'log-observe': ['b-daemon'],
      network: ['a-cli', 'b-daemon'],
      everywhere: ['a-cli', 'b-daemon', 'c-plain'],
      'mount-observe': [],
      'hook-only': [],
    });
  });

  it("the lab microk8s snap.yaml binds as its snapd's REST API reports (attrs/2.68: log-observe to inspect and microk8s only)", () => {
    const rest = JSON.parse(readFileSync(`${FIX}attrs/2.68/debug-api-connections-snap-microk8s-select-all.json`, 'utf8')) as { result: { plugs: { snap: string; plug: string; apps?: string[] }[] } };
    const d = parseSnapYamlAttrs(labSnapYaml('microk8s'));
    for (const p of rest.result.plugs.filter((r) => r.snap === 'microk8s')) expect([p.plug, d.plugApps.get(p.plug)]).toEqual([p.plug, [...(p.apps ?? [])].sort()]);
    expect(d.plugApps.get('log-observe')).toEqual(['inspect', 'microk8s']);
  });
});
