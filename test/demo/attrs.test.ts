import { describe, expect, it } from 'vitest';
import { parseConnectionsApi, parseInterfaceAttrs } from '@/lib/snap/attrs-parse';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { demo, LAB_DIR, readState, tempState, type DemoState } from './helpers';

const kernel = createRequire(import.meta.url)('../../demo/lib/kernel.js') as {
  buildModel: (state: DemoState) => { kinds: Array<{ id: string; grantKeys: string[]; render: (c: object) => { type: number; body: string } }> };
};

/** The demo `snap` prints plug attributes in the shapes the real one does: the parsers read them the same. */
describe('plug attributes from the demo host', () => {
  const state = tempState();

  it('snap debug api /v2/connections: the indented, key-sorted JSON snapd prints', async () => {
    const r = await demo('snap', state, ['debug', 'api', '/v2/connections?snap=juju&select=all']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\{\n {2}"result": \{/);
    expect(parseConnectionsApi(r.stdout).plugs.find((p) => p.name === 'dot-kubernetes')?.attrs).toEqual({ read: ['$HOME/.kube'] });
  });

  it('snap interface --attrs content', async () => {
    const r = await demo('snap', state, ['interface', '--attrs', 'content']);
    expect(r.code).toBe(0);
    const plugs = parseInterfaceAttrs(r.stdout).plugs;
    expect(plugs.find((p) => p.snap === 'firefox' && p.name === 'gtk-3-themes')?.attrs).toEqual({ content: 'gtk-3-themes', 'default-provider': 'gtk-common-themes', target: '$SNAP/data-dir/themes' });
  });
});

describe('the apps each plug is bound to on the demo host', () => {
  const state = tempState();

  it("MicroK8s's plugs are bound as the lab's snapd binds them; a plug that names no apps is bound to every app of its snap", async () => {
    const r = await demo('snap', state, ['debug', 'api', '/v2/connections?select=all']);
    expect(r.code).toBe(0);
    const plugs = parseConnectionsApi(r.stdout).plugs;
    const lab = parseConnectionsApi(readFileSync(`${LAB_DIR}/api/90-GET-v2-connections-snap-microk8s-select-all.json`, 'utf8')).plugs.filter((p) => p.snap === 'microk8s');
    expect(lab.length).toBeGreaterThan(20);
    for (const p of lab) expect([p.name, plugs.find((d) => d.snap === 'microk8s' && d.name === p.name)?.apps]).toEqual([p.name, p.apps]);
    expect(plugs.find((p) => p.snap === 'htop' && p.name === 'process-control')?.apps).toEqual(['htop']);
    expect(plugs.find((p) => p.snap === 'multipass' && p.name === 'x11')?.apps).toEqual(['gui', 'multipass', 'multipassd']);
  });

  it("the kernel's cluster-agent fsetid denial is granted by no plug: account-control is bound to microk8s and reset only", () => {
    const kinds = kernel.buildModel(readState(state)).kinds;
    const fsetid = kinds.find((k) => k.id === 'microk8s/fsetid');
    expect(fsetid?.render({ mode: 'DENIED', pid: 1, i: 0, h: 1 }).body).toContain('profile="snap.microk8s.daemon-cluster-agent"');
    expect(fsetid?.grantKeys).toEqual([]);
    // a plug bound to the denied app still grants it
    expect(kinds.find((k) => k.id === 'microk8s/mounts')?.grantKeys).toContain('microk8s:mount-observe');
    expect(kinds.find((k) => k.id === 'microk8s/syslog')?.grantKeys).toEqual(['microk8s:log-observe']);
  });
});
