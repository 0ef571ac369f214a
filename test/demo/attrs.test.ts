import { describe, expect, it } from 'vitest';
import { parseConnectionsApi, parseInterfaceAttrs } from '@/lib/snap/attrs-parse';
import { demo, tempState } from './helpers';

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
