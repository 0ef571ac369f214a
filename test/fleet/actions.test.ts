import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ActionFailed, changeConnection } from '@/lib/snap/actions';
import { closeAll, node, nodeCli, sshHost } from './support/nodes';

// A connect on one node changes that node only; in sudo mode it goes through the
// node's own sudo rule, and a node without the rule refuses with a typed error.
const NODES = ['node-2', 'node-3', 'node-4'].map(node);
const PLUG = { snap: 'microk8s', name: 'firewall-control' };
const PLUG_ARG = 'microk8s:firewall-control';

/** Each node's `snap connections microk8s`, as its own CLI prints it. */
const state = () => Promise.all(NODES.map(async (n) => (await nodeCli(n, 'snap', ['connections', 'microk8s'])).stdout));
const connected = (text: string) => /^firewall-control\s+microk8s:firewall-control\s+:firewall-control\s/m.test(text);

// Every test starts from the seeded state, whatever an earlier failure left.
beforeEach(async () => {
  for (const n of NODES) expect((await nodeCli(n, 'snap', ['disconnect', PLUG_ARG])).code).toBe(0);
});
afterAll(closeAll);

describe('connect and disconnect on one node', () => {
  it('a connect on node-2 changes node-2 and nothing else; a disconnect puts it back', async () => {
    const before = await state();
    expect(before.map(connected)).toEqual([false, false, false]);
    const host = sshHost(node('node-2'));
    const done = await changeConnection(host, 'connect', PLUG, null);
    expect(done.message).toBe('Connected microk8s:firewall-control');
    const after = await state();
    expect(after.map(connected)).toEqual([true, false, false]);
    expect(after.slice(1)).toEqual(before.slice(1));
    // What the action re-read through SSH is what the node's CLI shows now.
    expect(done.connections.find((c) => c.plug?.name === 'firewall-control')?.slot).toEqual({ snap: 'system', name: 'firewall-control' });
    await changeConnection(host, 'disconnect', PLUG, null);
    expect(await state()).toEqual(before);
  });

  it("in sudo mode, node-3's sudoers rule lets the connect through (as root on the node)", async () => {
    const before = await state();
    const host = sshHost(node('node-3'), { sudo: true });
    expect(host.capabilities.sudo).toBe(true);
    await changeConnection(host, 'connect', PLUG, null);
    const after = await state();
    expect(after.map(connected)).toEqual([false, true, false]);
    expect([after[0], after[2]]).toEqual([before[0], before[2]]);
    await changeConnection(host, 'disconnect', PLUG, null);
    expect(await state()).toEqual(before);
  });

  it('in sudo mode, node-4 without the sudoers rule refuses with sudo-refused; nothing changes anywhere', async () => {
    const before = await state();
    const host = sshHost(node('node-4'), { sudo: true });
    const e = await changeConnection(host, 'connect', PLUG, null).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(ActionFailed);
    const problem = (e as ActionFailed).problem();
    expect(problem).toMatchObject({ status: 403, code: 'sudo-refused' });
    expect(problem.message).toBe('node-4 (cdnode4@127.0.0.4:2222): sudo refused snap connect --no-wait microk8s:firewall-control (sudo: a password is required)');
    expect(problem.hint).toMatch(/sudoers line on that node/);
    expect(await state()).toEqual(before);
  });
});
