/**
 * What the real snapd says about the store and about snaps' health, through the app's host layer:
 * - `snap refresh --list`: the app reports what the real CLI (the witness) prints — on the lab, whose
 *   snaps are local installs, "All snaps up to date." — or snapd's own words when it cannot ask the
 *   store, never "up to date" then; held snaps as `snap list` notes them;
 * - each snap's health message agrees with /v2/snaps/NAME (`snap info` on 2.57, `snap debug api`
 *   from 2.64).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { restGet, snap, type RestSnap } from './support/lab';

const { availableRefreshes } = await import('@/lib/snap/refresh-available');
const { snapHealth } = await import('@/lib/snap/health');
const { parseRefreshList, parseSnapList } = await import('@/lib/snap/parse');
const { currentHost } = await import('@/lib/host');
const host = currentHost();
beforeEach(() => host.invalidateReads());

describe('store refreshes against the real snapd', () => {
  it('agrees with the CLI: its updates, or its words when snapd cannot ask the store; held snaps as `snap list` notes them', async () => {
    const cli = await snap(['refresh', '--list']);
    const got = await availableRefreshes(host);
    if (cli.code === 0) {
      // The lab's snaps are local installs (revision x1): snapd has nothing to ask the store about.
      expect(got.storeProblem).toBeNull();
      expect(got.updates?.map((u) => u.name)).toEqual(parseRefreshList(cli.stdout).map((u) => u.name));
      if (got.updates?.length === 0) expect(cli.stderr).toBe('All snaps up to date.\n');
    } else {
      expect(got.updates).toBeNull();
      expect(got.storeProblem?.replace(/\s+/g, ' ')).toBe(cli.stderr.trim().replace(/^error: /, '').replace(/\s+/g, ' '));
    }
    const held = parseSnapList((await snap(['list'])).stdout).filter((s) => s.notes.includes('held')).map((s) => s.name);
    expect(got.held).toEqual(held);
  });
});

describe('snap health against /v2/snaps/NAME', () => {
  it('is what snapd holds for each snap (the fixtures set none, and none is invented)', async () => {
    const snaps = await restGet<(RestSnap & { health?: { status: string; message?: string } })[]>('/v2/snaps');
    expect(snaps.length).toBeGreaterThanOrEqual(8);
    for (const s of snaps) {
      const expected = s.health && s.health.status !== 'okay' ? { status: s.health.status, message: s.health.message ?? null } : null;
      const got = await snapHealth(host, s.name);
      expect(got ? { status: got.status, message: got.message } : null, s.name).toEqual(expected);
    }
  });
});
