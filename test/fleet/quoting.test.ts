import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HostError } from '@/lib/host/errors';
import { hostileStrings } from '@/test/support/hostile';
import { closeAll, fleet, node, sshHost } from './support/nodes';

// Through a real sshd and the node account's login shell (/bin/sh, dash): the
// program on the node receives exactly the argv the dashboard built. node-5's
// `snap` is test/fixtures/host-bin/snap, which prints the argv it got.
const canary = path.join(fleet.dir, 'pwned');
const HOSTILE = hostileStrings(canary);

afterAll(closeAll);

describe('hostile arguments over SSH', () => {
  const host = sshHost(node('node-5'));

  it('arrive on the node byte for byte, in one command', async () => {
    const r = await host.run('snap', ['args', ...HOSTILE]);
    expect(JSON.parse(r.stdout)).toEqual(HOSTILE);
    expect(fs.existsSync(canary)).toBe(false);
  });

  it('arrive one by one too (each alone as the whole argument list)', async () => {
    const got = await Promise.all(HOSTILE.map(async (arg) => JSON.parse((await host.run('snap', ['args', arg])).stdout) as string[]));
    expect(got).toEqual(HOSTILE.map((a) => [a]));
    expect(fs.existsSync(canary)).toBe(false);
  });

  it('the node runs them in the C locale although its own is not', async () => {
    expect(JSON.parse((await host.run('snap', ['env'])).stdout)).toEqual({ LC_ALL: 'C', LANG: 'C', SECRET: null });
  });

  it("reach the simulated snap as names it reports back verbatim (never a shell's work)", async () => {
    const demo = sshHost(node('node-2'));
    for (const name of ['$(touch ' + canary + ')', "x'; touch " + canary + "; '", '`id`']) {
      const e = await demo.run('snap', ['connections', name]).then(
        () => null,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(HostError);
      expect((e as HostError).toolMessage).toContain(name);
    }
    expect(fs.existsSync(canary)).toBe(false);
  });
});
