import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { labState, snap, tempState, type RunResult } from './helpers';

/**
 * connect/disconnect arguments the real `snap` refuses before it talks to the
 * daemon. fixtures/snapd-args.json holds the exact bytes snapd 2.57.6 printed
 * (captured as root on the snapd lab with fixtures/capture-snapd-args.mjs; see
 * its `_note`). An invalid PLUG/SLOT value is an error of the argument's own
 * parser (SnapAndName / SnapAndNameStrict), which cmd/snap exits 1 on; only
 * go-flags' own errors (missing argument, unknown flag, ...) exit 64. Both
 * positionals of `snap disconnect` are strict: a bare snap name is refused.
 */
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'snapd-args.json'), 'utf8')) as {
  _note: string;
  cases: Array<RunResult & { args: string[] }>;
};

describe('arguments the real snap refuses (snapd 2.57.6 outputs)', () => {
  let state: string;
  let before: string;
  beforeAll(() => {
    state = tempState(labState());
    before = fs.readFileSync(state, 'utf8');
  });

  it('the fixture holds the three differences the real-daemon suite found', () => {
    const keys = fixture.cases.map((c) => c.args.join(' '));
    expect(keys).toEqual(
      expect.arrayContaining(['disconnect microk8s', 'connect microk8s:network-observe snapd:', 'disconnect microk8s:home lab-config-provider']),
    );
    expect(fixture._note).toMatch(/snapd\s+2\.57\.6/);
  });

  for (const c of fixture.cases) {
    it(`snap ${c.args.join(' ')}`, async () => {
      const { stdout, stderr, code } = c;
      expect(await snap(state, c.args)).toEqual({ stdout, stderr, code });
      expect(fs.readFileSync(state, 'utf8')).toBe(before);
    });
  }

  it('the exact bytes of the three, spelled out', async () => {
    expect(await snap(state, ['disconnect', 'microk8s'])).toEqual({
      stdout: '',
      stderr: 'error: invalid value: "microk8s" (want snap:name or :name)\n',
      code: 1,
    });
    expect(await snap(state, ['connect', 'microk8s:network-observe', 'snapd:'])).toEqual({
      stdout: '',
      stderr: 'error: invalid value: "snapd:" (want snap:name or snap)\n',
      code: 1,
    });
    expect(await snap(state, ['disconnect', 'microk8s:home', 'lab-config-provider'])).toEqual({
      stdout: '',
      stderr: 'error: invalid value: "lab-config-provider" (want snap:name or :name)\n',
      code: 1,
    });
  });

  it('still accepts the forms snapd accepts (":name" for the system snap, "snap:name" pairs)', async () => {
    const s = tempState(labState());
    expect(await snap(s, ['connect', 'microk8s:network-observe', ':network-observe'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(await snap(s, ['disconnect', 'microk8s:network-observe', ':network-observe'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(await snap(s, ['disconnect', ':network-observe'])).toEqual({ stdout: 'No connections to disconnect\n', stderr: '', code: 0 });
  });
});
