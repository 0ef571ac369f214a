import { describe, expect, it } from 'vitest';
import { demo, labState, snap, tempState } from './helpers';

// snap enable/disable as snapd 2.68.5 does them (cmd/snap/cmd_snap_op.go, daemon/api_snaps.go,
// overlord/snapstate/snapstate.go): the Notes column, the change, the errors.
describe('the demo snap: enable and disable', () => {
  it('disables and enables a snap, with the change snapd records', async () => {
    const state = tempState();
    expect(await snap(state, ['disable', 'htop'])).toEqual({ stdout: 'htop disabled\n', stderr: '', code: 0 });
    const row = (await snap(state, ['list', 'htop'])).stdout.split('\n')[1]!;
    expect(row.trim().split(/\s+/).at(-1)).toBe('disabled');
    const tasks = (await snap(state, ['tasks', '--last=disable-snap'])).stdout;
    expect(tasks).toContain('Stop snap "htop" (5029) services');
    expect(tasks).toContain('Make snap "htop" (5029) unavailable to the system');
    expect((await snap(state, ['changes'])).stdout).toContain('Disable "htop" snap');
    expect(await snap(state, ['disable', 'htop'])).toEqual({ stdout: '', stderr: 'error: snap "htop" already disabled\n', code: 1 });
    expect(await snap(state, ['enable', 'htop'])).toEqual({ stdout: 'htop enabled\n', stderr: '', code: 0 });
    expect((await snap(state, ['list', 'htop'])).stdout.split('\n')[1]!.trim().split(/\s+/).at(-1)).toBe('-');
    expect(await snap(state, ['enable', 'htop'])).toEqual({ stdout: '', stderr: 'error: snap "htop" already enabled\n', code: 1 });
  });

  it('refuses a snap that is not installed, and a missing name', async () => {
    const state = tempState();
    expect(await snap(state, ['disable', 'nosuch'])).toMatchObject({ stderr: 'error: snap "nosuch" is not installed\n', code: 1 });
    expect(await snap(state, ['disable'])).toEqual({ stdout: '', stderr: 'error: the required argument `<snap>` was not provided\n', code: 64 });
  });
});

describe('the demo timedatectl', () => {
  it('shows the zone (TZ), all properties or one, with or without the key', async () => {
    const state = tempState();
    expect(await demo('timedatectl', state, ['show', '-p', 'Timezone', '--value'], { TZ: 'Europe/Berlin' })).toEqual({ stdout: 'Europe/Berlin\n', stderr: '', code: 0 });
    expect((await demo('timedatectl', state, ['show', '--property=Timezone'], { TZ: 'Asia/Tokyo' })).stdout).toBe('Timezone=Asia/Tokyo\n');
    expect((await demo('timedatectl', state, ['show'], { TZ: 'UTC' })).stdout.split('\n')[0]).toBe('Timezone=UTC');
  });

  it('a host replayed from a snapshot has no zone to tell: not in the snapshot', async () => {
    const r = await demo('timedatectl', tempState(labState()), ['show', '-p', 'Timezone', '--value'], { TZ: 'Europe/Berlin' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^The time zone is not in the snapshot this simulated host replays/);
  });
});
