import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { kernLogHost } from '../support/kern-log-host';

// GET /api/denials names the zone the host's journal prints local times in (review problem 13),
// read through the host's own timedatectl, or, on a host without systemd, its date.
kernLogHost('cd-zone-');
process.env.DEMO_TZ = 'Europe/Berlin';
afterAll(() => {
  delete process.env.DEMO_TZ;
  delete process.env.DEMO_NO_SYSTEMD;
});

const route = await import('@/app/api/denials/route');
const followRoute = await import('@/app/api/denials/follow/route');
const { denialsKey, denialFollowKey } = await import('@/lib/contracts/denials');
type Denials = import('@/lib/contracts/denials').DenialsResponse;
type Follow = import('@/lib/contracts/denials').DenialFollowResponse;

const headers = () => ({ host: '127.0.0.1:3000', authorization: `Bearer ${process.env.CONFINEMENT_DASHBOARD_TOKEN}` });
async function get<T>(handler: typeof route.GET, url: string): Promise<T> {
  const res = await handler(new Request(`http://127.0.0.1:3000${url}`, { headers: headers() }), { params: Promise.resolve({}) });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

describe("the host's zone in the denials answers", () => {
  it("is timedatectl's zone on a systemd host, in /api/denials and /api/denials/follow", async () => {
    const body = await get<Denials>(route.GET, denialsKey(null, { range: 'all' }));
    expect(body.hostZone).toEqual({ kind: 'iana', name: 'Europe/Berlin', source: 'timedatectl' });
    const follow = await get<Follow>(followRoute.GET, denialFollowKey(null, {}));
    expect(follow.hostZone).toEqual(body.hostZone);
  });

  it("without systemd, is date's abbreviation and offset, as coreutils' date prints them in that zone", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      // past the minute the zone is remembered for
      vi.setSystemTime(Date.now() + 61_000);
      process.env.DEMO_NO_SYSTEMD = '1';
      const witness = execFileSync('date', ['+%Z %z'], { env: { ...process.env, TZ: 'Europe/Berlin', LC_ALL: 'C' }, encoding: 'utf8' }).trim();
      const [abbreviation, offset] = witness.split(' ');
      const minutes = (offset!.startsWith('-') ? -1 : 1) * (Number(offset!.slice(1, 3)) * 60 + Number(offset!.slice(3)));
      const body = await get<Denials>(route.GET, denialsKey(null, { range: 'all' }));
      expect(body.hostZone).toEqual({ kind: 'offset', abbreviation, offsetMinutes: minutes, source: 'date' });
    } finally {
      delete process.env.DEMO_NO_SYSTEMD;
      vi.useRealTimers();
    }
  });

  it("the demo host's timedatectl answers as systemd's does without systemd", () => {
    let err: { status: number; stderr: string } | null = null;
    try {
      execFileSync(process.execPath, [path.resolve('demo/bin/timedatectl'), 'show', '-p', 'Timezone', '--value'], { env: { ...process.env, DEMO_NO_SYSTEMD: '1' }, encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      err = e as { status: number; stderr: string };
    }
    expect(err?.status).toBe(1);
    expect(err?.stderr).toBe("System has not been booted with systemd as init system (PID 1). Can't operate.\nFailed to connect to bus: Host is down\n");
  });
});
