import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readState, snap, tempState } from './helpers';

/** Several snap processes at once (the dashboard runs reads in parallel with a mutation). */

const NOW = { DEMO_SNAP_NOW: '2026-11-22T15:30:00Z' };

const PLUGS = [
  'account-control', 'cifs-mount', 'firewall-control', 'fuse-support', 'hardware-observe', 'kernel-crypto-api',
  'kernel-module-control', 'kernel-module-observe', 'log-observe', 'login-session-observe', 'mount-observe',
  'network-control', 'network-observe', 'process-control', 'system-observe', 'docker-privileged',
];

describe('concurrent snap processes', () => {
  it('parallel connects and disconnects all land, with unique change ids, and readers never see a broken file', async () => {
    const state = tempState();
    await snap(state, ['version'], NOW); // create the state file
    const changesBefore = readState(state).changes.length;
    const firstId = readState(state).nextChangeId;

    const mutations = [
      ...PLUGS.map((p) => snap(state, ['connect', '--no-wait', `microk8s:${p}`], NOW)),
      snap(state, ['disconnect', '--no-wait', 'firefox:camera'], NOW), // not connected: no change
      snap(state, ['disconnect', '--no-wait', 'htop:process-control'], NOW),
      snap(state, ['disconnect', '--no-wait', 'juju:lxd', 'lxd:lxd'], NOW),
    ];
    const readers = Array.from({ length: 12 }, (_, i) => snap(state, i % 2 ? ['connections', '--all'] : ['changes'], NOW));
    const [results, reads] = await Promise.all([Promise.all(mutations), Promise.all(readers)]);

    for (const r of reads) {
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
    }
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const ids = results.map((r) => r.stdout.trim()).filter((s) => /^\d+$/.test(s));
    expect(ids).toHaveLength(PLUGS.length + 2);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: ids.length }, (_, i) => firstId + i));
    expect(results[PLUGS.length]!.stdout).toBe('No connections to disconnect\n');

    const s = readState(state);
    for (const p of PLUGS) {
      expect(s.connections.some((c) => c.plug.snap === 'microk8s' && c.plug.plug === p), p).toBe(true);
    }
    expect(s.connections.some((c) => c.plug.snap === 'htop' && c.plug.plug === 'process-control')).toBe(false);
    expect(s.connections.some((c) => c.plug.snap === 'juju' && c.plug.plug === 'lxd')).toBe(false);
    expect(s.changes.length).toBe(changesBefore + ids.length);
    // no lock or temporary files left behind
    expect(fs.readdirSync(path.dirname(state))).toEqual(['state.json']);
  });

  it('breaks a lock left behind by a process that died', async () => {
    const state = tempState();
    await snap(state, ['version'], NOW);
    fs.writeFileSync(`${state}.lock`, '2147483646'); // no such pid
    expect(await snap(state, ['connect', 'microk8s:mount-observe'], NOW)).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(fs.existsSync(`${state}.lock`)).toBe(false);
  });

  it('two first calls at once create the state file once, from the initial state', async () => {
    const state = tempState();
    const [a, b] = await Promise.all([snap(state, ['connect', 'htop:mount-observe'], NOW), snap(state, ['connect', 'htop:hardware-observe'], NOW)]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    const conns = readState(state).connections.filter((c) => c.plug.snap === 'htop').map((c) => c.plug.plug);
    expect(conns).toEqual(expect.arrayContaining(['mount-observe', 'hardware-observe']));
  });
});
